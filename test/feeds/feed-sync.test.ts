/**
 * Feed sync against a local provider server on 127.0.0.1 (never the real CISA/FIRST/NVD/JVN), on both databases:
 * a CSAF provider (provider-metadata.json → ROLIE feed → documents with .sha512, one wrong: refused, the others
 * stored, the cursor kept before it); a 429 with Retry-After honoured; an NVD outage on page 2 (job failed with
 * FEED_FETCH_FAILED, page 1 stored, cursor saved, the next sync asks for page 2 first); a malformed page storing
 * nothing; a cancel mid-sync; the well-known sources seeded disabled.
 */
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { splitBilingual } from '../../src/core/errors.js'
import type { FeedSource } from '../../src/core/vulns/model.js'
import { parseNvdCursor } from '../../src/services/feeds/providers/nvd-api.js'
import type { Storage } from '../../src/storage/database.js'
import { DIALECTS } from '../helpers/databases.js'
import { type FeedServer, startFeedServer } from '../helpers/feed-server.js'
import { ADMIN, feedService } from './feed-setup.js'

const FIXTURES = join(import.meta.dirname, '../fixtures/feeds')
const fixture = (name: string) => readFileSync(join(FIXTURES, name))
const sha512 = (b: Uint8Array) => createHash('sha512').update(b).digest('hex')
const json = (v: unknown) => ({ headers: { 'content-type': 'application/json' }, body: JSON.stringify(v) })

/** An NVD API 2.0 page of synthetic CVEs CVE-2099-1000+i, built on the fixture's first record. */
const template = JSON.parse(fixture('nvd-cve-2.0-page.json').toString()).vulnerabilities[0]
function nvdPage(startIndex: number, count: number, total: number) {
  const vulnerabilities = Array.from({ length: count }, (_, i) => ({
    cve: { ...template.cve, id: `CVE-2099-${1000 + startIndex + i}` },
  }))
  return json({
    resultsPerPage: count,
    startIndex,
    totalResults: total,
    format: 'NVD_CVE',
    version: '2.0',
    timestamp: '2026-12-01T00:00:00.000',
    vulnerabilities,
  })
}

