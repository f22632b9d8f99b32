import { MamoriError } from '../errors.js'
import {
  addressFromBigInt,
  countAddresses,
  MAX_SCAN_ADDRESSES,
  parseAddress,
  parseTargets,
  rangeContains,
  type TargetRange,
} from './targets.js'

/**
 * The approved scope of a scan: an address may be touched only when it lies inside an approved scope and is not
 * excluded. Used twice on purpose: by the caller to decide what to scan ({@link checkScope}), and by the engine
 * right before every connection or datagram ({@link ScopeGuard.permits}), so a bug in one layer cannot make a scan
 * leave its scope.
 */

/** An address removed from a scan, and why (a device marked "never scan", an exclusion entry…). */
export interface Exclusion {
  /** An address, CIDR or range, as for targets. */
  target: string
  reason: string
}

export interface ScopeCheck {
  /** Canonical addresses to scan, each once, in target order. */
  allowed: string[]
  /** Targets (or single excluded addresses) that will not be scanned, with the reason in plain words. */
  refused: { target: string; reason: string }[]
}

/** The two kinds of scope list, as `kind` of SCOPE_INVALID. */
const LIST_KIND = {
  approved: { en: 'Approved scope', ja: '承認済みスコープ' },
  excluded: { en: 'Exclusion', ja: '除外' },
} as const

function parseList(kind: keyof typeof LIST_KIND, list: readonly string[]): TargetRange[] {
  const out: TargetRange[] = []
  for (const s of list) {
    try {
      out.push(...parseTargets(s))
    } catch (e) {
      if (e instanceof MamoriError)
        throw MamoriError.of(
          'SCOPE_INVALID',
          { kind: LIST_KIND[kind], why: { en: e.message, ja: e.messageJa ?? e.message } },
          e.details,
        )
      throw e
    }
  }
  return out
}

/**
 * A compiled scope: approved ranges minus exclusions. Immutable; `permits` is what the engine calls before each
 * connection attempt.
 */
export class ScopeGuard {
  readonly #approved: TargetRange[]
  readonly #excluded: { range: TargetRange; reason: string }[]

  constructor(approvedScopes: readonly string[], exclusions: readonly (Exclusion | string)[] = []) {
    this.#approved = parseList('approved', approvedScopes)
    this.#excluded = exclusions.flatMap((e) => {
      const ex = typeof e === 'string' ? { target: e, reason: 'excluded from scanning' } : e
      return parseList('excluded', [ex.target]).map((range) => ({ range, reason: ex.reason }))
    })
  }

  /** Null when the address may be touched, else the reason it may not. */
  refusal(address: string): string | null {
    const a = parseAddress(address)
    if (!a) return `"${address}" is not an IP address`
    for (const ex of this.#excluded) {
      if (rangeContains(ex.range, a.family, a.value)) return `excluded (${ex.reason}; entry ${ex.range.input})`
    }
    if (!this.#approved.some((r) => rangeContains(r, a.family, a.value))) return 'outside every approved scope'
    return null
  }

  /** True when the address lies inside an approved scope and is not excluded. */
  permits(address: string): boolean {
    return this.refusal(address) === null
  }

  /** True when every address of the range lies inside the approved scopes (adjacent scopes may share the work). */
  coversRange(range: TargetRange): boolean {
    const spans = this.#approved
      .filter((r) => r.family === range.family && r.last >= range.first && r.first <= range.last)
      .sort((a, b) => (a.first < b.first ? -1 : a.first > b.first ? 1 : 0))
    let next = range.first
    for (const r of spans) {
      if (r.first > next) return false
      if (r.last >= next) next = r.last + 1n
      if (next > range.last) return true
    }
    return false
  }

  /** The first exclusion overlapping the range's address, for per-address refusals. */
  exclusionFor(family: 4 | 6, value: bigint): { range: TargetRange; reason: string } | undefined {
    return this.#excluded.find((ex) => rangeContains(ex.range, family, value))
  }
}

/**
 * Decides which addresses of the targets may be scanned. A target (address, CIDR or range) is allowed only when
 * every one of its addresses lies inside an approved scope; otherwise the whole target is refused, so a scan never
 * silently shrinks to "the part that happened to fit". Excluded addresses (exclusion list, devices marked
 * "never scan", passed in as addresses) are removed one by one, each with its reason.
 *
 * @param targets target texts as typed (see parseTargets); invalid text throws `TARGET_INVALID`.
 * @param approvedScopes the admin-approved scopes (CIDR, range or address texts).
 * @param exclusions addresses or ranges never to scan, optionally with a reason.
 * @throws MamoriError `SCAN_TOO_LARGE` over {@link MAX_SCAN_ADDRESSES} addresses.
 * @example checkScope(['10.0.0.0/30'], ['10.0.0.0/24'], [{ target: '10.0.0.2', reason: 'ventilator' }])
 *   // allowed: 10.0.0.0, 10.0.0.1, 10.0.0.3; refused: 10.0.0.2 (excluded (ventilator…))
 */
export function checkScope(
  targets: string | readonly string[],
  approvedScopes: readonly string[],
  exclusions: readonly (Exclusion | string)[] = [],
): ScopeCheck {
  const guard = new ScopeGuard(approvedScopes, exclusions)
  const ranges = parseTargets(targets)
  const total = countAddresses(ranges)
  if (total > BigInt(MAX_SCAN_ADDRESSES)) {
    throw MamoriError.of('SCAN_TOO_LARGE', { total: total.toString(), max: MAX_SCAN_ADDRESSES })
  }
  const allowed: string[] = []
  const refused: ScopeCheck['refused'] = []
  const seen = new Set<string>()
  for (const range of ranges) {
    if (!guard.coversRange(range)) {
      const reason =
        approvedScopes.length === 0
          ? 'no scope has been approved yet; an administrator must approve a scope first'
          : range.first === range.last
            ? 'outside every approved scope'
            : 'not entirely inside one approved scope (a scan never leaves its approved scope)'
      refused.push({ target: range.input, reason })
      continue
    }
    for (let v = range.first; v <= range.last; v++) {
      const address = addressFromBigInt(v, range.family)
      if (seen.has(address)) continue
      seen.add(address)
      const ex = guard.exclusionFor(range.family, v)
      if (ex) refused.push({ target: address, reason: `excluded (${ex.reason})` })
      else allowed.push(address)
    }
  }
  return { allowed, refused }
}
