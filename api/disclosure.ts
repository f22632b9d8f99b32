import { z } from 'zod'
import { ANSWER_VALUES, DISCLOSURE_FORMS } from '../src/core/disclosures/disclosure.js'

/**
 * Manufacturer disclosures (MDS2 2019/2013, JAHIS MDS/SDS, typed in by hand) attached to catalog models, what they
 * mean for the hospital (findings, compensating controls, questions to the manufacturer), the ports each model
 * declares compared with what scans saw, letters to manufacturers and side-by-side comparison.
 *
 * Routes: POST /api/disclosures (multipart "file"; query `model` = "MAKER MODEL" or `modelId`, else the form's header),
 * POST /api/disclosures/manual, GET /api/disclosures[?modelId], GET/DELETE /api/disclosures/:id,
 * GET /api/disclosures/:id/evaluation, GET /api/disclosures/:id/letter?lang=ja|en&format=pdf|docx,
 * POST /api/disclosures/apply (re-evaluate every disclosure into findings of its model's linked devices),
 * GET /api/devices/:id/disclosed-vs-observed, GET/PUT /api/models/:id/declared-ports,
 * POST /api/models/:id/declared-ports/import (the CSV/JSON template), GET /api/disclosures/compare?modelIds=a,b[&format=xlsx],
 * GET/PUT /api/settings/letter-sender (admin), GET /api/disclosures/questions?form=mds2-2019.
 * An unreadable file answers 422 DISCLOSURE_UNREADABLE with every problem in `error.details` and stores nothing.
 */

export const disclosureForm = z.enum(DISCLOSURE_FORMS)
export const answerValue = z.enum(ANSWER_VALUES)

export const disclosureHeader = z.object({
  manufacturer: z.string().nullable(),
  deviceDescription: z.string().nullable(),
  model: z.string().nullable(),
  documentId: z.string().nullable(),
  contact: z.string().nullable(),
  intendedUse: z.string().nullable(),
  releaseDate: z.string().nullable(),
})

export const cellRef = z.object({ sheet: z.string(), row: z.number().int(), column: z.string() })

/** A reader's problem, with its text in both languages (catalog `disclosures.problem.<code>`). */
export const disclosureProblem = z.object({
  severity: z.enum(['error', 'warning']),
  code: z.string(),
  sheet: z.string().nullable(),
  row: z.number().int().nullable(),
  column: z.string().nullable(),
  value: z.string().nullable(),
  message: z.string(),
  messageJa: z.string(),
})
export type DisclosureProblemOut = z.infer<typeof disclosureProblem>

export const modelRef = z.object({ id: z.string(), vendor: z.string(), name: z.string() })

export const disclosureSummary = z.object({
  id: z.string(),
  model: modelRef.nullable(),
  form: disclosureForm,
  fileName: z.string().nullable(),
  header: disclosureHeader,
  questionCount: z.number().int(),
  answeredCount: z.number().int(),
  warningCount: z.number().int(),
  importedAt: z.string(),
  importedBy: z.string().nullable(),
})
export type DisclosureSummary = z.infer<typeof disclosureSummary>

export const disclosureAnswerOut = z.object({
  questionId: z.string(),
  writtenId: z.string().nullable(),
  section: z.string().nullable(),
  questionJa: z.string().nullable(),
  questionEn: z.string().nullable(),
  value: answerValue.nullable(),
  comment: z.string().nullable(),
  noteRefs: z.array(z.number().int()),
  cell: cellRef.nullable(),
})

export const declaredPort = z.object({
  port: z.number().int().min(1).max(65535),
  transport: z.enum(['tcp', 'udp']),
  direction: z.enum(['in', 'out', 'both']),
  service: z.string().max(100).nullable(),
  purpose: z.string().max(500).nullable(),
  tls: z.boolean().nullable(),
})
export const declaredPortList = z.object({
  source: z.enum(['mds2', 'template', 'manual']).nullable(),
  ports: z.array(declaredPort),
})

export const disclosureDetail = disclosureSummary.extend({
  answers: z.array(disclosureAnswerOut),
  notes: z.array(z.object({ number: z.number().int(), text: z.string() })),
  problems: z.array(disclosureProblem),
  declaredPorts: z.array(declaredPort),
})
export type DisclosureDetail = z.infer<typeof disclosureDetail>

export const disclosureImportResult = z.object({
  disclosure: disclosureSummary,
  /** Warnings kept with the disclosure (errors never reach here: they answer 422). */
  problems: z.array(disclosureProblem),
  /** Findings written for the model's confirmed devices. */
  findings: z.object({ devices: z.number().int(), created: z.number().int(), updated: z.number().int() }),
})
export type DisclosureImportResult = z.infer<typeof disclosureImportResult>

