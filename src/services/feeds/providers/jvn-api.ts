import type { FeedProblem } from '../../../core/vulns/model.js'
import type { FeedProvider } from './provider.js'

/** MyJVN answers at most 50 overview items per request and 10 ids per detail request. */
const OVERVIEW_PAGE = 50
const DETAIL_IDS = 10

/**
 * JVN iPedia through the MyJVN API: `getVulnOverviewList` paged by `startItem` over entries updated since the cursor
 * (`rangeDatePublished=n` with `datePublishedStart{Y,M,D}`: MyJVN's "published" is the last-update date), then
 * `getVulnDetailInfo` (VULDEF XML, Japanese titles and descriptions kept) ten ids at a time. The cursor is the latest
 * `dcterms:modified` stored; days are MyJVN's grain, so the cursor's own day is asked again (stores are idempotent).
 */
export function jvnProvider(opts: { delayMs: number }): FeedProvider {
  return {
    kind: 'jvn',
    async sync(ctx) {
      const base = ctx.source.url!
      const since = ctx.source.cursor
      const fetchOpts = { feed: ctx.source.id, signal: ctx.signal }
      const problems: FeedProblem[] = []
      let stored = 0
      let latest = since
      for (let start = 1, total = Number.POSITIVE_INFINITY; start <= total; start += OVERVIEW_PAGE) {
        const list = new URL(base)
        list.searchParams.set('method', 'getVulnOverviewList')
        list.searchParams.set('feed', 'hnd')
        list.searchParams.set('startItem', String(start))
        list.searchParams.set('maxCountItem', String(OVERVIEW_PAGE))
        if (since) {
          const d = new Date(since)
          list.searchParams.set('rangeDatePublished', 'n')
          list.searchParams.set('datePublishedStartY', String(d.getUTCFullYear()))
          list.searchParams.set('datePublishedStartM', String(d.getUTCMonth() + 1))
          list.searchParams.set('datePublishedStartD', String(d.getUTCDate()))
        }
        if (start > 1) await ctx.sleep(opts.delayMs)
        const overview = new TextDecoder().decode((await ctx.fetcher.get(list.toString(), fetchOpts)).bytes)
        total = Number(/totalRes="(\d+)"/.exec(overview)?.[1] ?? 0)
        const items = [...overview.matchAll(/<item\b[\s\S]*?<\/item>/g)].map((m) => ({
          id: /<sec:identifier>([^<]+)<\/sec:identifier>/.exec(m[0])?.[1]?.trim() ?? null,
          modified: /<dcterms:modified>([^<]+)<\/dcterms:modified>/.exec(m[0])?.[1]?.trim() ?? null,
        }))
        if (items.length === 0) break
        for (let i = 0; i < items.length; i += DETAIL_IDS) {
          ctx.signal.throwIfAborted()
          const group = items.slice(i, i + DETAIL_IDS).filter((x) => x.id)
          if (group.length === 0) continue
          const detail = new URL(base)
          detail.searchParams.set('method', 'getVulnDetailInfo')
          detail.searchParams.set('feed', 'hnd')
          // MyJVN joins ids with a literal '+' (URLSearchParams would send %2B).
          detail.search += `&vulnId=${group.map((x) => encodeURIComponent(x.id!)).join('+')}`
          await ctx.sleep(opts.delayMs)
          const got = await ctx.fetcher.get(detail.toString(), fetchOpts)
          const out = await ctx.ingest(got.bytes, `jvn-${group[0]!.id}.xml`)
          stored += out.stored
          problems.push(...out.problems)
          for (const x of group) {
            const at = x.modified && !Number.isNaN(Date.parse(x.modified)) ? new Date(x.modified).toISOString() : null
            if (at && (latest === null || at > latest)) latest = at
          }
        }
        ctx.progress('jvn', Math.min(start + items.length - 1, total), total)
      }
      if (latest !== since && latest !== null) await ctx.saveCursor(latest)
      return { stored, problems }
    },
  }
}
