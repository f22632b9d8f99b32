/**
 * The one way the UI talks to the server. It keeps the CSRF token from login/session, sends it on every
 * state-changing request (the server rejects them otherwise), and turns the server's error JSON
 * (`{ error: { code, message, details } }`, api/common.ts) into an {@link ApiError} the pages can show.
 */

let csrfToken: string | null = null

/** Remembers the token returned by POST /api/auth/login or GET /api/auth/session. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token
}

/** One located problem, e.g. `{ where: 'ipAddresses.0', message: 'not an IP address' }` (+ `messageJa` when known). */
export interface ErrorDetail {
  where: string
  message: string
  messageJa?: string
}

/** A parameter of a catalog text: a value, or a part with its own text in each language. */
export type ErrorParam = string | number | { en: string; ja: string }

/** A non-2xx answer (or no answer at all: status 0, code NETWORK_ERROR). */
export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly details: ErrorDetail[]
  /** The server's message in Japanese (ADR 0009); `message` is English. */
  readonly messageJa: string | undefined
  /** The parameters of the catalog text `errors.<code>` the server rendered; the UI renders the same key with them. */
  readonly params: Record<string, ErrorParam> | undefined

  constructor(
    status: number,
    code: string,
    message: string,
    details: ErrorDetail[] = [],
    messageJa?: string,
    params?: Record<string, ErrorParam>,
  ) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.code = code
    this.details = details
    this.messageJa = messageJa
    this.params = params
  }
}

/** Called when any request answers 401 so the app can go back to the login page. */
let onUnauthorized: (() => void) | null = null
export function setUnauthorizedHandler(handler: (() => void) | null): void {
  onUnauthorized = handler
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function isParam(v: unknown): v is ErrorParam {
  return (
    typeof v === 'string' ||
    typeof v === 'number' ||
    (isRecord(v) && typeof v.en === 'string' && typeof v.ja === 'string')
  )
}

/** The catalog parameters, only when every one has a shape the catalog accepts. */
function paramsOf(raw: unknown): Record<string, ErrorParam> | undefined {
  if (!isRecord(raw)) return undefined
  const entries = Object.entries(raw)
  return entries.every(([, v]) => isParam(v)) ? Object.fromEntries(entries as [string, ErrorParam][]) : undefined
}

/** Reads `{ error: {...} }` defensively: a proxy or a crash may answer with HTML or nothing. */
function toApiError(status: number, body: unknown, statusText: string): ApiError {
  if (isRecord(body) && isRecord(body.error)) {
    const e = body.error
    const code = typeof e.code === 'string' ? e.code : `HTTP_${status}`
    const message = typeof e.message === 'string' ? e.message : statusText
    const details: ErrorDetail[] = Array.isArray(e.details)
      ? e.details.flatMap((d) =>
          isRecord(d) && typeof d.message === 'string'
            ? [
                {
                  where: typeof d.where === 'string' ? d.where : '',
                  message: d.message,
                  ...(typeof d.messageJa === 'string' ? { messageJa: d.messageJa } : {}),
                },
              ]
            : [],
        )
      : []
    const messageJa = typeof e.messageJa === 'string' ? e.messageJa : undefined
    return new ApiError(status, code, message, details, messageJa, paramsOf(e.params))
  }
  return new ApiError(status, `HTTP_${status}`, statusText || `HTTP ${status}`)
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

/** Options for {@link api}: `json` is serialised, `body` (FormData) is sent as-is. */
export interface ApiOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  json?: unknown
  body?: FormData
  signal?: AbortSignal
}

/**
 * Calls `/api/...` and returns the parsed JSON (or undefined for 204).
 *
 * @example
 *   const dev = await api<Device>(`/api/devices/${id}`)
 *   await api('/api/devices/' + id, { method: 'PATCH', json: { version, patch } })
 */
export async function api<T>(path: string, opts: ApiOptions = {}): Promise<T> {
  const method = opts.method ?? 'GET'
  const headers: Record<string, string> = { accept: 'application/json' }
  let body: BodyInit | undefined
  if (opts.json !== undefined) {
    headers['content-type'] = 'application/json'
    body = JSON.stringify(opts.json)
  } else if (opts.body) {
    // The browser sets the multipart boundary itself; setting content-type here would break it.
    body = opts.body
  }
  if (UNSAFE.has(method) && csrfToken) headers['x-csrf-token'] = csrfToken
  let res: Response
  try {
    res = await fetch(path, { method, headers, body, credentials: 'same-origin', signal: opts.signal })
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err
    throw new ApiError(0, 'NETWORK_ERROR', 'The server did not answer.')
  }
  if (res.status === 204) return undefined as T
  const text = await res.text()
  let parsed: unknown = null
  if (text) {
    try {
      parsed = JSON.parse(text)
    } catch {
      parsed = null
    }
  }
  if (!res.ok) {
    const error = toApiError(res.status, parsed, res.statusText)
    if (res.status === 401 && path !== '/api/auth/login' && path !== '/api/auth/session') onUnauthorized?.()
    throw error
  }
  return parsed as T
}

/** Builds a query string from defined, non-empty values only. */
export function queryString(params: Record<string, string | number | boolean | null | undefined>): string {
  const sp = new URLSearchParams()
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '') continue
    sp.set(k, String(v))
  }
  const s = sp.toString()
  return s ? `?${s}` : ''
}