export const manualDisclosure = z.object({
  modelId: z.string(),
  form: disclosureForm.default('manual'),
  header: disclosureHeader.partial().default({}),
  answers: z
    .array(
      z.object({
        questionId: z.string().min(1).max(40),
        value: answerValue.nullable(),
        comment: z.string().max(2000).nullish(),
        noteRefs: z.array(z.number().int().min(1).max(999)).max(20).optional(),
      }),
    )
    .max(1000),
  notes: z
    .array(z.object({ number: z.number().int().min(1).max(999), text: z.string().max(10000) }))
    .max(500)
    .default([]),
})
export type ManualDisclosure = z.infer<typeof manualDisclosure>

const citation = z.object({ questionId: z.string(), answer: z.string(), comment: z.string().nullable() })
const severity = z.enum(['critical', 'high', 'medium', 'low', 'info'])

export const disclosureEvaluation = z.object({
  disclosureId: z.string(),
  model: modelRef.nullable(),
  findings: z.array(
    z.object({
      ruleId: z.string(),
      severity,
      titleJa: z.string(),
      titleEn: z.string(),
      detailJa: z.string(),
      detailEn: z.string(),
      recommendationJa: z.string(),
      recommendationEn: z.string(),
      citations: z.array(citation),
    }),
  ),
  controls: z.array(
    z.object({
      controlId: z.string(),
      titleJa: z.string(),
      titleEn: z.string(),
      detailJa: z.string(),
      detailEn: z.string(),
      checklistItem: z.string().nullable(),
      guidelineRef: z.string().nullable(),
      citations: z.array(citation),
    }),
  ),
  questions: z.array(
    z.object({
      questionId: z.string(),
      reason: z.string(),
      textJa: z.string(),
      textEn: z.string(),
      citations: z.array(citation),
    }),
  ),
})
export type DisclosureEvaluationOut = z.infer<typeof disclosureEvaluation>

export const observedService = z.object({
  address: z.string(),
  port: z.number().int(),
  transport: z.enum(['tcp', 'udp']),
  service: z.string().nullable(),
  tls: z.boolean().nullable(),
  lastSeenAt: z.string(),
})

export const disclosedVsObserved = z.object({
  deviceId: z.string(),
  /** The device's model (null: not linked, or only a suggestion not yet confirmed). */
  model: modelRef.nullable(),
  linkState: z.enum(['suggested', 'confirmed']).nullable(),
  declaredSource: z.enum(['mds2', 'template', 'manual']).nullable(),
  rows: z.array(
    z.object({
      port: z.number().int(),
      transport: z.enum(['tcp', 'udp']),
      status: z.enum(['declared-seen', 'undeclared-open', 'declared-unseen', 'cleartext-where-tls']),
      declared: declaredPort.nullable(),
      observed: z.array(observedService),
    }),
  ),
  /** When the device's addresses were last scanned (null: never). */
  lastScannedAt: z.string().nullable(),
})
export type DisclosedVsObserved = z.infer<typeof disclosedVsObserved>

export const letterQuery = z.object({
  lang: z.enum(['ja', 'en']).default('ja'),
  format: z.enum(['pdf', 'docx']).default('pdf'),
})

/** Who letters come from (settings; admin). */
export const letterSender = z.object({
  name: z.string().trim().max(200),
  department: z.string().trim().max(200).nullable(),
  address: z.string().trim().max(500).nullable(),
  contactPerson: z.string().trim().max(200).nullable(),
  email: z.string().trim().max(200).nullable(),
  phone: z.string().trim().max(50).nullable(),
})
export type LetterSender = z.infer<typeof letterSender>

export const compareQuery = z.object({
  modelIds: z
    .string()
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(z.array(z.string()).min(2).max(10)),
  lang: z.enum(['ja', 'en']).default('ja'),
  format: z.enum(['json', 'xlsx']).default('json'),
})

export const disclosureQuestion = z.object({
  id: z.string(),
  section: z.string(),
  textJa: z.string(),
  textEn: z.string(),
  kind: z.enum(['yes-no', 'text', 'date']),
})

/** Two or more models side by side (procurement). `answers[i]` belongs to `models[i]`. */
export const modelComparison = z.object({
  models: z.array(
    z.object({
      model: modelRef,
      disclosure: disclosureSummary.nullable(),
      counts: z.object({
        critical: z.number().int(),
        high: z.number().int(),
        medium: z.number().int(),
        low: z.number().int(),
        info: z.number().int(),
        controls: z.number().int(),
        questions: z.number().int(),
      }),
      /** SBOM-1 / DOC-8 answered yes (null: no disclosure or unanswered). */
      hasSbom: z.boolean().nullable(),
      hasCvdProgram: z.boolean().nullable(),
      declaredPorts: z.number().int(),
    }),
  ),
  rows: z.array(
    z.object({
      questionId: z.string(),
      section: z.string(),
      textJa: z.string(),
      textEn: z.string(),
      answers: z.array(z.object({ value: answerValue.nullable(), comment: z.string().nullable() }).nullable()),
      /** The models answer differently (or one lacks the answer). */
      differs: z.boolean(),
    }),
  ),
})
export type ModelComparison = z.infer<typeof modelComparison>
