import { createReadStream } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { feedImportResult, feedSourceOut, feedSourcePut, feedsOverview } from '../../../../api/vulns.js'
import { actorOf } from '../../context.js'
import { attachment } from '../attachment.js'
import { readUpload } from '../upload.js'

const sourceParams = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9:._-]{0,79}$/, 'a feed id such as kev or csaf:cisa'),
})

/**
 * Vulnerability feeds: what is stored and where it comes from, file import (any feed format, detected from its
 * content, or an offline bundle), sync from providers as a job, and the offline bundle for another installation.
 * Every role reads; an engineer imports and syncs; an admin changes sources. Import and export are audited.
 */
const feedRoutes: FastifyPluginAsyncZod = async (app) => {
  const { feeds } = app.deps

  app.get(
    '/feeds',
    {
      schema: {
        tags: ['vulnerabilities'],
        summary: 'Feed sources with their last sync, and how much is stored',
        response: { 200: feedsOverview },
      },
    },
    async () => feeds.overview(),
  )

  app.put(
    '/feeds/:id',
    {
      config: { minRole: 'admin' },
      schema: {
        tags: ['vulnerabilities'],
        summary: 'Add or change a feed source (where it is fetched from, whether sync uses it)',
        params: sourceParams,
        body: feedSourcePut,
        response: { 200: feedSourceOut },
      },
    },
    async (req) => feeds.putSource(actorOf(req), req.params.id, req.body),
  )

  app.post(
    '/feeds/import',
    {
      schema: {
        tags: ['vulnerabilities'],
        summary:
          'Import one feed file: CSAF 2.0 (advisory or VEX), CISA KEV, FIRST EPSS, NVD CVE JSON 2.0, JVN, CycloneDX VEX or an offline bundle; 422 FEED_UNREADABLE stores nothing',
        consumes: ['multipart/form-data'],
        response: { 200: feedImportResult },
      },
    },
    async (req) => {
      const { file, bytes } = await readUpload(req)
      return feeds.importFiles([{ name: file.filename || 'upload', bytes }], actorOf(req))
    },
  )

  app.post(
    '/feeds/sync',
    {
      schema: {
        tags: ['vulnerabilities'],
        summary: 'Fetch the enabled sources now (a feed-sync job with progress and cancel)',
        response: { 202: z.object({ jobId: z.string() }) },
      },
    },
    async (req, reply) => {
      const started = await feeds.startSync(actorOf(req), 'user')
      started.done.catch(() => undefined)
      return reply.code(202).send({ jobId: started.jobId })
    },
  )

  app.get(
    '/feeds/export',
    {
      config: { minRole: 'engineer' },
      schema: {
        tags: ['vulnerabilities'],
        summary: 'The offline bundle (advisories, CVEs, KEV, EPSS, VEX) another installation imports; audited',
      },
    },
    async (req, reply) => {
      // Written to a private temporary folder first: the bundle can be hundreds of megabytes, so it is streamed.
      const dir = await mkdtemp(join(tmpdir(), 'mamori-feeds-'))
      const file = join(dir, 'bundle.mamori-feeds.gz')
      try {
        await feeds.exportBundle(file, actorOf(req))
      } catch (err) {
        await rm(dir, { recursive: true, force: true })
        throw err
      }
      const stream = createReadStream(file)
      stream.on('close', () => void rm(dir, { recursive: true, force: true }))
      const day = new Date().toISOString().slice(0, 10)
      return attachment(reply, `mamori-feeds-${day}.mamori-feeds.gz`, 'gzip', stream)
    },
  )
}

export default feedRoutes
