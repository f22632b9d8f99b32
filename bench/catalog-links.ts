import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import pg from 'pg'
import { syntheticDevices } from '../src/demo/hospital.js'
import { loadDemo } from '../src/demo/load-demo.js'
import { ModelCatalogService } from '../src/services/model-catalog.js'
import { SYSTEM_ACTOR } from '../src/storage/audit-repository.js'
import { migrate, openStorage, type Storage } from '../src/storage/database.js'
import { DeviceRepository } from '../src/storage/device-repository.js'
import { ModelCatalogRepository } from '../src/storage/model-catalog-repository.js'
import type { BenchContext, BenchReport, Metric } from './lib.js'
import { metric } from './lib.js'

export const title = 'Model catalog: candidates and link suggestions over the whole ledger'

const SIZES = [10_000, 100_000]

/** A fresh database: SQLite in the scratch directory, or a throwaway database on a loopback PostgreSQL. */
async function open(kind: 'SQLite' | 'PostgreSQL', dir: string): Promise<{ storage: Storage; drop(): Promise<void> }> {
  if (kind === 'SQLite') {
    const storage = openStorage({ dataDir: dir })
    await migrate(storage.db)
    return { storage, drop: () => storage.close() }
  }
  const url = process.env.MAMORI_BENCH_DATABASE_URL ?? ''
  if (!['127.0.0.1', 'localhost', '::1', '[::1]'].includes(new URL(url).hostname))
    throw new Error('MAMORI_BENCH_DATABASE_URL must point at loopback (127.0.0.1/::1).')
  const name = `mamori_bench_${randomBytes(5).toString('hex')}`
  const admin = new pg.Client({ connectionString: url })
  await admin.connect()
  await admin.query(`create database ${name}`)
  await admin.end()
  const dbUrl = new URL(url)
  dbUrl.pathname = `/${name}`
  const storage = openStorage({ dataDir: '', databaseUrl: dbUrl.toString() })
  await migrate(storage.db)
  return {
    storage,
    async drop() {
      await storage.close()
      const c = new pg.Client({ connectionString: url })
      await c.connect()
      await c.query(`drop database if exists ${name} with (force)`)
      await c.end()
    },
  }
}

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now()
  const r = await fn()
  return [r, performance.now() - t0]
}

/**
 * The demo hospital's vocabulary at 10,000 and 100,000 devices: list the ledger's (maker, model) pairs missing from
 * the catalog, accept them all, then time a suggestion pass that writes a suggestion for every device and a second
 * pass where nothing changed. Target: a full pass over 10,000 devices within 2 s on SQLite.
 */
export async function run(ctx: BenchContext): Promise<BenchReport> {
  const metrics: Metric[] = []
  const notes: string[] = []
  const kinds: ('SQLite' | 'PostgreSQL')[] = process.env.MAMORI_BENCH_DATABASE_URL
    ? ['SQLite', 'PostgreSQL']
    : ['SQLite']
  for (const kind of kinds)
    for (const n of SIZES) {
      ctx.log(`${kind}: loading ${n} devices`)
      const db = await open(kind, join(ctx.tmpDir, `${kind}-${n}`))
      try {
        await loadDemo(db.storage.db, { actor: SYSTEM_ACTOR, devices: [...syntheticDevices(n)] })
        const catalog = new ModelCatalogService(
          new ModelCatalogRepository(db.storage.db),
          new DeviceRepository(db.storage.db),
        )
        const [cands, tCand] = await timed(() => catalog.candidates())
        await catalog.acceptCandidates(
          SYSTEM_ACTOR,
          cands.map((c) => ({ manufacturer: c.vendor, name: c.name })),
        )
        // acceptCandidates already suggested; clear the links so the timed pass writes every suggestion again.
        await db.storage.db.deleteFrom('deviceModelLinks').execute()
        const [first, tFirst] = await timed(() => catalog.suggestLinks(SYSTEM_ACTOR))
        const [, tAgain] = await timed(() => catalog.suggestLinks(SYSTEM_ACTOR))
        const label = `${n.toLocaleString('en')} devices, ${kind}`
        metrics.push(metric(`candidates (${label})`, tCand, 'ms'))
        metrics.push(
          metric(
            `suggestLinks, all new (${label})`,
            tFirst,
            'ms',
            n === 10_000 && kind === 'SQLite' ? { max: 2000 } : undefined,
          ),
        )
        metrics.push(metric(`suggestLinks, unchanged (${label})`, tAgain, 'ms'))
        notes.push(
          `${label}: ${cands.length} models from the ledger; ${first.suggested} suggestions written, ${first.unmatched} devices without a model.`,
        )
      } finally {
        await db.drop()
      }
    }
  if (kinds.length === 1)
    notes.push('PostgreSQL not measured: set MAMORI_BENCH_DATABASE_URL (loopback server) to include it.')
  return { metrics, notes }
}
