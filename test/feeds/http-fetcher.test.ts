/**
 * The feed fetcher against a local server on 127.0.0.1: a slow answer is a deadline, an answer over the cap is
 * refused, a closed port is a network error, a Retry-After beyond the cap fails instead of stalling the job, a
 * cancel during a Retry-After wait stops at once — each as FEED_FETCH_FAILED naming feed, URL and why in both
 * languages (a cancel stays a cancel).
 */
import { createServer } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { HttpFetcher, retryAfterMs, sleep } from '../../src/services/feeds/http-fetcher.js'
import { type FeedServer, startFeedServer } from '../helpers/feed-server.js'

describe('feed HTTP fetcher', () => {
  let server: FeedServer
  beforeAll(async () => {
    server = await startFeedServer()
  })
  afterAll(() => server.close())

  const failure = (p: Promise<unknown>) =>
    p.then(
      () => null,
      (e: unknown) => e as { code: string; message: string; messageJa: string },
    )

  it('answers the body, and null for a 404 when asked optionally', async () => {
    server.on('/ok.json', { body: '{"ok":true}' })
    const f = new HttpFetcher()
    const got = await f.get(`${server.base}/ok.json`, { feed: 'kev' })
    expect(new TextDecoder().decode(got.bytes)).toBe('{"ok":true}')
    expect(await f.getOptional(`${server.base}/absent.sha512`, { feed: 'kev' })).toBeNull()
    const e = await failure(f.get(`${server.base}/absent.json`, { feed: 'kev' }))
    expect(e).toMatchObject({ code: 'FEED_FETCH_FAILED' })
    expect(e?.message).toContain('HTTP 404')
  })

  it('gives up on a server that does not answer within the deadline', async () => {
    server.on('/slow', () => new Promise((r) => setTimeout(() => r({ body: 'late' }), 2_000)))
    const e = await failure(new HttpFetcher({ timeoutMs: 200 }).get(`${server.base}/slow`, { feed: 'nvd' }))
    expect(e).toMatchObject({ code: 'FEED_FETCH_FAILED' })
    expect(e?.message).toContain('no answer within 0.2 s')
    expect(e?.messageJa).toContain('応答がありません')
  })

  it('refuses an answer larger than the cap, declared or not', async () => {
    server.on('/big', { body: 'x'.repeat(5_000) })
    server.on('/big-chunked', { headers: { 'transfer-encoding': 'chunked' }, body: 'y'.repeat(5_000) })
    const f = new HttpFetcher({ maxBytes: 1_000 })
    for (const path of ['/big', '/big-chunked']) {
      const e = await failure(f.get(`${server.base}${path}`, { feed: 'epss' }))
      expect(e?.message).toContain('larger than 1000 bytes')
    }
  })

  it('names a closed port as a network error with the URL', async () => {
    const probe = createServer()
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', () => r()))
    const port = (probe.address() as { port: number }).port
    await new Promise<void>((r) => probe.close(() => r()))
    const url = `http://127.0.0.1:${port}/kev.json`
    const e = await failure(new HttpFetcher().get(url, { feed: 'kev' }))
    expect(e?.message).toContain(url)
    expect(e?.message).toContain('ECONNREFUSED')
  })

  it('fails on a Retry-After longer than the cap, and a cancel during the wait is a cancel', async () => {
    server.on('/busy', { status: 503, headers: { 'retry-after': '3600' } })
    const e = await failure(new HttpFetcher({ maxRetryAfterMs: 60_000 }).get(`${server.base}/busy`, { feed: 'nvd' }))
    expect(e?.message).toContain('asks to wait 3600 s')

    server.on('/limited', { status: 429, headers: { 'retry-after': '30' } })
    const controller = new AbortController()
    const pending = failure(
      new HttpFetcher({ sleep }).get(`${server.base}/limited`, { feed: 'nvd', signal: controller.signal }),
    )
    setTimeout(() => controller.abort(new Error('cancelled by a person')), 100)
    expect(((await pending) as unknown as Error).message).toBe('cancelled by a person')
  })

  it('reads Retry-After as seconds or an HTTP date, else backs off 1 s, 2 s, 4 s', () => {
    expect(retryAfterMs('7', 0)).toBe(7_000)
    expect(retryAfterMs('Wed, 02 Dec 2026 10:00:30 GMT', 0, Date.parse('2026-12-02T10:00:00Z'))).toBe(30_000)
    expect([0, 1, 2].map((a) => retryAfterMs(null, a))).toEqual([1_000, 2_000, 4_000])
  })
})
