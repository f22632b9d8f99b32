import { stat } from 'node:fs/promises'
import { basename } from 'node:path'
import type { FeedImportResult } from '../../../api/vulns.js'
import { MamoriError } from '../../core/errors.js'
import type { JobTrigger } from '../../core/jobs/job.js'
import { type Actor, type AuditLog, type Clock, SYSTEM_ACTOR } from '../../core/ports.js'
import type { FeedKind, FeedProblem, FeedSource, Notification } from '../../core/vulns/model.js'
import type { VulnStore } from '../../core/vulns/store.js'
import type { JobContext, JobRunner } from '../job-runner.js'
import { type BundleCounts, writeBundle } from './bundle.js'
import { DEFAULT_FEED_SOURCES } from './default-sources.js'
import { HttpFetcher, sleep } from './http-fetcher.js'
import { collectFeedFiles, type FoundFile } from './import-path.js'
import { type IngestContext, modelNameCandidates, presentFeedProblem, problemDetails } from './ingest.js'
import { csafProvider } from './providers/csaf-provider.js'
import { epssProvider } from './providers/epss.js'
import { jvnProvider } from './providers/jvn-api.js'
import { kevProvider } from './providers/kev.js'
import { type NvdOptions, nvdProvider } from './providers/nvd-api.js'
import type { FeedProvider, ProviderContext } from './providers/provider.js'
import { type FileOutcome, readAndStore } from './read-and-store.js'

/** What an import or sync stored, for the matching run that follows (the lead wires `afterIngest`). */
export interface IngestSummary {
  actor: Actor
  /** Source ids synced, or null for a file import. */
  feeds: string[] | null
  files: { file: string; kind: FeedKind | null; stored: number }[]
}

export interface FeedServiceDeps {
  store: VulnStore
  audit: Pick<AuditLog, 'record'>
  clock: Clock
  jobs: JobRunner
  /** The catalog: a VEX product's "vendor product" → its model id when the catalog has one (`find` throws if not). */
  catalog: { find(idOrText: string): Promise<{ id: string }> }
  fetcher?: HttpFetcher
  /** Waiting between requests (tests pass a fast one). */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>
  nvd?: Partial<NvdOptions>
  /** Pause between MyJVN requests (default 1 s). */
  jvnDelayMs?: number
  /** Largest feed file read (default 512 MiB). */
  maxFileBytes?: number
}

/**
 * Feeds in (ADR 0032): files first (a hospital may be offline), sync from providers when the network allows, and
 * the offline bundle between installations. A file with errors stores nothing and says where and why; a sync stores
 * page by page (each one transaction), saves its cursor after each, and resumes there after an outage or a cancel.
 */
export class FeedService {
  /** Runs matching after new data (the lead wires the matching service; default: nothing new). */
  afterIngest: (summary: IngestSummary) => Promise<{ newMatches: number }> = async () => ({ newMatches: 0 })
  /** Delivers a stored notification (sync failures) to e-mail/webhook; failures never reach the job. */
  onNotification: (n: Notification) => Promise<unknown> = async () => undefined
  private readonly fetcher: HttpFetcher
  private readonly wait: (ms: number, signal?: AbortSignal) => Promise<void>
  private readonly providers: Record<FeedSource['kind'], FeedProvider>
  private readonly maxFileBytes: number
  private seeded = false
  private running: { jobId: string; done: Promise<SyncResult> } | null = null

  constructor(private readonly deps: FeedServiceDeps) {
    this.wait = deps.sleep ?? sleep
    this.fetcher = deps.fetcher ?? new HttpFetcher({ sleep: this.wait })
    this.maxFileBytes = deps.maxFileBytes ?? 512 * 1024 * 1024
    const nvd: NvdOptions = {
      pageSize: deps.nvd?.pageSize ?? 2_000,
      delayMs: deps.nvd?.delayMs ?? ((hasKey) => (hasKey ? 600 : 6_000)),
    }
    this.providers = {
      csaf: csafProvider,
      kev: kevProvider,
      epss: epssProvider,
      nvd: nvdProvider(nvd),
      jvn: jvnProvider({ delayMs: deps.jvnDelayMs ?? 1_000 }),
    }
  }

  /** Reads and stores uploaded files (the API's multipart, the CLI's PATH); FEED_UNREADABLE when none could be. */
  importFiles(
    files: { name: string; bytes: Uint8Array }[],
    actor: Actor,
    opts: { feed?: string } = {},
  ): Promise<FeedImportResult> {
    return this.importFound(files, [], actor, opts.feed ?? null)
  }

