import ipaddr from 'ipaddr.js'
import { type ErrorCode, MamoriError } from '../errors.js'

/**
 * Scan targets: single addresses, CIDR blocks and ranges, IPv4 and IPv6. Pure, no I/O: host names are
 * refused here (code `TARGET_HOSTNAME`) so that the caller resolves them explicitly and the resolved
 * addresses go through the same scope check as everything else.
 */

/** One parsed target: an inclusive range of addresses of one family. */
export interface TargetRange {
  /** The text the user typed, repeated in errors and refusals. */
  readonly input: string
  readonly family: 4 | 6
  /** First and last address as integers (inclusive). */
  readonly first: bigint
  readonly last: bigint
}

/** Forms accepted by {@link parseTargets}, repeated in every error message. */
export const ACCEPTED_TARGET_FORMS =
  'an IPv4 or IPv6 address (10.0.0.5, fe80::1), a CIDR block (10.0.0.0/24, 2001:db8::/120), ' +
  'a last-octet range (10.0.0.1-20) or a full range (10.0.0.1-10.0.0.20)'

/** Scans over this many addresses need an explicit confirmation from the user (see {@link needsConfirmation}). */
export const DEFAULT_CONFIRM_THRESHOLD = 1024

/** Hard ceiling for one scan: larger target sets must be split so that a typo (/8 for /24) cannot start one. */
export const MAX_SCAN_ADDRESSES = 1 << 20

const V4_BITS = 32
const V6_BITS = 128

/** The same forms in Japanese, for `messageJa`. */
export const ACCEPTED_TARGET_FORMS_JA =
  'IPv4 または IPv6 アドレス（10.0.0.5、fe80::1）、CIDR（10.0.0.0/24、2001:db8::/120）、' +
  '末尾の範囲（10.0.0.1-20）、または範囲（10.0.0.1-10.0.0.20）'

function fail(code: ErrorCode, value: string, why: string, whyJa: string): MamoriError {
  return MamoriError.of(
    code,
    { value, why: { en: why, ja: whyJa }, forms: { en: ACCEPTED_TARGET_FORMS, ja: ACCEPTED_TARGET_FORMS_JA } },
    [{ where: `target "${value}"`, message: why, messageJa: whyJa }],
  )
}

/** Converts a parsed address to its integer value. */
function toBigInt(addr: ipaddr.IPv4 | ipaddr.IPv6): bigint {
  let n = 0n
  for (const b of addr.toByteArray()) n = (n << 8n) | BigInt(b)
  return n
}

/** Converts an integer back to canonical address text (IPv6 compressed, lower case). */
export function addressFromBigInt(n: bigint, family: 4 | 6): string {
  const bytes: number[] = []
  const len = family === 4 ? 4 : 16
  let v = n
  for (let i = 0; i < len; i++) {
    bytes.unshift(Number(v & 0xffn))
    v >>= 8n
  }
  return ipaddr.fromByteArray(bytes).toString()
}

/**
 * Parses one address strictly: dotted-quad IPv4 only (no "10.1", no octal), IPv6 without zone id.
 * Returns null when the text is not an address.
 */
export function parseAddress(text: string): { family: 4 | 6; value: bigint } | null {
  const s = text.trim()
  if (s.length === 0 || s.length > 64) return null
  if (s.includes(':')) {
    if (s.includes('%') || !ipaddr.IPv6.isValid(s)) return null
    const v6 = ipaddr.IPv6.parse(s)
    // An IPv4-mapped IPv6 address (::ffff:10.0.0.1) is the IPv4 host: scan and scope it as IPv4 so that a v4
    // scope covers it and the engine connects to the same host it checked.
    if (v6.isIPv4MappedAddress()) return { family: 4, value: toBigInt(v6.toIPv4Address()) }
    return { family: 6, value: toBigInt(v6) }
  }
  if (!ipaddr.IPv4.isValidFourPartDecimal(s)) return null
  // isValidFourPartDecimal accepts leading zeros ("010.0.0.1"), which some tools read as octal: refuse them.
  if (s.split('.').some((p) => p.length > 1 && p.startsWith('0'))) return null
  return { family: 4, value: toBigInt(ipaddr.IPv4.parse(s)) }
}

/** Canonical text form of an address (IPv6 compressed, IPv4-mapped → IPv4), or null. */
export function canonicalAddress(text: string): string | null {
  const a = parseAddress(text)
  return a ? addressFromBigInt(a.value, a.family) : null
}

