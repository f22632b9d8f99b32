import { randomUUID } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { mkdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { captureDetail, captureImport, captureStarted, trafficMap, trafficMapQuery } from '../../../../api/capture.js'
import { MamoriError } from '../../../core/errors.js'
import { actorOf } from '../../context.js'
import { attachment } from '../attachment.js'

const idParams = z.object({ id: z.string().min(1).max(200) })

/**
 * Passive discovery (api/capture.ts; ADR 0044): capture uploads (engineer), imports and what they heard, the
 * communications map and its CSV/GraphML exports (every role reads; exports audited). An upload is streamed to a
 * private file under the data directory, analysed in a worker thread, and deleted once analysed: only what was
 * learnt is kept, never the packets.
 */
const routes: FastifyPluginAsyncZod = async (app) => {
  const { captures, config } = app.deps

  app.post(
    '/captures',
    {
      schema: {
        tags: ['capture'],
        summary:
          'Upload a packet capture (pcap or pcapng, gzip allowed; any file name) to analyse passively: a capture job; 413 past the upload limit',
        consumes: ['multipart/form-data'],
        response: { 202: captureStarted },
      },
    },
    async (req, reply) => {
      let file: Awaited<ReturnType<typeof req.file>>
      try {
        file = await req.file({ limits: { fileSize: config.maxCaptureUploadBytes, files: 1 } })
      } catch (err) {
        throw MamoriError.of('UPLOAD_INCOMPLETE', {
          why: (err instanceof Error ? err.message : String(err)).slice(0, 200),
        })
      }
      if (!file) throw MamoriError.of('IMPORT_NO_FILE')
      const dir = join(config.dataDir, 'captures')
      await mkdir(dir, { recursive: true, mode: 0o700 })
      const path = join(dir, `${randomUUID()}.upload`)
      try {
        await pipeline(file.file, createWriteStream(path, { mode: 0o600 }))
      } catch (err) {
        await rm(path, { force: true })
        throw MamoriError.of('UPLOAD_INCOMPLETE', {
          why: (err instanceof Error ? err.message : String(err)).slice(0, 200),
        })
      }
      if (file.file.truncated) {
        await rm(path, { force: true })
        throw MamoriError.of('CAPTURE_TOO_LARGE', { limit: Math.round(config.maxCaptureUploadBytes / 1024 / 1024) })
      }
      const started = await captures
        .importFile(path, actorOf(req), {
          label: (file.filename || 'upload').replace(/^.*[\\/]/, '').slice(0, 200),
          maxDecompressedBytes: Math.min(20 * config.maxCaptureUploadBytes, 10 * 1024 ** 3),
        })
        .catch(async (err) => {
          await rm(path, { force: true })
          throw err
        })
      void started.done.finally(() => rm(path, { force: true }))
      return reply.code(202).send({ capture: started.capture, jobId: started.jobId })
    },
  )

  app.get(
    '/captures',
    {
      schema: {
        tags: ['capture'],
        summary: 'Capture imports, newest first',
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(500).default(50) }),
        response: { 200: z.object({ items: z.array(captureImport) }) },
      },
    },
    async (req) => ({ items: await captures.list(req.query.limit) }),
  )

  app.get(
    '/captures/:id',
    {
      schema: {
        tags: ['capture'],
        summary: 'One capture import with the hosts heard in it',
        params: idParams,
        response: { 200: captureDetail },
      },
    },
    async (req) => captures.get(req.params.id),
  )

  app.get(
    '/traffic/map',
    {
      schema: {
        tags: ['capture'],
        summary:
          'The communications map over every capture (who talks to whom, protocol, bytes, first/last seen), for one device or segment; format csv or graphml downloads it (audited)',
        querystring: trafficMapQuery,
        response: { 200: trafficMap },
      },
    },
    async (req, reply) => {
      const { format, ...q } = req.query
      if (format === 'json') return captures.trafficMap(q)
      const file = await captures.exportMap(q, format, actorOf(req))
      return attachment(reply, file.fileName, format, file.body)
    },
  )
}

export default routes
