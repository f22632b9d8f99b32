import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { syntheticDevices } from '../src/demo/hospital.js'
import { readDisclosure } from '../src/importers/disclosures/index.js'
import { DisclosureService } from '../src/services/disclosures.js'
import { SYSTEM_ACTOR } from '../src/storage/audit-repository.js'
import { migrate, openStorage, type Storage } from '../src/storage/database.js'
import { DeviceRepository } from '../src/storage/device-repository.js'
import { storagePorts } from '../src/storage/ports.js'
import { type BenchContext, type BenchReport, type Metric, metric, peakRssMiB } from './lib.js'

export const title = 'Apply disclosures to 10,000 devices, storage included (issue 8)'

const DEVICES = Number(process.env.MAMORI_BENCH_DISCLOSURE_DEVICES ?? 10_000)
const MODELS = 200
const FIXTURE = join(import.meta.dirname, '../test/fixtures/disclosures/sp-2000-mds2-2019.xlsx')

/** Ledger, 200 catalog models each with one MDS2 on file (answers varied per model), every device confirmed. */
async function seed(storage: Storage, ctx: BenchContext): Promise<void> {
  const devices = await new DeviceRepository(storage.db).createMany([...syntheticDevices(DEVICES, 8)], SYSTEM_ACTOR)
  const now = new Date().toISOString()
  const models = Array.from({ length: MODELS }, (_, i) => ({
    id: randomUUID(),
    vendor: 'Example Medical',
    vendorKey: 'example medical',
    name: `BENCH-${i}`,
    nameKey: `bench-${i}`,
    versionFrom: '',
    versionTo: '',
    createdAt: now,
    updatedAt: now,
  }))
  await storage.db.insertInto('deviceModels').values(models).execute()
  const links = devices.map((d, i) => ({
    deviceId: d.id,
    modelId: models[i % MODELS]!.id,
    state: 'confirmed',
    confidence: 1,
    reason: 'bench',
    decidedBy: 'bench',
    decidedAt: now,
  }))
  for (let i = 0; i < links.length; i += 500)
    await storage.db
      .insertInto('deviceModelLinks')
      .values(links.slice(i, i + 500))
      .execute()
  const parsed = await readDisclosure({ bytes: readFileSync(FIXTURE), fileName: 'sp-2000.xlsx' })
  const store = storagePorts(storage).disclosures
  const flip = { yes: 'no', no: 'yes' } as const
  for (const [i, m] of models.entries()) {
    // Each model answers a few questions differently, so evaluations differ between models.
    const answers = parsed.answers.map((a, j) =>
      (j + i) % 17 === 0 && (a.value === 'yes' || a.value === 'no') ? { ...a, value: flip[a.value] } : a,
    )
    await store.insert(
      { modelId: m.id, fileName: null, fileSha256: null, parsed: { ...parsed, answers }, importedBy: 'bench', now },
      SYSTEM_ACTOR,
      () => ({ action: 'bench.seed' }),
    )
  }
  ctx.log(`seeded ${devices.length} devices, ${MODELS} models with disclosures`)
}

async function measure(storage: Storage, label: string, ctx: BenchContext): Promise<Metric[]> {
  await seed(storage, ctx)
  const ports = storagePorts(storage)
  const models = {
    resolveOrCreate: async () => ({ id: '' }),
    splitMakerModel: async () => null,
    exists: async () => {},
  }
  const service = new DisclosureService(ports.disclosures, ports.discovery, models, ports.audit, ports.clock)
  const t0 = performance.now()
  const first = await service.apply(SYSTEM_ACTOR)
  const firstMs = performance.now() - t0
  const t1 = performance.now()
  const again = await service.apply(SYSTEM_ACTOR)
  const againMs = performance.now() - t1
  ctx.log(`${label}: first ${Math.round(firstMs)} ms (${first.created} findings), again ${Math.round(againMs)} ms`)
  return [
    metric(`first apply, ${first.devices} devices, ${first.created} findings written (${label})`, firstMs, 'ms'),
    metric(`re-apply, ${again.updated} findings updated (${label})`, againMs, 'ms'),
  ]
}

/**
 * The end-to-end path the pure `disclosure-evaluate` benchmark leaves out: loading each model's latest disclosure,
 * evaluating it, expanding to every confirmed device and upserting the findings in batches, then resolving stale ones.
 * No target of its own: the issue's ≤ 2 s is for the evaluation (bench/disclosure-evaluate.ts); this shows what
 * writing the resulting findings costs on each database.
 */
export async function run(ctx: BenchContext): Promise<BenchReport> {
  const metrics: Metric[] = []
  const sqlite = openStorage({ dataDir: ctx.tmpDir })
  await migrate(sqlite.db)
  metrics.push(...(await measure(sqlite, 'SQLite', ctx)))
  await sqlite.close()
  const url = process.env.MAMORI_BENCH_DATABASE_URL
  if (url) {
    const pg = openStorage({ dataDir: ctx.tmpDir, databaseUrl: url })
    await migrate(pg.db)
    metrics.push(...(await measure(pg, 'PostgreSQL', ctx)))
    await pg.close()
  }
  metrics.push(metric('peak RSS', peakRssMiB(), 'MiB'))
  return {
    metrics,
    notes: [
      `${DEVICES} devices over ${MODELS} models, each with one MDS2 2019 disclosure (the SP-2000 fixture, answers varied per model); every device confirmed.`,
      url
        ? 'PostgreSQL: MAMORI_BENCH_DATABASE_URL (a database the bench migrates; use an empty one).'
        : 'PostgreSQL not measured (set MAMORI_BENCH_DATABASE_URL).',
    ],
  }
}
