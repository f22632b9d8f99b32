import type { ContinuityGraph } from '../src/core/bcp/graph.js'
import type { DepRow } from '../src/core/bcp/store.js'
import { syntheticDevices } from '../src/demo/hospital.js'
import { loadDemo } from '../src/demo/load-demo.js'
import { SeededRandom } from '../src/demo/random.js'
import { BcpService } from '../src/services/bcp/bcp-service.js'
import { SYSTEM_ACTOR } from '../src/storage/audit-repository.js'
import { bcpStoragePorts } from '../src/storage/bcp-repository.js'
import { migrate, openStorage, type Storage } from '../src/storage/database.js'
import { type BenchContext, type BenchReport, type Metric, metric, peakRssMiB } from './lib.js'

export const title = 'Continuity: impact analysis over 100,000 devices and 500 services (issue 11)'

const DEVICES = Number(process.env.MAMORI_BENCH_BCP_DEVICES ?? 100_000)
const SERVICES = Number(process.env.MAMORI_BENCH_BCP_SERVICES ?? 500)
const QUERIES = 200
const TARGET_MS = 200

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0
}

/**
 * DEVICES synthetic devices (the demo generator, with their network segments), SERVICES services each depending
 * hard on 20–200 devices, on 1–3 segments, softly on up to 3 earlier services (a DAG, plus one deliberate cycle), and
 * 2,000 device plans whose dependsOn point at a "server" device.
 */
async function seed(storage: Storage, ctx: BenchContext): Promise<void> {
  await loadDemo(storage.db, { actor: SYSTEM_ACTOR, devices: [...syntheticDevices(DEVICES)] })
  const devices = await storage.db.selectFrom('devices').select(['id', 'networkSegment']).orderBy('id').execute()
  const segments = [...new Set(devices.map((d) => d.networkSegment).filter((s): s is string => !!s))]
  const store = bcpStoragePorts(storage.db).bcpStore
  const rnd = new SeededRandom(11)
  const ids: string[] = []
  const at = '2026-12-02T09:00:00.000Z'
  for (let i = 0; i < SERVICES; i++) {
    const deps: DepRow[] = []
    const n = rnd.int(20, 200)
    const start = rnd.int(0, devices.length - n - 1)
    for (let k = 0; k < n; k++)
      deps.push({ target: { kind: 'device', id: devices[start + k]!.id }, strength: 'hard', note: '' })
    for (let k = 0; k < rnd.int(1, 3); k++)
      deps.push({
        target: { kind: 'segment', id: segments[rnd.int(0, segments.length - 1)]! },
        strength: 'hard',
        note: '',
      })
    for (let k = 0; k < Math.min(i, rnd.int(0, 3)); k++)
      deps.push({ target: { kind: 'service', id: ids[rnd.int(0, i - 1)]! }, strength: 'soft', note: '' })
    if (i === SERVICES - 1)
      deps.push({ target: { kind: 'service', id: ids[SERVICES - 2]! }, strength: 'hard', note: '' })
    const id = await store.createService(
      {
        name: `サービス ${i}`,
        nameEn: `Service ${i}`,
        description: '',
        department: null,
        criticality: 'high',
        owner: i % 7 === 0 ? null : 'owner',
        decider: 'decider',
        maxDowntimeMinutes: rnd.int(0, 480),
        fallbackJa: '紙運用',
        fallbackEn: 'paper',
        seedKey: null,
        dependencies: deps,
      },
      SYSTEM_ACTOR,
      at,
    )
    ids.push(id)
  }
  // The cycle: the second-to-last depends on the last.
  const prev = (await store.graphRows()).services.find((s) => s.id === ids[SERVICES - 2])!
  await store.updateService(
    prev.id,
    {
      ...prev,
      dependencies: [
        ...prev.dependencies,
        { target: { kind: 'service', id: ids[SERVICES - 1]! }, strength: 'soft', note: '' },
      ],
    },
    undefined,
    SYSTEM_ACTOR,
    at,
  )
  const server = devices[0]!.id
  for (let i = 1; i <= 2000; i++)
    await store.putPlan(
      devices[i * Math.floor(devices.length / 2001)]!.id,
      {
        isolationJa: 'LAN ケーブルを抜く',
        isolationEn: '',
        recoveryStepsJa: [],
        recoveryStepsEn: [],
        validationJa: [],
        validationEn: [],
        manufacturerContact24h: '',
        backupNote: '',
        dependsOn: [{ target: { kind: 'device', id: server }, strength: 'hard', note: '' }],
      },
      SYSTEM_ACTOR,
      at,
    )
  ctx.log(`seeded ${devices.length} devices in ${segments.length} segments, ${SERVICES} services, 2,000 device plans`)
}

