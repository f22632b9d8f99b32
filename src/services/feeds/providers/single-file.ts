import type { FeedSource } from '../../../core/vulns/model.js'
import type { FeedProvider } from './provider.js'

/** A source that is one file at its URL (KEV JSON, EPSS .csv.gz): fetched whole, read, stored in batches. */
export function singleFileProvider(kind: FeedSource['kind'], fallbackName: string): FeedProvider {
  return {
    kind,
    async sync(ctx) {
      const url = ctx.source.url!
      ctx.progress(ctx.source.kind, 0, 1)
      const got = await ctx.fetcher.get(url, { feed: ctx.source.id, signal: ctx.signal })
      const out = await ctx.ingest(got.bytes, fileName(url, fallbackName))
      ctx.progress(ctx.source.kind, 1, 1)
      return out
    },
  }
}

/** The last path segment of a URL, for problems and audit ("epss_scores-current.csv.gz"). */
export function fileName(url: string, fallback: string): string {
  try {
    return decodeURIComponent(new URL(url).pathname.split('/').pop() || fallback)
  } catch {
    return fallback
  }
}
