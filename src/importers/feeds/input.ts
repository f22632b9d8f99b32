import { gunzipSync } from 'node:zlib'
import type { FeedProblem } from '../../core/vulns/model.js'

/**
 * What every feed and SBOM reader does first: gunzip when the bytes say gzip (magic 1f 8b, whatever the file is
 * called), refuse what is too large to read before it exhausts memory (a gzip bomb stops at the limit, it is never
 * inflated whole), decode UTF-8 (BOM dropped) and, for JSON formats, parse once with the error's position.
 * Never throws: a failure is one error problem for the file.
 */

/** V8 cannot hold a string longer than ~512 Mi characters; larger input could never be parsed, so it stops here. */
export const MAX_INPUT_BYTES = 512 * 1024 * 1024

export interface InputOptions {
  /** Largest input (after gunzip) a reader accepts; default {@link MAX_INPUT_BYTES}. */
  maxBytes?: number
}

export type Decoded = { ok: true; text: string } | { ok: false; problem: FeedProblem }

export function fileProblem(file: string, code: string, params: Record<string, string | number> = {}): FeedProblem {
  return { severity: 'error', code, file, path: null, params: { file, ...params } }
}

export const isGzip = (bytes: Uint8Array): boolean => bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b

const mib = (n: number) => Math.round((n / 1024 / 1024) * 10) / 10

/** The bytes, gunzipped when they are gzip, within the size limit. */
export function inflate(
  bytes: Uint8Array,
  file: string,
  options: InputOptions = {},
): { ok: true; bytes: Uint8Array } | { ok: false; problem: FeedProblem } {
  const max = options.maxBytes ?? MAX_INPUT_BYTES
  if (isGzip(bytes)) {
    try {
      bytes = gunzipSync(bytes, { maxOutputLength: max })
    } catch (err) {
      const e = err as NodeJS.ErrnoException
      if (e.code === 'ERR_BUFFER_TOO_LARGE' || e instanceof RangeError)
        return { ok: false, problem: fileProblem(file, 'tooLarge', { limit: mib(max) }) }
      return { ok: false, problem: fileProblem(file, 'badGzip', { why: String(e.message).slice(0, 120) }) }
    }
  }
  if (bytes.length > max) return { ok: false, problem: fileProblem(file, 'tooLarge', { limit: mib(max) }) }
  return { ok: true, bytes }
}

/** Gunzipped (when gzip) and decoded UTF-8 text, BOM removed. */
export function decodeText(bytes: Uint8Array, file: string, options: InputOptions = {}): Decoded {
  const raw = inflate(bytes, file, options)
  if (!raw.ok) return raw
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: false }).decode(raw.bytes)
  } catch {
    return { ok: false, problem: fileProblem(file, 'tooLarge', { limit: mib(options.maxBytes ?? MAX_INPUT_BYTES) }) }
  }
  return { ok: true, text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text }
}

/** Parses JSON text; a syntax error is `notJson` with the character position. */
export function parseJsonText(
  text: string,
  file: string,
): { ok: true; value: unknown } | { ok: false; problem: FeedProblem } {
  try {
    return { ok: true, value: JSON.parse(text) }
  } catch (err) {
    const why = String((err as Error).message)
    const offset = /position (\d+)/.exec(why)?.[1] ?? String(text.length)
    return { ok: false, problem: fileProblem(file, 'notJson', { why: why.split('\n')[0]!.slice(0, 120), offset }) }
  }
}

/** Gunzip + decode + JSON.parse. */
export function readJson(
  bytes: Uint8Array,
  file: string,
  options: InputOptions = {},
): { ok: true; value: unknown } | { ok: false; problem: FeedProblem } {
  const t = decodeText(bytes, file, options)
  return t.ok ? parseJsonText(t.text, file) : t
}

export type Json = Record<string, unknown>
export const isObj = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v)
export const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null)

/** A value as a short quote for a problem text. */
export function show(v: unknown): string {
  let s: string
  try {
    s = v === undefined ? '(missing)' : (JSON.stringify(v) ?? String(v))
  } catch {
    s = String(v)
  }
  return s.length > 80 ? `${s.slice(0, 77)}...` : s
}

/** The top-level keys of a parsed document, for "found: …" in a wrong-format problem. */
export const found = (v: unknown): string =>
  isObj(v) ? Object.keys(v).slice(0, 8).join(', ') || '(nothing)' : Array.isArray(v) ? 'a list' : typeof v

export const CVE_ID = /^CVE-\d{4}-\d{4,}$/
