import { stat } from 'node:fs/promises'
import { join } from 'node:path'
import { FeedService } from '../src/services/feeds/feed-service.js'
import { JobRunner } from '../src/services/job-runner.js'
import { ModelCatalogService } from '../src/services/model-catalog.js'
import { migrate, openStorage, type Storage } from '../src/storage/database.js'
import { storagePorts } from '../src/storage/ports.js'
import { type BenchContext, type BenchReport, metric, peakRssMiB } from './lib.js'
import { writeNvdFiles } from './nvd-data.js'

/**
 * The feeds service end to end on SQLite (ADR 0032): `mamori feeds import FOLDER` of 100,000 synthetic NVD CVEs
 * (bench/nvd-data.ts shapes, 5 files) through FeedService.importPath (detection, reading, batches of 5,000 per
 * transaction, audit); then `mamori feeds export` of that database to one offline bundle; then importing the bundle
 * into a fresh database (verify pass + store pass). Generating the files is not timed.
 */
export const title = 'Feeds service: folder import, offline bundle export and import (100,000 CVEs)'

const CVES = 100_000
const PER_FILE = 20_000
const ACTOR = { id: null, name: 'bench' }

async function open(dir: string): Promise<Storage> {
  const s = openStorage({ dataDir: dir })
  await migrate(s.db)
  return s
}

function service(storage: Storage): FeedService {
  const ports = storagePorts(storage)
  return new FeedService({
    store: ports.vulns,
    audit: ports.audit,
    clock: ports.clock,
    jobs: new JobRunner({ jobs: ports.jobs, audit: ports.audit }),
    catalog: new ModelCatalogService(ports.catalog, ports.ledger),
  })
}

export async function run(ctx: BenchContext): Promise<BenchReport> {
  ctx.log(`writing ${CVES} CVEs as NVD 2.0 files of ${PER_FILE}…`)
  const folder = join(ctx.tmpDir, 'nvd')
  await writeNvdFiles(folder, CVES, PER_FILE)

  const a = await open(join(ctx.tmpDir, 'a'))
  let t = performance.now()
  const imported = await service(a).importPath(folder, ACTOR)
  const importMs = performance.now() - t
  const stored = imported.files.reduce((n, f) => n + f.stored, 0)
  ctx.log(`folder import: ${stored} CVEs in ${Math.round(importMs)} ms`)

  const bundle = join(ctx.tmpDir, 'feeds.mamori-feeds.gz')
  t = performance.now()
  const { counts } = await service(a).exportBundle(bundle, ACTOR)
  const exportMs = performance.now() - t
  const size = (await stat(bundle)).size
  await a.close()
  ctx.log(`export: ${counts.cves} CVEs, ${size} bytes in ${Math.round(exportMs)} ms`)

  const b = await open(join(ctx.tmpDir, 'b'))
  t = performance.now()
  const back = await service(b).importPath(bundle, ACTOR)
  const bundleMs = performance.now() - t
  const restored = back.files.reduce((n, f) => n + f.stored, 0)
  await b.close()
  ctx.log(`bundle import: ${restored} rows in ${Math.round(bundleMs)} ms`)

  return {
    metrics: [
      metric('folder import (SQLite)', stored / (importMs / 1000), 'CVEs/s'),
      metric('bundle export (SQLite)', counts.cves / (exportMs / 1000), 'CVEs/s'),
      metric('bundle size', size / 1024 / 1024, 'MiB'),
      metric('bundle import into a fresh database (SQLite)', restored / (bundleMs / 1000), 'CVEs/s'),
      metric('peak RSS', peakRssMiB(), 'MiB'),
    ],
    notes: [
      `${CVES} CVEs in ${CVES / PER_FILE} NVD CVE JSON 2.0 files (bench/nvd-data.ts, seed 2026), imported through FeedService.importPath: ${Math.round(importMs)} ms.`,
      `Bundle: ${counts.cves} CVEs, ${(size / 1024 / 1024).toFixed(1)} MiB gzip, written in ${Math.round(exportMs)} ms; imported into a fresh SQLite database (verify pass, then store pass) in ${Math.round(bundleMs)} ms.`,
    ],
  }
}
