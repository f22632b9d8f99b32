import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import {
  disclosedVsObserved,
  disclosureDetail,
  disclosureEvaluation,
  disclosureImportResult,
  disclosureQuestion,
  disclosureSummary,
  letterQuery,
  letterSender,
  manualDisclosure,
} from '../../../../api/disclosure.js'
import { DISCLOSURE_FORMS } from '../../../core/disclosures/disclosure.js'
import type { StoredDisclosure } from '../../../core/ports.js'
import { presentProblem } from '../../../services/disclosures.js'
import { actorOf } from '../../context.js'
import { attachment } from '../attachment.js'
import { discoveryIdParams as idParams } from '../params.js'
import { readUpload } from '../upload.js'

const summaryOf = (d: StoredDisclosure) => ({ ...d, warningCount: d.problems.length })

const importQuery = z.object({
  /** "MAKER MODEL", e.g. "日本光電 BSM-6501": the catalog model it belongs to (created when new). */
  model: z.string().trim().max(300).optional(),
  modelId: z.string().max(100).optional(),
})

/**
 * Manufacturer disclosures. Every role reads; an engineer imports, deletes and applies; a letter download is an
 * export and audited. Declared ports, disclosed-vs-observed, comparison and the letter sender are in ./ports.ts.
 */
const disclosureRoutes: FastifyPluginAsyncZod = async (app) => {
  const { disclosures, audit } = app.deps

  app.post(
    '/disclosures',
    {
      schema: {
        tags: ['disclosures'],
        summary:
          'Import an MDS2 (2019/2013, .xlsx or CSV) or JAHIS MDS/SDS form; 422 DISCLOSURE_UNREADABLE lists every problem and stores nothing',
        consumes: ['multipart/form-data'],
        querystring: importQuery,
        response: { 200: disclosureImportResult },
      },
    },
    async (req) => {
      const { file, bytes } = await readUpload(req)
      const out = await disclosures.importFile(actorOf(req), {
        bytes,
        fileName: file.filename || 'upload',
        model: req.query.model ?? null,
        modelId: req.query.modelId ?? null,
      })
      return {
        disclosure: summaryOf(out.disclosure),
        problems: out.problems.map(presentProblem),
        findings: out.findings,
      }
    },
  )

  app.post(
    '/disclosures/manual',
    {
      schema: {
        tags: ['disclosures'],
        summary: 'Store answers typed in from a PDF or web page, against the MDS2 question set',
        body: manualDisclosure,
        response: { 200: disclosureImportResult },
      },
    },
    async (req) => {
      const out = await disclosures.importManual(actorOf(req), req.body)
      return {
        disclosure: summaryOf(out.disclosure),
        problems: out.problems.map(presentProblem),
        findings: out.findings,
      }
    },
  )

  app.get(
    '/disclosures',
    {
      schema: {
        tags: ['disclosures'],
        summary: 'Disclosures on file, newest first',
        querystring: z.object({ modelId: z.string().max(100).optional() }),
        response: { 200: z.object({ items: z.array(disclosureSummary) }) },
      },
    },
    async (req) => ({ items: (await disclosures.list(req.query)).map(summaryOf) }),
  )

  app.get(
    '/disclosures/questions',
    {
      schema: {
        tags: ['disclosures'],
        summary: 'The question set of a form (for typing answers in by hand)',
        querystring: z.object({ form: z.enum(DISCLOSURE_FORMS).default('mds2-2019') }),
        response: { 200: z.object({ items: z.array(disclosureQuestion) }) },
      },
    },
    async (req) => ({ items: [...disclosures.questions(req.query.form)] }),
  )

  app.post(
    '/disclosures/apply',
    {
      schema: {
        tags: ['disclosures'],
        summary: "Re-evaluate every model's latest disclosure into findings on its confirmed devices",
        response: {
          200: z.object({
            jobId: z.string(),
            models: z.number(),
            devices: z.number(),
            created: z.number(),
            updated: z.number(),
            resolved: z.number(),
          }),
        },
      },
    },
    // Runs as a disclosure-apply job (listed, cancellable, audited); the request waits for it as an import commit does.
    async (req) => {
      const started = await disclosures.startApply(actorOf(req), 'user')
      return { jobId: started.job.id, ...(await started.done) }
    },
  )

  app.get(
    '/disclosures/:id',
    {
      schema: {
        tags: ['disclosures'],
        summary: 'A disclosure with its answers (and their questions), notes, problems and declared ports',
        params: idParams,
        response: { 200: disclosureDetail },
      },
    },
    async (req) => {
      const { disclosure, answers, notes } = await disclosures.get(req.params.id)
      const ports = disclosure.modelId ? await app.deps.disclosureDocuments.declaredPorts(disclosure.modelId) : null
      return {
        ...summaryOf(disclosure),
        answers: disclosures.withQuestions(disclosure.form, answers),
        notes,
        problems: disclosure.problems.map(presentProblem),
        declaredPorts: ports?.ports ?? [],
      }
    },
  )

  app.delete(
    '/disclosures/:id',
    { schema: { tags: ['disclosures'], summary: 'Delete a disclosure (audited)', params: idParams } },
    async (req, reply) => {
      await disclosures.remove(actorOf(req), req.params.id)
      return reply.status(204).send()
    },
  )

  app.get(
    '/disclosures/:id/evaluation',
    {
      schema: {
        tags: ['disclosures'],
        summary: 'What the disclosure means: findings, compensating controls, questions to the manufacturer',
        params: idParams,
        response: { 200: disclosureEvaluation },
      },
    },
    async (req) => {
      const { disclosure, evaluation } = await disclosures.evaluation(req.params.id)
      return { disclosureId: disclosure.id, model: disclosure.model, ...evaluation }
    },
  )

  app.get(
    '/disclosures/:id/letter',
    {
      schema: {
        tags: ['disclosures'],
        summary: 'A letter to the manufacturer (PDF or Word; Japanese or English) with the open questions',
        params: idParams,
        querystring: letterQuery,
        produces: ['application/pdf', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
      },
    },
    async (req, reply) => {
      const { lang, format } = req.query
      const letter = await app.deps.disclosureDocuments.letter(req.params.id, lang, format)
      await audit.record(actorOf(req), {
        action: 'export.letter',
        targetType: 'disclosure',
        targetId: req.params.id,
        after: { lang, format, fileName: letter.fileName },
      })
      return attachment(reply, letter.fileName, format, letter.bytes)
    },
  )

  app.get(
    '/devices/:id/disclosed-vs-observed',
    {
      schema: {
        tags: ['disclosures'],
        summary: "The ports the device's model declares against what scans saw on the device",
        params: idParams,
        response: { 200: disclosedVsObserved },
      },
    },
    async (req) => app.deps.disclosureDocuments.disclosedVsObserved(req.params.id),
  )

  app.get(
    '/settings/letter-sender',
    {
      schema: {
        tags: ['disclosures'],
        summary: 'Who letters to manufacturers come from',
        response: { 200: letterSender },
      },
    },
    async () => app.deps.disclosureDocuments.letterSender(),
  )

  app.put(
    '/settings/letter-sender',
    {
      config: { minRole: 'admin' },
      schema: {
        tags: ['disclosures'],
        summary: 'Set who letters come from (admin; audited)',
        body: letterSender,
        response: { 200: letterSender },
      },
    },
    async (req) => app.deps.disclosureDocuments.setLetterSender(actorOf(req), req.body),
  )
}
export default disclosureRoutes
