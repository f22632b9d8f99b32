import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { component, componentCreate, componentPatch, sbom, sbomImportResult } from '../../../../api/vulns.js'
import { actorOf } from '../../context.js'
import { discoveryIdParams as idParams } from '../params.js'
import { readUpload } from '../upload.js'

const ownerQuery = z.object({ modelId: z.string().max(100).optional(), deviceId: z.string().max(100).optional() })

/**
 * SBOMs (CycloneDX 1.4–1.6 JSON/XML, SPDX 2.2/2.3 JSON/tag-value) of models and devices, and their components
 * (from SBOMs, typed in, or confirmed from the ledger's candidate CPEs). Every role reads; an engineer changes.
 */
const sbomRoutes: FastifyPluginAsyncZod = async (app) => {
  const { sboms } = app.deps

  app.post(
    '/sboms',
    {
      schema: {
        tags: ['vulnerabilities'],
        summary:
          'Import an SBOM for a model ("MAKER MODEL" or modelId: applies to every device of it) or a device; 422 SBOM_UNREADABLE stores nothing',
        consumes: ['multipart/form-data'],
        querystring: ownerQuery.extend({ model: z.string().trim().max(300).optional() }),
        response: { 200: sbomImportResult },
      },
    },
    async (req) => {
      const { file, bytes } = await readUpload(req)
      return sboms.importSbom(actorOf(req), { name: file.filename || 'upload', bytes }, req.query)
    },
  )

  app.get(
    '/sboms',
    {
      schema: {
        tags: ['vulnerabilities'],
        summary: 'SBOMs on file for a model or a device',
        querystring: ownerQuery,
        response: { 200: z.object({ items: z.array(sbom) }) },
      },
    },
    async (req) => ({ items: await sboms.listSboms(req.query) }),
  )

  app.delete(
    '/sboms/:id',
    {
      schema: {
        tags: ['vulnerabilities'],
        summary: 'Delete an SBOM with its components and VEX',
        params: idParams,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await sboms.removeSbom(actorOf(req), req.params.id)
      return reply.code(204).send(null)
    },
  )

  app.get(
    '/components',
    {
      schema: {
        tags: ['vulnerabilities'],
        summary: 'Components of a model or a device (OS, firmware, applications, libraries, hardware)',
        querystring: ownerQuery,
        response: { 200: z.object({ items: z.array(component) }) },
      },
    },
    async (req) => ({ items: await sboms.components(req.query) }),
  )

  app.post(
    '/components',
    {
      schema: {
        tags: ['vulnerabilities'],
        summary: 'Add a component by hand (or confirm a candidate CPE) to a model or a device',
        body: componentCreate,
        response: { 200: component },
      },
    },
    async (req) => sboms.addComponent(actorOf(req), req.body),
  )

  app.patch(
    '/components/:id',
    {
      schema: {
        tags: ['vulnerabilities'],
        summary: 'Change a component',
        params: idParams,
        body: componentPatch,
        response: { 200: component },
      },
    },
    async (req) => sboms.updateComponent(actorOf(req), req.params.id, req.body),
  )

  app.delete(
    '/components/:id',
    {
      schema: {
        tags: ['vulnerabilities'],
        summary: 'Remove a component',
        params: idParams,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await sboms.removeComponent(actorOf(req), req.params.id)
      return reply.code(204).send(null)
    },
  )
}

export default sbomRoutes
