import { loadConfig } from '../src/config.js'
import { renderPdf } from '../src/documents/index.js'
import { composeManagement } from '../src/reports/management/index.js'
import { buildServices } from '../src/services/index.js'
import { SYSTEM_ACTOR } from '../src/storage/audit-repository.js'
import { migrate, openStorage } from '../src/storage/database.js'
import { storagePorts } from '../src/storage/ports.js'
import { action, checklistView, device, position, summary, trend } from '../test/reports/fixtures.js'
import { type BenchContext, type BenchReport, metric, peakRssMiB } from './lib.js'

export const title = 'Reports: management report for 10,000 devices (issue 10)'

const DEVICES = Number(process.env.MAMORI_BENCH_REPORT_DEVICES ?? 10_000)
const TARGET_MS = 10_000
const RUNS = 3

async function median(fn: () => Promise<Buffer>): Promise<{ ms: number; bytes: number }> {
  const times: number[] = []
  let bytes = 0
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now()
    bytes = (await fn()).length
    times.push(performance.now() - t0)
  }
  times.sort((a, b) => a - b)
  return { ms: times[Math.floor(RUNS / 2)] ?? 0, bytes }
}

/**
 * The management report over a SQLite file database of DEVICES synthetic devices (the risk benchmark's seed: scans,
 * findings on half, affected matches on a tenth, KEV on some), through the real services: risk re-scored and
 * actions grouped first (not timed), then the whole report timed — reading the four modules, composing and rendering
 * the PDF with the embedded font. The first run is reported on its own (cold: font parsing, first queries), then the
 * median of RUNS. Composition + rendering alone from generated reader data is measured too, to show where time goes.
 */
export async function run(ctx: BenchContext): Promise<BenchReport> {
  process.env.MAMORI_BENCH_RISK_DEVICES = String(DEVICES)
  const { seed } = await import('./risk-rescore.js')
  const storage = openStorage({ dataDir: ctx.tmpDir })
  try {
    await migrate(storage.db)
    ctx.log(`management-report: seeding ${DEVICES} devices`)
    await seed(storage, ctx)
    const services = buildServices(storagePorts(storage), loadConfig({ dataDir: ctx.tmpDir }, {}))
    await services.ready()
    ctx.log('management-report: re-scoring and grouping actions (not timed)')
    await services.risk.rescore(SYSTEM_ACTOR)
    await services.actions.sync(SYSTEM_ACTOR)
    const actions = await services.actions.list({ limit: 1, offset: 0 })
    ctx.log('management-report: timing the full path')
    const t0 = performance.now()
    const cold = (await services.reports.management('ja', 'pdf', SYSTEM_ACTOR)).body.length
    const coldMs = performance.now() - t0
    const warm = await median(async () => (await services.reports.management('ja', 'pdf', SYSTEM_ACTOR)).body)
    const docx = await median(async () => (await services.reports.management('ja', 'docx', SYSTEM_ACTOR)).body)
    const read = await median(async () => {
      await services.reports.managementInput('ja')
      return Buffer.alloc(0)
    })
    const generated = composeManagement({
      lang: 'ja',
      date: '2026-12-02',
      hospital: 'ベンチ病院',
      summary: summary(DEVICES),
      trend: [...trend(), ...trend(), ...trend(), ...trend(), ...trend(), ...trend()],
      actions: Array.from({ length: 10 }, (_, i) => action(i)),
      actionCounts: { open: 200, overdue: 20, accepted: 3 },
      devices: Array.from({ length: 10 }, (_, i) => device(i)),
      checklist: checklistView(),
      benchmark: position(),
    })
    const composeOnly = await median(() => renderPdf(generated))
    for (const close of services.onClose) await close()
    return {
      metrics: [
        metric(`management report PDF, ${DEVICES} devices, full path (cold)`, coldMs, 'ms', { max: TARGET_MS }),
        metric(`management report PDF, ${DEVICES} devices, full path (median of ${RUNS})`, warm.ms, 'ms', {
          max: TARGET_MS,
        }),
        metric('management report .docx, full path (median)', docx.ms, 'ms'),
        metric('reading the four modules only (median)', read.ms, 'ms'),
        metric('composition + PDF rendering from generated data (median)', composeOnly.ms, 'ms'),
        metric('PDF size', cold / 1024, 'KiB'),
        metric('peak RSS (seed + scoring + report)', peakRssMiB(), 'MiB'),
      ],
      notes: [
        `SQLite file database in a temporary directory; ${DEVICES} synthetic devices seeded by bench/risk-rescore.ts's seed (scans, findings, matches).`,
        `Re-scoring and action grouping run first and are not timed; ${actions.total} actions after grouping.`,
        'Full path: ReportService.management → risk summary/trend/list, actions list, checklist view, benchmark position, composition, pdfkit with the embedded BIZ UDPGothic subset.',
        'Peak RSS includes seeding and re-scoring the devices in the same process: the report itself adds little.',
      ],
    }
  } finally {
    await storage.close()
  }
}