  /** `mamori feeds import PATH`: a file or a folder (recursive), `.sha512` beside a file checked. */
  async importPath(path: string, actor: Actor): Promise<FeedImportResult> {
    try {
      await stat(path)
    } catch {
      throw MamoriError.of('FILE_NOT_FOUND', { file: path })
    }
    const { files, problems } = await collectFeedFiles(path, this.maxFileBytes)
    return this.importFound(files, problems, actor, null)
  }

  private async importFound(
    files: FoundFile[],
    refused: FeedProblem[],
    actor: Actor,
    feed: string | null,
  ): Promise<FeedImportResult> {
    const ctx = this.ingestContext(feed)
    const outcomes: FileOutcome[] = refused.map((p) => ({ file: p.file, kind: null, stored: 0, problems: [p] }))
    for (const f of files) outcomes.push(await readAndStore(f, ctx, this.maxFileBytes))
    const failed = (o: FileOutcome) => o.stored === 0 && o.problems.some((p) => p.severity === 'error')
    if (outcomes.length > 0 && outcomes.every(failed)) {
      const problems = outcomes.flatMap((o) => o.problems)
      throw MamoriError.of(
        'FEED_UNREADABLE',
        {
          file: outcomes.map((o) => o.file).join(', '),
          errors: problems.filter((p) => p.severity === 'error').length,
          problems: problems.length,
        },
        problemDetails(problems),
      )
    }
    await this.deps.audit.record(actor, {
      action: 'feeds.import',
      targetType: 'feed',
      targetId: feed,
      after: {
        files: outcomes.map((o) => ({ file: o.file, kind: o.kind, stored: o.stored, problems: o.problems.length })),
      },
    })
    const stored = outcomes.reduce((n, o) => n + o.stored, 0)
    const { newMatches } =
      stored > 0 ? await this.afterIngest({ actor, feeds: null, files: outcomes }) : { newMatches: 0 }
    return {
      files: outcomes.map((o) => ({
        file: o.file,
        kind: o.kind,
        stored: o.stored,
        problems: o.problems.map(presentFeedProblem),
      })),
      newMatches,
    }
  }

  /** Writes the offline bundle (one gzip file) to `out`. */
  async exportBundle(out: string, actor: Actor): Promise<{ counts: BundleCounts }> {
    const counts = await writeBundle(this.deps.store, out, this.deps.clock.now().toISOString())
    await this.deps.audit.record(actor, {
      action: 'feeds.export',
      targetType: 'feed',
      targetId: null,
      after: { file: basename(out), counts },
    })
    return { counts }
  }

  /** The feed sources (the five well-known ones seeded disabled on first use) and what is stored. */
  async overview(): Promise<{ sources: FeedSource[]; counts: Awaited<ReturnType<VulnStore['counts']>> }> {
    return { sources: await this.sources(), counts: await this.deps.store.counts() }
  }

  async sources(): Promise<FeedSource[]> {
    if (!this.seeded) {
      const have = new Set((await this.deps.store.feedSources()).map((s) => s.id))
      for (const s of DEFAULT_FEED_SOURCES.filter((d) => !have.has(d.id)))
        await this.deps.store.putFeedSource(s, SYSTEM_ACTOR, {
          action: 'feeds.source.seed',
          targetType: 'feed',
          targetId: s.id,
          after: s,
        })
      this.seeded = true
    }
    return this.deps.store.feedSources()
  }

  /** Adds or changes a source (admin): where it is fetched from and whether sync uses it. */
  async putSource(actor: Actor, id: string, input: Pick<FeedSource, 'kind' | 'url' | 'enabled'>): Promise<FeedSource> {
    const before = (await this.sources()).find((s) => s.id === id) ?? null
    const after = { id, ...input }
    return this.deps.store.putFeedSource(after, actor, {
      action: 'feeds.source.update',
      targetType: 'feed',
      targetId: id,
      before: before && { kind: before.kind, url: before.url, enabled: before.enabled },
      after,
    })
  }

  /**
   * Starts a 'feed-sync' job over the enabled sources that have a URL. While one runs in this process, asking again
   * answers that job (two syncs would fetch and write the same pages twice).
   */
  async startSync(actor: Actor, trigger: JobTrigger): Promise<{ jobId: string; done: Promise<SyncResult> }> {
    if (this.running) return this.running
    const sources = (await this.sources()).filter((s) => s.enabled && s.url)
    const started = await this.deps.jobs.start('feed-sync', { actor, trigger }, (ctx) => this.sync(actor, sources, ctx))
    const running = { jobId: started.job.id, done: started.done }
    this.running = running
    const clear = () => {
      if (this.running === running) this.running = null
    }
    started.done.then(clear, clear)
    return running
  }