async function measure(
  storage: Storage,
  label: string,
  ctx: BenchContext,
): Promise<{ metrics: Metric[]; notes: string[] }> {
  await seed(storage, ctx)
  const svc = new BcpService(bcpStoragePorts(storage.db).bcpStore, { now: () => new Date() })
  const tBuild = performance.now()
  const built = await svc.current()
  const buildMs = performance.now() - tBuild
  const g: ContinuityGraph = built.graph
  const rnd = new SeededRandom(12)
  const deviceIds = [...g.devices.keys()]
  const serviceIds = [...g.services.keys()]
  const segs = [...g.segments]
  // The nodes asked: devices (a tenth of them the one "server" many depend on), segments, services.
  const nodes: string[] = []
  for (let i = 0; i < QUERIES; i++) {
    const r = i % 4
    if (r === 0) nodes.push(deviceIds[rnd.int(0, deviceIds.length - 1)]!)
    else if (r === 1) nodes.push(`segment:${segs[rnd.int(0, segs.length - 1)]}`)
    else if (r === 2) nodes.push(`service:${serviceIds[rnd.int(0, serviceIds.length - 1)]}`)
    else nodes.push(i % 8 === 3 ? deviceIds[0]! : deviceIds[rnd.int(0, deviceIds.length - 1)]!)
  }
  await svc.impact(nodes[0]!)
  const times: number[] = []
  let maxServices = 0
  let maxDevices = 0
  for (const n of nodes) {
    const t = performance.now()
    const r = await svc.impact(n)
    times.push(performance.now() - t)
    maxServices = Math.max(maxServices, r.services.length)
    maxDevices = Math.max(maxDevices, r.devicesAffected)
  }
  const tList = performance.now()
  const list = await svc.services()
  const listMs = performance.now() - tList
  const tPlans = performance.now()
  await svc.devicePlans(deviceIds.slice(0, 1000))
  const plansMs = performance.now() - tPlans
  ctx.log(
    `${label}: build ${Math.round(buildMs)} ms; impact p50 ${pct(times, 50).toFixed(1)} ms, p95 ${pct(times, 95).toFixed(1)} ms, max ${Math.max(...times).toFixed(1)} ms; services list ${Math.round(listMs)} ms; 1,000 device plans ${Math.round(plansMs)} ms`,
  )
  return {
    metrics: [
      metric(`impact query p95, ${QUERIES} nodes (${label})`, pct(times, 95), 'ms', { max: TARGET_MS }),
      metric(`impact query max (${label})`, Math.max(...times), 'ms', { max: TARGET_MS }),
      metric(`impact query p50 (${label})`, pct(times, 50), 'ms'),
      metric(`graph read + build, cold (${label})`, buildMs, 'ms'),
      metric(`services list with warnings, cached (${label})`, listMs, 'ms'),
      metric(`1,000 device plans (${label})`, plansMs, 'ms'),
    ],
    notes: [
      `${label}: largest impact ${maxServices} services, ${maxDevices.toLocaleString()} devices; ${list.warnings.length} plan-wide warnings (the cycle)`,
      `${label}: each query includes the two-row version check that keeps the cached graph fresh; the cold build happens once per ledger or plan change`,
    ],
  }
}

/**
 * Impact analysis (issue 11 item 8: ≤ 200 ms per query over 100,000 devices and 500 services), on SQLite (and
 * PostgreSQL with MAMORI_BENCH_DATABASE_URL): the graph read and built once, then QUERIES impact queries on devices,
 * segments and services as `GET /api/bcp/impact` answers them.
 */
export async function run(ctx: BenchContext): Promise<BenchReport> {
  const metrics: Metric[] = []
  const notes = [`${DEVICES.toLocaleString()} synthetic devices (src/demo/hospital.ts), ${SERVICES} services`]
  const sqlite = openStorage({ dataDir: ctx.tmpDir })
  await migrate(sqlite.db)
  const a = await measure(sqlite, 'SQLite', ctx)
  metrics.push(...a.metrics)
  notes.push(...a.notes)
  await sqlite.close()
  const url = process.env.MAMORI_BENCH_DATABASE_URL
  if (url) {
    const pg = openStorage({ dataDir: ctx.tmpDir, databaseUrl: url })
    await migrate(pg.db)
    for (const table of ['bcpDependencies', 'bcpDevicePlans', 'bcpServices', 'bcpParties', 'devices'] as const)
      await pg.db.deleteFrom(table).execute()
    const b = await measure(pg, 'PostgreSQL', ctx)
    metrics.push(...b.metrics)
    notes.push(...b.notes)
    await pg.close()
  }
  metrics.push(metric('peak RSS', peakRssMiB(), 'MiB'))
  return { metrics, notes }
}
