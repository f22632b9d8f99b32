import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import {
  benchmarkImportResult,
  benchmarkPosition,
  benchmarkSettings,
  cohortReport,
  indicatorValue,
} from '../../../../api/benchmark.js'
import { MAX_FILE_BYTES } from '../../../core/benchmark/profile.js'
import { MamoriError, notFound } from '../../../core/errors.js'
import { actorOf } from '../../context.js'

/** Most files one import takes (a coordinator's folder of profiles). */
const MAX_FILES = 2000

/**
 * Indicators and anonymous benchmarking (issue 10, ADR 0036); see api/benchmark.ts for the list. Reads: viewer;
 * export and import: engineer; settings: admin. Every export, import and settings change is audited.
 */
const routes: FastifyPluginAsyncZod = async (app) => {
  const { benchmark } = app.deps

  app.get(
    '/benchmark/indicators',
    {
      schema: {
        tags: ['benchmark'],
        summary: "This hospital's indicator values, each with its formula",
        response: { 200: z.object({ items: z.array(indicatorValue) }) },
      },
    },
    async () => ({ items: await benchmark.indicators() }),
  )

  app.get(
    '/benchmark/settings',
    {
      schema: {
        tags: ['benchmark'],
        summary: 'Bed-count band, region and the smallest published group',
        response: { 200: benchmarkSettings },
      },
    },
    async () => benchmark.settings(),
  )

  app.put(
    '/benchmark/settings',
    {
      config: { minRole: 'admin' },
      schema: {
        tags: ['benchmark'],
        summary: 'Change the benchmark settings (minCohort at least 3); audited',
        // Validated by the service, so a bad minCohort gets its own plain message.
        body: z.unknown(),
        response: { 200: benchmarkSettings },
      },
    },
    async (req) => benchmark.saveSettings(actorOf(req), req.body),
  )

  app.get(
    '/benchmark/export',
    {
      config: { minRole: 'engineer' },
      schema: {
        tags: ['benchmark'],
        summary: 'The anonymous profile of this hospital (a download); refused when it could identify the hospital',
      },
    },
    async (req, reply) => {
      const profile = await benchmark.exportProfile(actorOf(req))
      return reply
        .header('content-type', 'application/json; charset=utf-8')
        .header('content-disposition', `attachment; filename="mamori-benchmark-${profile.period}.json"`)
        .header('cache-control', 'no-store')
        .send(`${JSON.stringify(profile, null, 2)}\n`)
    },
  )

  app.post(
    '/benchmark/import',
    {
      schema: {
        tags: ['benchmark'],
        summary: 'Import profiles and/or one published cohort report (multipart "file", one or more); all or nothing',
        consumes: ['multipart/form-data'],
        response: { 200: benchmarkImportResult },
      },
    },
    async (req) => {
      const files: { name: string; bytes: Uint8Array }[] = []
      for await (const part of req.files({ limits: { files: MAX_FILES, fileSize: MAX_FILE_BYTES } })) {
        const name = part.filename || `file ${files.length + 1}`
        try {
          files.push({ name, bytes: await part.toBuffer() })
        } catch (err) {
          if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE')
            throw MamoriError.of('BENCHMARK_PROFILE_INVALID', {
              file: name,
              why: {
                ja: `ファイルが大きすぎます（上限 ${MAX_FILE_BYTES} バイト）`,
                en: `the file is too large (at most ${MAX_FILE_BYTES} bytes)`,
              },
            })
          throw err
        }
      }
      return benchmark.importFiles(actorOf(req), files)
    },
  )

  app.get(
    '/benchmark/compare',
    {
      schema: {
        tags: ['benchmark'],
        summary: 'The cohort report over the imported profiles, with small and derivable figures suppressed',
        response: { 200: cohortReport },
      },
    },
    async () => benchmark.compare(),
  )

  app.get(
    '/benchmark/position',
    {
      schema: {
        tags: ['benchmark'],
        summary: 'This hospital against the last imported cohort report: its percentile per indicator',
        response: { 200: benchmarkPosition },
      },
    },
    async () => {
      const p = await benchmark.position()
      if (!p) throw notFound('cohort report', 'last', 'コホート報告')
      return p
    },
  )
}
export default routes
