import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { compareQuery, declaredPort, declaredPortList, modelComparison } from '../../../../api/disclosure.js'
import { actorOf } from '../../context.js'
import { attachment } from '../attachment.js'
import { discoveryIdParams as idParams } from '../params.js'
import { readUpload } from '../upload.js'

/**
 * What a model declares and how models compare: GET/PUT /models/:id/declared-ports (typed in), POST
 * /models/:id/declared-ports/import (the manufacturer's filled-in template, docs/disclosure-template/), and
 * GET /disclosures/compare (JSON, or .xlsx as an audited export).
 */
const declaredPortRoutes: FastifyPluginAsyncZod = async (app) => {
  const { disclosureDocuments: docs, audit } = app.deps

  app.get(
    '/models/:id/declared-ports',
    {
      schema: {
        tags: ['disclosures'],
        summary: 'Ports and protocols the manufacturer declares for this model, and where the list came from',
        params: idParams,
        response: { 200: declaredPortList },
      },
    },
    async (req) => docs.declaredPorts(req.params.id),
  )

  app.put(
    '/models/:id/declared-ports',
    {
      schema: {
        tags: ['disclosures'],
        summary: "Replace the model's declared ports with a list typed in by hand (audited)",
        params: idParams,
        body: z.object({ ports: z.array(declaredPort).max(2000) }),
        response: { 200: declaredPortList },
      },
    },
    async (req) => {
      await docs.setDeclaredPorts(actorOf(req), req.params.id, req.body.ports)
      return docs.declaredPorts(req.params.id)
    },
  )

  app.post(
    '/models/:id/declared-ports/import',
    {
      schema: {
        tags: ['disclosures'],
        summary:
          "Replace the model's declared ports with the manufacturer's filled-in template (CSV or JSON); 422 lists every problem",
        params: idParams,
        consumes: ['multipart/form-data'],
        response: { 200: declaredPortList },
      },
    },
    async (req) => {
      const { file, bytes } = await readUpload(req)
      await docs.importDeclaredPorts(actorOf(req), req.params.id, { bytes, fileName: file.filename || 'upload' })
      return docs.declaredPorts(req.params.id)
    },
  )

  app.get(
    '/disclosures/compare',
    {
      schema: {
        tags: ['disclosures'],
        summary: 'Two or more models side by side (procurement): JSON, or Excel with format=xlsx',
        querystring: compareQuery,
        response: { 200: modelComparison },
      },
    },
    async (req, reply) => {
      const { modelIds, lang, format } = req.query
      if (format === 'json') {
        const { models, rows } = await docs.compare(modelIds)
        return { models, rows }
      }
      const bytes = await docs.compareXlsx(modelIds, lang)
      await audit.record(actorOf(req), { action: 'export.model-comparison', after: { modelIds, lang } })
      return attachment(reply, `model-comparison-${lang}.xlsx`, 'xlsx', bytes)
    },
  )
}
export default declaredPortRoutes
