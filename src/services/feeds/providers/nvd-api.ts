import type { FeedProvider, ProviderContext } from './provider.js'

/** NVD allows at most 120 days between lastModStartDate and lastModEndDate. */
const MAX_WINDOW_MS = 120 * 24 * 3600 * 1000

/**
 * Where an NVD sync stands. `since`: everything modified up to this instant is stored (null: never synced, the
 * first sync downloads all). `pending`: the window being paged and the next startIndex, saved after every committed
 * page so an interrupted sync resumes at that page.
 */
export interface NvdCursor {
  since: string | null
  pending: { start: string | null; end: string; startIndex: number } | null
}

export function parseNvdCursor(text: string | null): NvdCursor {
  if (!text) return { since: null, pending: null }
  try {
    const c = JSON.parse(text) as Partial<NvdCursor>
    return { since: c.since ?? null, pending: c.pending ?? null }
  } catch {
    // An older plain timestamp cursor.
    return { since: text, pending: null }
  }
}

export interface NvdOptions {
  /** Results per request (NVD's maximum and default here: 2,000). */
  pageSize: number
  /** Pause between requests: NVD asks for 6 s without an API key, 0.6 s with one. */
  delayMs: (hasKey: boolean) => number
}

/** NVD's date form: ISO-8601 with milliseconds and an explicit offset. */
const nvdDate = (iso: string) => iso.replace(/Z$/, '+00:00')

/** The CVE API 2.0, incrementally by lastModified, paged by startIndex; one transaction per page. */
export function nvdProvider(opts: NvdOptions): FeedProvider {
  return {
    kind: 'nvd',
    async sync(ctx) {
      const apiKey = await readApiKey(ctx)
      const headers: Record<string, string> = apiKey ? { apiKey } : {}
      const delay = opts.delayMs(apiKey !== null)
      const now = ctx.now().toISOString()
      let cursor = parseNvdCursor(ctx.source.cursor)
      let stored = 0
      const problems: ProviderContextProblems = []
      let requests = 0
      for (;;) {
        if (!cursor.pending) {
          if (cursor.since !== null && cursor.since >= now) break
          const start = cursor.since
          const end =
            start === null ? now : new Date(Math.min(Date.parse(start) + MAX_WINDOW_MS, Date.parse(now))).toISOString()
          cursor = { since: cursor.since, pending: { start, end, startIndex: 0 } }
        }
        const p = cursor.pending!
        const url = new URL(ctx.source.url!)
        if (p.start !== null) {
          url.searchParams.set('lastModStartDate', nvdDate(p.start))
          url.searchParams.set('lastModEndDate', nvdDate(p.end))
        }
        url.searchParams.set('startIndex', String(p.startIndex))
        url.searchParams.set('resultsPerPage', String(opts.pageSize))
        if (requests++ > 0) await ctx.sleep(delay)
        const got = await ctx.fetcher.get(url.toString(), { feed: ctx.source.id, signal: ctx.signal, headers })
        const page = pageInfo(got.bytes)
        // The page is read and stored whole, or FEED_UNREADABLE is thrown and the cursor stays before it.
        const out = await ctx.ingest(got.bytes, `nvd-cves-${p.start ?? 'all'}-${p.startIndex}.json`)
        stored += out.stored
        problems.push(...out.problems)
        const next = p.startIndex + page.count
        cursor =
          page.count === 0 || next >= page.total
            ? { since: p.end, pending: null }
            : { since: cursor.since, pending: { ...p, startIndex: next } }
        await ctx.saveCursor(JSON.stringify(cursor))
        ctx.progress('nvd', Math.min(next, page.total), page.total)
      }
      return { stored, problems }
    },
  }
}

type ProviderContextProblems = Awaited<ReturnType<ProviderContext['ingest']>>['problems']

async function readApiKey(ctx: ProviderContext): Promise<string | null> {
  const raw = await ctx.setting('feeds.nvd.apiKey')
  if (!raw) return null
  try {
    const v = JSON.parse(raw) as unknown
    return typeof v === 'string' && v.trim() ? v.trim() : null
  } catch {
    return raw.trim() || null
  }
}

/** totalResults and how many CVEs this page holds (read before storing, to know where the next page starts). */
function pageInfo(bytes: Uint8Array): { total: number; count: number } {
  try {
    const doc = JSON.parse(new TextDecoder().decode(bytes)) as { totalResults?: unknown; vulnerabilities?: unknown }
    const count = Array.isArray(doc.vulnerabilities) ? doc.vulnerabilities.length : 0
    const total = typeof doc.totalResults === 'number' ? doc.totalResults : count
    return { total, count }
  } catch {
    // Unreadable: ingest refuses it with the reader's located problem before the count is used.
    return { total: 0, count: 0 }
  }
}
