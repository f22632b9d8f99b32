import type { FeedProblem, FeedSource } from '../../../core/vulns/model.js'
import type { HttpFetcher } from '../http-fetcher.js'

/** What one source's sync stored and where it stopped. */
export interface ProviderResult {
  stored: number
  problems: FeedProblem[]
}

/** What a provider gets from the sync job: fetching, reading+storing, its cursor, progress, waiting. */
export interface ProviderContext {
  source: FeedSource
  fetcher: HttpFetcher
  signal: AbortSignal
  now: () => Date
  /**
   * Reads `bytes` as a feed file and stores it (gzip unpacked; error problems → FEED_UNREADABLE thrown and nothing
   * of it stored). Answers rows stored and the file's warnings.
   */
  ingest(bytes: Uint8Array, file: string): Promise<{ stored: number; problems: FeedProblem[] }>
  /** Saves the source's cursor (after a committed page: an interrupted sync resumes there). */
  saveCursor(cursor: string): Promise<void>
  progress(phase: string, done: number, total?: number | null): void
  /** Cancellable wait between requests. */
  sleep(ms: number): Promise<void>
  /** A settings value (JSON text), e.g. `feeds.nvd.apiKey`. */
  setting(key: string): Promise<string | null>
}

/** One kind of feed source (ADR 0032): how to bring it up to date from its URL. */
export interface FeedProvider {
  readonly kind: FeedSource['kind']
  sync(ctx: ProviderContext): Promise<ProviderResult>
}