function parseOne(raw: string): TargetRange {
  const input = raw.trim()
  if (input.length === 0) throw fail('TARGET_INVALID', raw, 'the target is empty', '対象が空です')
  if (input.length > 100)
    throw fail('TARGET_INVALID', `${input.slice(0, 40)}…`, 'the target is too long', '対象が長すぎます')

  const slash = input.indexOf('/')
  if (slash >= 0) {
    const base = parseAddress(input.slice(0, slash))
    const bitsText = input.slice(slash + 1)
    if (!base)
      throw fail(
        'TARGET_INVALID',
        input,
        `"${input.slice(0, slash)}" is not an IP address`,
        `「${input.slice(0, slash)}」は IP アドレスではありません`,
      )
    const max = base.family === 4 ? V4_BITS : V6_BITS
    if (!/^\d{1,3}$/.test(bitsText) || Number(bitsText) > max) {
      throw fail(
        'TARGET_INVALID',
        input,
        `the prefix length "/${bitsText}" must be a number from 0 to ${max}`,
        `プレフィックス長「/${bitsText}」は 0〜${max} の数値にしてください`,
      )
    }
    const hostBits = BigInt(max - Number(bitsText))
    const mask = (1n << hostBits) - 1n
    // Host bits set (10.0.0.5/24) are cleared, as nmap does: the block is what the user means.
    const first = base.value & ~mask
    return { input, family: base.family, first, last: first | mask }
  }

  const dash = input.indexOf('-')
  if (dash >= 0) {
    const left = parseAddress(input.slice(0, dash))
    const rightText = input.slice(dash + 1).trim()
    if (!left)
      throw fail(
        'TARGET_INVALID',
        input,
        `"${input.slice(0, dash)}" is not an IP address`,
        `「${input.slice(0, dash)}」は IP アドレスではありません`,
      )
    let last: bigint
    if (left.family === 4 && /^\d{1,3}$/.test(rightText)) {
      // Last-octet form: 10.0.0.1-20 means 10.0.0.1 … 10.0.0.20.
      const octet = Number(rightText)
      if (octet > 255)
        throw fail(
          'TARGET_INVALID',
          input,
          `the last octet "${rightText}" must be 0 to 255`,
          `末尾のオクテット「${rightText}」は 0〜255 にしてください`,
        )
      last = (left.value & ~0xffn) | BigInt(octet)
    } else {
      const right = parseAddress(rightText)
      if (!right)
        throw fail(
          'TARGET_INVALID',
          input,
          `"${rightText}" is not an IP address or a last octet`,
          `「${rightText}」は IP アドレスでも末尾のオクテットでもありません`,
        )
      if (right.family !== left.family)
        throw fail(
          'TARGET_INVALID',
          input,
          'both ends must be IPv4 or both IPv6',
          '両端とも IPv4、または両端とも IPv6 にしてください',
        )
      last = right.value
    }
    if (last < left.value)
      throw fail('TARGET_INVALID', input, 'the range ends before it starts', '範囲の終わりが始まりより前です')
    return { input, family: left.family, first: left.value, last }
  }

  const addr = parseAddress(input)
  if (addr) return { input, family: addr.family, first: addr.value, last: addr.value }
  if (/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/i.test(input) && /[a-z]/i.test(input)) {
    throw fail(
      'TARGET_HOSTNAME',
      input,
      'host names are not accepted here; resolve it to an address first',
      'ホスト名は指定できません。先に IP アドレスに解決してください',
    )
  }
  throw fail(
    'TARGET_INVALID',
    input,
    'this is not an IP address, CIDR block or range',
    'IP アドレス、CIDR、範囲のいずれでもありません',
  )
}

/**
 * Parses targets typed by a user or sent by the API. Accepts one string holding several targets separated by
 * commas, semicolons or white space, or an array of such strings.
 *
 * @throws MamoriError `TARGET_INVALID` (or `TARGET_HOSTNAME` for a host name) repeating the bad value and
 *   listing the accepted forms.
 * @example parseTargets('10.0.0.0/30, 10.0.1.5-6') // two ranges, 6 addresses
 */
export function parseTargets(input: string | readonly string[]): TargetRange[] {
  const parts = (typeof input === 'string' ? [input] : input).flatMap((s) => s.split(/[\s,;]+/)).filter(Boolean)
  if (parts.length === 0) throw fail('TARGET_INVALID', '', 'no target was given', '対象が指定されていません')
  return parts.map(parseOne)
}

/** Number of addresses covered by the ranges (duplicates counted once per range; ranges may overlap). */
export function countAddresses(ranges: readonly TargetRange[]): bigint {
  let n = 0n
  for (const r of ranges) n += r.last - r.first + 1n
  return n
}

/**
 * True when a scan of these ranges must be confirmed explicitly by the user: scopes larger than the threshold
 * (default {@link DEFAULT_CONFIRM_THRESHOLD}) are refused unless the request says `confirmed: true`.
 */
export function needsConfirmation(ranges: readonly TargetRange[], threshold = DEFAULT_CONFIRM_THRESHOLD): boolean {
  return countAddresses(ranges) > BigInt(threshold)
}

/** Yields every address of the ranges lazily, in order, each once (overlapping ranges are de-duplicated). */
export function* expandTargets(ranges: readonly TargetRange[]): Generator<string> {
  const seen = new Set<string>()
  for (const r of ranges) {
    for (let v = r.first; v <= r.last; v++) {
      const text = addressFromBigInt(v, r.family)
      if (seen.has(text)) continue
      seen.add(text)
      yield text
    }
  }
}

/** True when the address (already parsed) lies inside the range. */
export function rangeContains(range: TargetRange, family: 4 | 6, value: bigint): boolean {
  return range.family === family && value >= range.first && value <= range.last
}
