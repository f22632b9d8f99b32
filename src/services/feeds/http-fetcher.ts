import { MamoriError } from '../../core/errors.js'

/** Waits `ms`, or rejects with the signal's reason as soon as it aborts (a cancelled sync never sleeps on). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason)
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    const onAbort = () => {
      clearTimeout(timer)
      reject(signal?.reason)
    }
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}

export interface HttpFetcherOptions {
  /** Whole-request deadline (headers and body), default 60 s. */
  timeoutMs?: number
  /** Largest body accepted, default 512 MiB (the NVD API pages and KEV are far smaller; EPSS .csv.gz ~10 MB). */
  maxBytes?: number
  /** Attempts after a 429/503 (default 3). */
  retries?: number
  /** Longest Retry-After honoured (default 120 s); a longer one fails the fetch instead of stalling the job. */
  maxRetryAfterMs?: number
  /** Waiting (injectable so tests do not wait for real). */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>
}

export interface FetchedBody {
  url: string
  status: number
  bytes: Uint8Array
  contentType: string | null
}

const why = (en: string, ja: string) => ({ en, ja })

/**
 * GET with a deadline, a body cap, and polite retries on 429/503 that honour Retry-After (seconds or an HTTP date),
 * capped and cancellable. Every failure is FEED_FETCH_FAILED naming the feed, the URL and why in both languages;
 * a 404 answers null from `getOptional` (a provider without `.sha512` files).
 */
export class HttpFetcher {
  private readonly timeoutMs: number
  private readonly maxBytes: number
  private readonly retries: number
  private readonly maxRetryAfterMs: number
  private readonly wait: (ms: number, signal?: AbortSignal) => Promise<void>

  constructor(opts: HttpFetcherOptions = {}) {
    this.timeoutMs = opts.timeoutMs ?? 60_000
    this.maxBytes = opts.maxBytes ?? 512 * 1024 * 1024
    this.retries = opts.retries ?? 3
    this.maxRetryAfterMs = opts.maxRetryAfterMs ?? 120_000
    this.wait = opts.sleep ?? sleep
  }

  /** The body of `url`; FEED_FETCH_FAILED on anything but 2xx after retries. */
  async get(
    url: string,
    opts: { feed: string; signal?: AbortSignal; headers?: Record<string, string> },
  ): Promise<FetchedBody> {
    const got = await this.fetchWithRetry(url, opts)
    if (got === null) throw fetchFailed(opts.feed, url, why('HTTP 404 (not found)', 'HTTP 404（見つかりません）'))
    return got
  }

  /** Like `get`, but a 404 answers null. */
  getOptional(
    url: string,
    opts: { feed: string; signal?: AbortSignal; headers?: Record<string, string> },
  ): Promise<FetchedBody | null> {
    return this.fetchWithRetry(url, opts)
  }

  private async fetchWithRetry(
    url: string,
    opts: { feed: string; signal?: AbortSignal; headers?: Record<string, string> },
  ): Promise<FetchedBody | null> {
    for (let attempt = 0; ; attempt++) {
      opts.signal?.throwIfAborted()
      const deadline = AbortSignal.timeout(this.timeoutMs)
      const signal = opts.signal ? AbortSignal.any([opts.signal, deadline]) : deadline
      let res: Response
      try {
        res = await fetch(url, { headers: opts.headers, signal, redirect: 'follow' })
      } catch (err) {
        throw this.networkFailure(err, url, opts, deadline)
      }
      if (res.status === 404) {
        await res.body?.cancel()
        return null
      }
      if ((res.status === 429 || res.status === 503) && attempt < this.retries) {
        const delay = retryAfterMs(res.headers.get('retry-after'), attempt)
        await res.body?.cancel()
        if (delay > this.maxRetryAfterMs)
          throw fetchFailed(
            opts.feed,
            url,
            why(
              `HTTP ${res.status}: the server asks to wait ${Math.round(delay / 1000)} s, longer than ${this.maxRetryAfterMs / 1000} s`,
              `HTTP ${res.status}: サーバーが ${Math.round(delay / 1000)} 秒の待機を求めています（上限 ${this.maxRetryAfterMs / 1000} 秒）`,
            ),
          )
        await this.wait(delay, opts.signal)
        continue
      }
      if (!res.ok) {
        await res.body?.cancel()
        throw fetchFailed(
          opts.feed,
          url,
          why(`HTTP ${res.status} ${res.statusText}`, `HTTP ${res.status} ${res.statusText}（サーバー側のエラー）`),
        )
      }
      try {
        const bytes = await this.readCapped(res, url, opts.feed)
        return { url: res.url || url, status: res.status, bytes, contentType: res.headers.get('content-type') }
      } catch (err) {
        if (err instanceof MamoriError) throw err
        throw this.networkFailure(err, url, opts, deadline)
      }
    }
  }

  private networkFailure(
    err: unknown,
    url: string,
    opts: { feed: string; signal?: AbortSignal },
    deadline: AbortSignal,
  ) {
    // A cancel is the job's own doing: let the runner see the abort, not a fetch failure.
    if (opts.signal?.aborted) return opts.signal.reason
    if (deadline.aborted)
      return fetchFailed(
        opts.feed,
        url,
        why(`no answer within ${this.timeoutMs / 1000} s`, `${this.timeoutMs / 1000} 秒以内に応答がありません`),
      )
    const cause = (err as { cause?: { code?: string; message?: string } }).cause
    const text = cause?.code ?? cause?.message ?? (err as Error).message
    return fetchFailed(opts.feed, url, why(`network error (${text})`, `ネットワークエラー（${text}）`))
  }

  private async readCapped(res: Response, url: string, feed: string): Promise<Uint8Array> {
    const declared = Number(res.headers.get('content-length') ?? Number.NaN)
    const tooLarge = () =>
      fetchFailed(
        feed,
        url,
        why(`the answer is larger than ${this.maxBytes} bytes`, `応答が上限 ${this.maxBytes} バイトを超えています`),
      )
    if (declared > this.maxBytes) {
      await res.body?.cancel()
      throw tooLarge()
    }
    const chunks: Uint8Array[] = []
    let size = 0
    if (!res.body) return new Uint8Array()
    for await (const chunk of res.body) {
      size += chunk.byteLength
      if (size > this.maxBytes) throw tooLarge()
      chunks.push(chunk)
    }
    return Buffer.concat(chunks)
  }
}

/** FEED_FETCH_FAILED for a feed and URL, with why in both languages. */
export function fetchFailed(feed: string, url: string, reason: { en: string; ja: string }): MamoriError {
  return MamoriError.of('FEED_FETCH_FAILED', { feed, url, why: reason })
}

/** Retry-After in ms: delta-seconds or an HTTP date; absent → 1 s, 2 s, 4 s … */
export function retryAfterMs(header: string | null, attempt: number, now = Date.now()): number {
  if (header !== null) {
    const seconds = Number(header.trim())
    if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000
    const at = Date.parse(header)
    if (!Number.isNaN(at)) return Math.max(0, at - now)
  }
  return 1000 * 2 ** attempt
}