  private async sync(actor: Actor, sources: FeedSource[], job: JobContext): Promise<SyncResult> {
    const result: SyncResult = { sources: [] }
    let firstError: unknown = null
    for (const [i, source] of sources.entries()) {
      job.signal.throwIfAborted()
      job.progress({ done: i, total: sources.length, phase: source.kind })
      const out = await this.syncSource(source, job)
      result.sources.push(out.summary)
      if (out.error !== null) {
        if (job.signal.aborted) throw out.error
        firstError ??= out.error
      }
    }
    job.progress({ done: sources.length, total: sources.length, phase: null })
    const files = result.sources.map((s) => ({ file: s.id, kind: s.kind, stored: s.stored }))
    if (files.some((f) => f.stored > 0)) {
      const { newMatches } = await this.afterIngest({ actor, feeds: sources.map((s) => s.id), files })
      result.newMatches = newMatches
    }
    // What was committed stays; the job fails with the first source's error (the others are in the result).
    if (firstError) throw firstError
    return result
  }

  private async syncSource(source: FeedSource, job: JobContext): Promise<{ summary: SourceSummary; error: unknown }> {
    const { store } = this.deps
    const now = () => this.deps.clock.now()
    await store.setFeedState(source.id, { lastAttemptAt: now().toISOString() })
    const ingest = this.ingestContext(source.id, job)
    let cursor = source.cursor
    const ctx: ProviderContext = {
      source,
      fetcher: this.fetcher,
      signal: job.signal,
      now,
      ingest: async (bytes, file) => {
        const out = await readAndStore({ name: file, bytes }, ingest, this.maxFileBytes)
        const errors = out.problems.filter((p) => p.severity === 'error')
        if (errors.length > 0)
          throw MamoriError.of(
            'FEED_UNREADABLE',
            { file, errors: errors.length, problems: out.problems.length },
            problemDetails(out.problems),
          )
        return { stored: out.stored, problems: out.problems }
      },
      saveCursor: async (c) => {
        cursor = c
        await store.setFeedState(source.id, { cursor: c })
      },
      progress: (phase, done, total) => job.progress({ done, total: total ?? null, phase }),
      sleep: (ms) => this.wait(ms, job.signal),
      setting: (key) => store.setting(key),
    }
    try {
      const out = await this.providers[source.kind].sync(ctx)
      await store.setFeedState(source.id, {
        lastSuccessAt: now().toISOString(),
        lastError: null,
        itemCount: source.itemCount + out.stored,
      })
      return {
        summary: {
          id: source.id,
          kind: source.kind,
          stored: out.stored,
          problems: out.problems.length,
          cursor,
          error: null,
        },
        error: null,
      }
    } catch (err) {
      if (job.signal.aborted)
        return {
          summary: { id: source.id, kind: source.kind, stored: 0, problems: 0, cursor, error: 'cancelled' },
          error: err,
        }
      // "English / 日本語", the one-line bilingual form the UI splits (splitBilingual, ADR 0009).
      const message =
        err instanceof MamoriError && err.messageJa
          ? `${err.message} / ${err.messageJa}`
          : err instanceof Error
            ? err.message
            : String(err)
      await store.setFeedState(source.id, { lastError: message })
      const n = await store.addNotification({
        kind: 'sync-failed',
        titleJa: `フィード「${source.id}」の同期に失敗しました`,
        titleEn: `Feed "${source.id}" could not be synchronised`,
        body: { feed: source.id, error: message },
        createdAt: now().toISOString(),
      })
      await this.onNotification(n).catch(() => undefined)
      return {
        summary: { id: source.id, kind: source.kind, stored: 0, problems: 0, cursor, error: message },
        error: err,
      }
    }
  }

  /** The first candidate the catalog knows for this maker (through the alias table); none or ambiguous → null. */
  private async firstModel(vendor: string, names: readonly string[]): Promise<string | null> {
    for (const name of names) {
      const hit = await this.deps.catalog.find(`${vendor} ${name}`).then(
        (m) => m.id,
        () => null,
      )
      if (hit) return hit
    }
    return null
  }

  private ingestContext(feed: string | null, job?: JobContext): IngestContext {
    const cache = new Map<string, Promise<string | null>>()
    return {
      store: this.deps.store,
      now: this.deps.clock.now().toISOString(),
      feed,
      checkpoint: job ? () => job.signal.throwIfAborted() : undefined,
      resolveModel: (vendor, product) => {
        if (!vendor || !product) return Promise.resolve(null)
        const key = `${vendor} ${product}`
        let hit = cache.get(key)
        if (!hit) {
          hit = this.firstModel(vendor, modelNameCandidates(product))
          cache.set(key, hit)
        }
        return hit
      },
    }
  }
}

export interface SourceSummary {
  id: string
  kind: FeedSource['kind']
  stored: number
  problems: number
  cursor: string | null
  error: string | null
}

export interface SyncResult {
  sources: SourceSummary[]
  newMatches?: number
}