describe.each(DIALECTS)('feed sync on $name', (dialect) => {
  let server: FeedServer
  let storage: Storage
  const opened: Storage[] = []

  beforeAll(async () => {
    server = await startFeedServer()
  })
  afterAll(async () => {
    await server.close()
  })
  afterEach(async () => {
    for (const s of opened.splice(0)) await s.close()
    server.requests.length = 0
  })

  /** A fresh database whose only enabled sources are these (pointing at the local server). */
  async function withSources(sources: Pick<FeedSource, 'id' | 'kind' | 'url'>[], pageSize = 2) {
    storage = await dialect.open()
    opened.push(storage)
    const t = feedService(storage, { pageSize })
    await t.feeds.sources()
    for (const s of sources) await t.feeds.putSource(ADMIN, s.id, { kind: s.kind, url: s.url, enabled: true })
    return t
  }
  const source = async (t: Awaited<ReturnType<typeof withSources>>, id: string) =>
    (await t.ports.vulns.feedSources()).find((s) => s.id === id)!

  it('seeds the five well-known sources disabled: nothing is fetched until an admin enables one', async () => {
    const t = await withSources([])
    const sources = await t.feeds.sources()
    expect(sources.map((s) => s.id).sort()).toEqual(['csaf:cisa', 'epss', 'jvn', 'kev', 'nvd'])
    expect(sources.every((s) => !s.enabled && s.url?.startsWith('https://'))).toBe(true)
    const { jobId, done } = await t.feeds.startSync(ADMIN, 'user')
    expect(await done).toEqual({ sources: [] })
    expect((await t.jobs.get(jobId)).state).toBe('succeeded')
    expect(server.requests).toHaveLength(0)
  })

  it('CSAF provider: ROLIE feed, .sha512 checked, a wrong checksum refuses only that document', async () => {
    const docs = {
      'icsma-20-049-01.json': { bytes: fixture('icsma-20-049-01.json'), updated: '2020-02-18T00:00:00Z', good: true },
      'icsma-20-170-06.json': { bytes: fixture('icsma-20-170-06.json'), updated: '2020-06-23T00:00:00Z', good: true },
      'icsma-21-187-01.json': { bytes: fixture('icsma-21-187-01.json'), updated: '2022-04-05T00:00:00Z', good: false },
    }
    server.on('/.well-known/csaf/provider-metadata.json', {
      ...json({
        canonical_url: `${server.base}/.well-known/csaf/provider-metadata.json`,
        distributions: [{ rolie: { feeds: [{ tlp_label: 'WHITE', url: `${server.base}/rolie/white.json` }] } }],
      }),
    })
    server.on(
      '/rolie/white.json',
      json({
        feed: {
          id: 'white',
          entry: Object.entries(docs).map(([name, d]) => ({
            id: name,
            updated: d.updated,
            link: [
              { rel: 'self', href: `/csaf/${name}` },
              { rel: 'hash', href: `/csaf/${name}.sha512` },
              ...(name === 'icsma-20-049-01.json' ? [{ rel: 'signature', href: `/csaf/${name}.asc` }] : []),
            ],
          })),
        },
      }),
    )
    for (const [name, d] of Object.entries(docs)) {
      server.on(`/csaf/${name}`, { body: d.bytes })
      server.on(`/csaf/${name}.sha512`, { body: `${d.good ? sha512(d.bytes) : 'ab'.repeat(64)}  ${name}\n` })
    }
    const t = await withSources([
      { id: 'csaf:test', kind: 'csaf', url: `${server.base}/.well-known/csaf/provider-metadata.json` },
    ])

    const { jobId, done } = await t.feeds.startSync(ADMIN, 'user')
    const result = await done
    expect((await t.jobs.get(jobId)).state).toBe('succeeded')
    expect(result.sources).toEqual([expect.objectContaining({ id: 'csaf:test', stored: 2, problems: 2 })])
    expect((await t.ports.vulns.counts()).advisories).toBe(2)
    expect(await t.ports.vulns.getAdvisory('ICSMA-21-187-01')).toBeNull()
    const state = await source(t, 'csaf:test')
    // The cursor stays before the refused document, so the next sync fetches it again (and only it).
    expect(state.cursor).toBe('2020-06-23T00:00:00.000Z')
    expect(state.lastError).toBeNull()
    expect(t.ingested).toHaveLength(1)

    server.requests.length = 0
    await (await t.feeds.startSync(ADMIN, 'user')).done
    const fetched = server.requests.map((u) => u.pathname).filter((p) => p.startsWith('/csaf/') && p.endsWith('.json'))
    expect(fetched).toEqual(['/csaf/icsma-21-187-01.json'])
  })

  it('CSAF provider by directory: changes.csv lists the documents and when they changed', async () => {
    server.on('/.well-known/csaf-dir/provider-metadata.json', {
      ...json({ distributions: [{ directory_url: `${server.base}/csaf-dir/white/` }] }),
    })
    server.on('/csaf-dir/white/changes.csv', {
      body: '"2020/icsma-20-170-06.json","2020-06-23T00:00:00Z"\n"2020/icsma-20-049-01.json","2020-02-18T00:00:00Z"\n',
    })
    for (const name of ['icsma-20-049-01.json', 'icsma-20-170-06.json'])
      server.on(`/csaf-dir/white/2020/${name}`, { body: fixture(name) })
    const t = await withSources([
      { id: 'csaf:dir', kind: 'csaf', url: `${server.base}/.well-known/csaf-dir/provider-metadata.json` },
    ])
    const { done } = await t.feeds.startSync(ADMIN, 'user')
    expect((await done).sources[0]).toMatchObject({ stored: 2, problems: 0 })
    expect((await source(t, 'csaf:dir')).cursor).toBe('2020-06-23T00:00:00.000Z')
    // No .sha512 published: asked for, answered 404, the document stored all the same.
    expect(server.requests.some((u) => u.pathname === '/csaf-dir/white/2020/icsma-20-049-01.json.sha512')).toBe(true)
  })

  it('honours a 429 with Retry-After, then stores the answer', async () => {
    server.sequence('/kev.json', [
      { status: 429, headers: { 'retry-after': '7' }, body: 'slow down' },
      { headers: { 'content-type': 'application/json' }, body: fixture('kev-subset.json') },
    ])
    const t = await withSources([{ id: 'kev', kind: 'kev', url: `${server.base}/kev.json` }])
    const { jobId, done } = await t.feeds.startSync(ADMIN, 'user')
    await done
    expect((await t.jobs.get(jobId)).state).toBe('succeeded')
    expect(t.waits).toContain(7_000)
    expect(server.requests.filter((u) => u.pathname === '/kev.json')).toHaveLength(2)
    expect((await t.ports.vulns.counts()).kev).toBe(31)
    expect((await source(t, 'kev')).lastSuccessAt).not.toBeNull()
  })

  it('NVD outage on page 2: job failed, page 1 kept, cursor saved; the next sync resumes at page 2', async () => {
    let outage = true
    server.on('/nvd', (url) => {
      const start = Number(url.searchParams.get('startIndex'))
      // Nothing changed since the first full download.
      if (url.searchParams.has('lastModStartDate')) return nvdPage(0, 0, 0)
      if (start === 2 && outage) return { status: 500, body: 'Internal Server Error' }
      return nvdPage(start, Math.min(2, 5 - start), 5)
    })
    const t = await withSources([{ id: 'nvd', kind: 'nvd', url: `${server.base}/nvd` }])

    const first = await t.feeds.startSync(ADMIN, 'user')
    await expect(first.done).rejects.toMatchObject({ code: 'FEED_FETCH_FAILED' })
    const failed = await t.jobs.get(first.jobId)
    expect(failed.state).toBe('failed')
    expect(failed.error).toMatchObject({ code: 'FEED_FETCH_FAILED', message: expect.stringContaining('HTTP 500') })
    expect(failed.error?.messageJa).toContain('中断した位置から再開')
    expect((await t.ports.vulns.counts()).cves).toBe(2)
    const state = await source(t, 'nvd')
    expect(parseNvdCursor(state.cursor).pending?.startIndex).toBe(2)
    expect(state.lastError).toContain('HTTP 500')
    expect(splitBilingual(state.lastError!).ja).toContain('取得できませんでした')
    const [note] = await t.ports.vulns.notifications('any', { limit: 10 })
    expect(note).toMatchObject({ kind: 'sync-failed', body: { feed: 'nvd' } })
    expect(note?.titleJa).toContain('同期に失敗')

    outage = false
    server.requests.length = 0
    const second = await t.feeds.startSync(ADMIN, 'user')
    await second.done
    expect((await t.jobs.get(second.jobId)).state).toBe('succeeded')
    const asked = server.requests
      .filter((u) => u.pathname === '/nvd')
      .map((u) => `${u.searchParams.get('startIndex')}${u.searchParams.has('lastModStartDate') ? ' since' : ''}`)
    // Page 2 first (the full download resumed), then what changed since that download began.
    expect(asked).toEqual(['2', '4', '0 since'])
    expect(server.requests[0]?.searchParams.get('resultsPerPage')).toBe('2')
    expect((await t.ports.vulns.counts()).cves).toBe(5)
    const done = parseNvdCursor((await source(t, 'nvd')).cursor)
    expect(done.pending).toBeNull()
    expect(done.since).not.toBeNull()
    // NVD's pause between requests without an API key (6 s) was asked for, not slept.
    expect(t.waits).toContain(6_000)

    // The next sync asks only for what changed since, within NVD's 120-day window, with the API key when set.
    await t.ports.vulns.putSetting('feeds.nvd.apiKey', JSON.stringify('k-123'), ADMIN, null)
    server.requests.length = 0
    let apiKey: string | undefined
    server.on('/nvd', (url, req) => {
      apiKey = req.headers.apikey as string | undefined
      return nvdPage(Number(url.searchParams.get('startIndex')), 0, 0)
    })
    await (await t.feeds.startSync(ADMIN, 'user')).done
    const incremental = server.requests.find((u) => u.pathname === '/nvd')!
    expect(incremental.searchParams.get('lastModStartDate')).toBe(done.since!.replace(/Z$/, '+00:00'))
    expect(incremental.searchParams.get('lastModEndDate')).not.toBeNull()
    expect(apiKey).toBe('k-123')
  })

  it('JVN: the overview list since the cursor, then the details ten ids at a time; the cursor is the latest update', async () => {
    server.on('/myjvn', (url) =>
      url.searchParams.get('method') === 'getVulnOverviewList'
        ? { headers: { 'content-type': 'application/xml' }, body: fixture('jvn-overview-rss.xml') }
        : { headers: { 'content-type': 'application/xml' }, body: fixture('jvn-vuldef-bluekeep.xml') },
    )
    const t = await withSources([{ id: 'jvn', kind: 'jvn', url: `${server.base}/myjvn` }])
    const { jobId, done } = await t.feeds.startSync(ADMIN, 'user')
    const result = await done
    expect((await t.jobs.get(jobId)).state).toBe('succeeded')
    const detail = server.requests.find((u) => u.searchParams.get('method') === 'getVulnDetailInfo')!
    expect(detail.search).toContain('vulnId=JVNDB-2099-000708+JVNDB-2099-004711')
    expect(result.sources[0]?.stored).toBeGreaterThan(0)
    const stored = await t.ports.vulns.listAdvisories({ limit: 10, offset: 0 })
    expect(stored.items.some((a) => a.source === 'jvn' && a.titleJa?.includes('Remote Desktop'))).toBe(true)
    // 2025-02-10T12:00+09:00, the latest dcterms:modified of the list.
    expect((await source(t, 'jvn')).cursor).toBe('2025-02-10T03:00:00.000Z')

    server.requests.length = 0
    await (await t.feeds.startSync(ADMIN, 'user')).done
    const overview = server.requests.find((u) => u.searchParams.get('method') === 'getVulnOverviewList')!
    expect(overview.searchParams.get('rangeDatePublished')).toBe('n')
    expect(['Y', 'M', 'D'].map((p) => overview.searchParams.get(`datePublishedStart${p}`))).toEqual(['2025', '2', '10'])
  })

  it('a malformed page stores nothing of it and leaves the cursor before it', async () => {
    server.on('/nvd', (url) =>
      url.searchParams.get('startIndex') === '0'
        ? { headers: { 'content-type': 'application/json' }, body: '{"resultsPerPage":2,"vulnerabilities":[{"cve":' }
        : undefined,
    )
    const t = await withSources([{ id: 'nvd', kind: 'nvd', url: `${server.base}/nvd` }])
    const { jobId, done } = await t.feeds.startSync(ADMIN, 'user')
    await expect(done).rejects.toMatchObject({ code: 'FEED_UNREADABLE' })
    const job = await t.jobs.get(jobId)
    expect(job.state).toBe('failed')
    expect((await t.ports.vulns.counts()).cves).toBe(0)
    expect((await source(t, 'nvd')).cursor).toBeNull()
  })

  it('a cancel mid-sync stops between pages; what was committed stays and the cursor says where', async () => {
    const t = await withSources([{ id: 'nvd', kind: 'nvd', url: `${server.base}/nvd` }])
    let jobId = ''
    server.on('/nvd', async (url) => {
      const start = Number(url.searchParams.get('startIndex'))
      // The person presses "cancel" while page 2 is on its way.
      if (start === 2) await t.jobs.cancel(jobId, ADMIN)
      return nvdPage(start, 2, 10)
    })
    const started = await t.feeds.startSync(ADMIN, 'user')
    jobId = started.jobId
    // Asking again while it runs answers the same job rather than a second sync over the same pages.
    expect((await t.feeds.startSync(ADMIN, 'user')).jobId).toBe(jobId)
    await started.done.catch(() => undefined)
    const job = await t.jobs.waitFor(jobId, 20)
    expect(job.state).toBe('cancelled')
    expect((await t.ports.vulns.counts()).cves).toBe(2)
    expect(parseNvdCursor((await source(t, 'nvd')).cursor).pending?.startIndex).toBe(2)
    expect(server.requests.filter((u) => u.pathname === '/nvd')).toHaveLength(2)
  })
})
