import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import {
  candidatesAccept,
  candidatesAccepted,
  catalogModel,
  catalogModelSummary,
  deviceModel,
  deviceModelLink,
  deviceModelPut,
  mergeResult,
  modelCandidate,
  modelCreate,
  modelDeleteQuery,
  modelDetail,
  modelMerge,
  modelUpdate,
  suggestionCounts,
} from '../../../../api/catalog.js'
import { MamoriError } from '../../../core/errors.js'
import { actorOf } from '../../context.js'
import { idParams, presentLink, presentLinkedDevice } from './schema.js'

const tags = ['catalog']

/**
 * Catalog models and device ↔ model links: every role reads; engineers create, change and link (the default for
 * writes); deleting a model that is still in use (`force`) is for admins.
 */
const modelRoutes: FastifyPluginAsyncZod = async (app) => {
  const { catalog } = app.deps

  app.get(
    '/models',
    {
      schema: {
        tags,
        summary: 'Catalog models with device and disclosure counts',
        response: { 200: z.array(catalogModelSummary) },
      },
    },
    async () => catalog.list(),
  )
  app.post(
    '/models',
    {
      schema: {
        tags,
        summary: 'Create a model (the maker goes through the alias table)',
        body: modelCreate,
        response: { 201: catalogModel },
      },
    },
    async (req, reply) => reply.status(201).send(await catalog.create(actorOf(req), req.body)),
  )
  app.get(
    '/models/candidates',
    {
      schema: {
        tags,
        summary: 'Maker/model pairs the ledger uses that the catalog does not have yet, most devices first',
        response: { 200: z.array(modelCandidate) },
      },
    },
    async () => catalog.candidates(),
  )
  app.post(
    '/models/candidates',
    {
      schema: {
        tags,
        summary: 'Create the accepted candidates, then suggest links over the ledger',
        body: candidatesAccept,
        response: { 201: candidatesAccepted },
      },
    },
    async (req, reply) => reply.status(201).send(await catalog.acceptCandidates(actorOf(req), req.body.items)),
  )
  app.post(
    '/models/suggest-links',
    {
      schema: {
        tags,
        summary: 'Suggest a model for every ledger device without a confirmed link',
        response: { 200: suggestionCounts },
      },
    },
    async (req) => catalog.suggestLinks(actorOf(req)),
  )
  app.get(
    '/models/:id',
    { schema: { tags, summary: 'A model with its linked devices', params: idParams, response: { 200: modelDetail } } },
    async (req) => {
      const d = await catalog.detail(req.params.id)
      return { model: d.model, devices: d.devices.map(presentLinkedDevice) }
    },
  )
  app.patch(
    '/models/:id',
    {
      schema: {
        tags,
        summary: 'Rename a model or set its version range',
        params: idParams,
        body: modelUpdate,
        response: { 200: catalogModel },
      },
    },
    async (req) => catalog.update(actorOf(req), req.params.id, req.body),
  )
  app.delete(
    '/models/:id',
    {
      schema: {
        tags,
        summary: 'Delete a model (refused while in use unless an admin forces it)',
        params: idParams,
        querystring: modelDeleteQuery,
      },
    },
    async (req, reply) => {
      if (req.query.force && req.user?.role !== 'admin') throw MamoriError.of('FORBIDDEN', { role: 'admin' })
      await catalog.remove(actorOf(req), req.params.id, { force: req.query.force })
      return reply.status(204).send()
    },
  )
  app.post(
    '/models/:id/merge',
    {
      schema: {
        tags,
        summary: 'Merge another model into this one (links, disclosures and declared ports move; the other is deleted)',
        params: idParams,
        body: modelMerge,
        response: { 200: mergeResult },
      },
    },
    async (req) => catalog.merge(actorOf(req), req.body.from, req.params.id),
  )
  app.post(
    '/models/:id/confirm-suggestions',
    {
      schema: {
        tags,
        summary: 'Confirm every suggested device of this model',
        params: idParams,
        response: { 200: z.object({ confirmed: z.number().int() }) },
      },
    },
    async (req) => ({ confirmed: await catalog.confirmSuggestions(actorOf(req), req.params.id) }),
  )

  app.get(
    '/devices/:id/model',
    { schema: { tags, summary: "A device's catalog model link", params: idParams, response: { 200: deviceModel } } },
    async (req) => {
      const found = await catalog.modelOfDevice(req.params.id)
      return { link: found ? presentLink(found.link) : null, model: found?.model ?? null }
    },
  )
  app.put(
    '/devices/:id/model',
    {
      schema: {
        tags,
        summary: "Confirm a device's model: the given model, or its current suggestion",
        params: idParams,
        body: deviceModelPut,
        response: { 200: deviceModelLink },
      },
    },
    async (req) => {
      const actor = actorOf(req)
      const link = req.body.modelId
        ? await catalog.link(actor, req.params.id, req.body.modelId)
        : await catalog.confirm(actor, req.params.id)
      return presentLink(link)
    },
  )
  app.delete(
    '/devices/:id/model',
    { schema: { tags, summary: "Remove a device's model link", params: idParams } },
    async (req, reply) => {
      await catalog.unlink(actorOf(req), req.params.id)
      return reply.status(204).send()
    },
  )
}
export default modelRoutes
