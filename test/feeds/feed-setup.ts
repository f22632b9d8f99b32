import { FeedService, type IngestSummary } from '../../src/services/feeds/feed-service.js'
import { HttpFetcher } from '../../src/services/feeds/http-fetcher.js'
import { JobRunner } from '../../src/services/job-runner.js'
import { ModelCatalogService } from '../../src/services/model-catalog.js'
import type { Storage } from '../../src/storage/database.js'
import { storagePorts } from '../../src/storage/ports.js'

export const ADMIN = { id: null, name: 'tester' }

/**
 * The feed service over a real database, as buildServices wires it, with waits recorded instead of slept (a 429's
 * Retry-After, NVD's pause between pages) so the tests are fast and can assert what was honoured.
 */
export function feedService(storage: Storage, opts: { pageSize?: number } = {}) {
  const ports = storagePorts(storage)
  const jobs = new JobRunner({ jobs: ports.jobs, audit: ports.audit, progressIntervalMs: 0 })
  const catalog = new ModelCatalogService(ports.catalog, ports.ledger)
  const waits: number[] = []
  const sleep = async (ms: number, signal?: AbortSignal) => {
    signal?.throwIfAborted()
    waits.push(ms)
  }
  const feeds = new FeedService({
    store: ports.vulns,
    audit: ports.audit,
    clock: ports.clock,
    jobs,
    catalog,
    sleep,
    fetcher: new HttpFetcher({ sleep, timeoutMs: 5_000 }),
    nvd: { pageSize: opts.pageSize ?? 2, delayMs: (hasKey) => (hasKey ? 600 : 6_000) },
    jvnDelayMs: 0,
  })
  const ingested: IngestSummary[] = []
  feeds.afterIngest = async (s) => {
    ingested.push(s)
    return { newMatches: 0 }
  }
  return { feeds, ports, jobs, catalog, waits, ingested }
}
