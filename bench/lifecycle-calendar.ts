import { syntheticDevices } from '../src/demo/hospital.js'
import { loadDemo } from '../src/demo/load-demo.js'
import { OperationsService } from '../src/services/operations/operations-service.js'
import { SYSTEM_ACTOR } from '../src/storage/audit-repository.js'
import { migrate, openStorage } from '../src/storage/database.js'
import { OperationsRepository } from '../src/storage/operations-repository.js'
import { type BenchContext, type BenchReport, metric, peakRssMiB } from './lib.js'

export const title = 'Operations: calendar, re-scan list and timeline over 20,000 devices (issue 11)'

const DEVICES = Number(process.env.MAMORI_BENCH_LIFECYCLE_DEVICES ?? 20_000)
const T = '2026-06-01T08:00:00.000Z'

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

async function timed(fn: () => Promise<unknown>, runs = 5): Promise<number> {
  const ms: number[] = []
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now()
    await fn()
    ms.push(performance.now() - t0)
  }
  return median(ms)
}

/**
 * A hospital of DEVICES synthetic devices (the demo generator: support and service-life ends spread over years), one
 * scan that saw two thirds of them, and the ledger's import entries in the audit log. Measures the default calendar
 * (today → 24 months, every kind), the first page of the re-scan list and a device's timeline (first page of 50),
 * each the median of 5 runs on SQLite.
 */
export async function run(ctx: BenchContext): Promise<BenchReport> {
  const storage = openStorage({ dataDir: ctx.tmpDir })
  await migrate(storage.db)
  try {
    ctx.log(`seeding ${DEVICES} devices`)
    await loadDemo(storage.db, { actor: SYSTEM_ACTOR, devices: [...syntheticDevices(DEVICES)] })
    const ids = (await storage.db.selectFrom('devices').select('id').orderBy('id').execute()).map((r) => r.id)
    await storage.db
      .insertInto('scans')
      .values({
        id: 'bench-scan',
        status: 'completed',
        profile: 'gentle',
        targets: '[]',
        portSpec: null,
        requestedBy: 'bench',
        scheduleId: null,
        createdAt: T,
        startedAt: T,
        finishedAt: T,
        progress: '{}',
        error: null,
      })
      .execute()
    const hosts = ids
      .filter((_, i) => i % 3 !== 0)
      .map((deviceId, i) => ({
        id: `h${i}`,
        scanId: 'bench-scan',
        address: `10.${i >> 16}.${(i >> 8) & 255}.${i & 255}`,
        mac: null,
        hostname: null,
        state: 'up',
        deviceId,
        identification: null,
        complete: 1,
      }))
    for (let i = 0; i < hosts.length; i += 500)
      await storage.db
        .insertInto('scanHosts')
        .values(hosts.slice(i, i + 500))
        .execute()
    const service = new OperationsService(
      new OperationsRepository(storage.db),
      { addNotification: async () => Promise.reject(new Error('not in the bench')) },
      { clock: { now: () => new Date('2026-12-01T09:00:00Z') }, notify: { deliver: async () => ({}) } as never },
    )
    const cal = await service.calendar({})
    const calendarMs = await timed(() => service.calendar({}))
    const rescanMs = await timed(() => service.rescanDue({ limit: 100, offset: 0 }))
    const due = await service.rescanDue({ limit: 100, offset: 0 })
    const timelineMs = await timed(() => service.timeline(ids[Math.floor(ids.length / 2)]!, { limit: 50 }))
    return {
      metrics: [
        metric('calendar, 24 months, all kinds', Math.round(calendarMs), 'ms', { max: 1_000 }),
        metric('re-scan list, first 100', Math.round(rescanMs), 'ms', { max: 500 }),
        metric('device timeline, first 50', Math.round(timelineMs * 10) / 10, 'ms', { max: 50 }),
        metric('peak RSS', peakRssMiB(), 'MiB'),
      ],
      notes: [
        `${DEVICES} devices; the calendar answered ${cal.events.length} events; ${due.total} devices due a re-scan.`,
        'SQLite, median of 5 runs; the timeline reads by the audit-log target index added in migration 0019.',
      ],
    }
  } finally {
    await storage.close()
  }
}
