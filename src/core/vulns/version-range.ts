/**
 * Version ranges as advisories write them (issue 9): CSAF `product_version_range` in the `vers:` form
 * (`vers:generic/>=1.2|<2.0`, `vers:all/*`) and in the free text CISA's medical advisories use (`<= 12.2.x.x`,
 * `>= 1.0.0 | <= 1.1.1`, `< 1.8.4 Service Pack 01`, `<= 2.01 (end-of-life Nov 2017)`, `< july 1 2017`). Parsed once
 * into a {@link VersionRange}; `inRange` answers for one version and says why, so a match can be explained.
 * What cannot be read safely stays `unparsed` with the reason: a person decides, the matcher never guesses.
 *
 * Semantics follow the purl `vers` specification: constraints sorted by version, `=` points, and intervals between
 * a lower (`>`, `>=`) and the next upper (`<`, `<=`) bound; a leading upper bound is open below, a trailing lower
 * bound open above. Wildcards (`12.2.x.x`, `3.x`) stand for every version with that prefix.
 */
import { compareVersions, isVersion, versionKey } from '../catalog/version.js'

export type Comparator = '<' | '<=' | '>' | '>=' | '=' | '!='

export interface Constraint {
  comparator: Comparator
  /** The version as written, without the comparator. */
  version: string
  /** Set when the version ended in wildcards: the fixed prefix (`12.2` for `12.2.x.x`). */
  prefix: string | null
}

export type VersionRange =
  | { kind: 'all'; text: string }
  | { kind: 'constraints'; text: string; constraints: Constraint[]; note: string | null }
  | { kind: 'date'; text: string; comparator: '<' | '<=' | '>' | '>='; date: string }
  | { kind: 'unparsed'; text: string; reason: string }

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
]

const COMPARATOR = /^(<=|>=|!=|<|>|=)\s*/

/** "july 1 2017", "april 1, 2018", "May 2018" → ISO date (the first of the month when no day); null otherwise. */
function readDate(text: string): string | null {
  const m = /^([a-z]+)\.?\s+(?:(\d{1,2}),?\s+)?(\d{4})$/i.exec(text.trim())
  if (!m) return null
  const month = MONTHS.findIndex((name) => name.startsWith(m[1]!.toLowerCase()) && m[1]!.length >= 3)
  if (month < 0) return null
  const day = m[2] ? Number(m[2]) : 1
  if (day < 1 || day > 31) return null
  return `${m[3]}-${String(month + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

/** A version with trailing wildcard parts (`12.2.x.x`, `3.x`, `4.*`) → its fixed prefix; null when there are none. */
function wildcardPrefix(version: string): string | null {
  const m = /^(.*?)(?:[.\-_](?:x|\*))+$/i.exec(version)
  return m?.[1] ? m[1] : null
}

/** Splits "2.01 (end-of-life Nov 2017)" into the version and its remark. */
function withoutRemark(text: string): { version: string; remark: string | null } {
  const m = /^(.*?)\s*\((.*)\)\s*$/.exec(text)
  return m ? { version: m[1]!.trim(), remark: m[2]!.trim() } : { version: text.trim(), remark: null }
}

function readConstraint(raw: string): Constraint | { reason: string } {
  const text = raw.normalize('NFKC').trim()
  const cm = COMPARATOR.exec(text)
  const comparator = (cm?.[1] ?? '=') as Comparator
  const version = text.slice(cm?.[0].length ?? 0).trim()
  if (!version) return { reason: `"${raw.trim()}" has a comparator but no version` }
  if (/\s[<>=]/.test(version)) return { reason: `"${raw.trim()}" holds more than one comparison` }
  if (!isVersion(version)) return { reason: `"${version}" is not a version` }
  return { comparator, version, prefix: wildcardPrefix(version) }
}

/** Reads a range as an advisory writes it. Never throws. */
export function parseVersionRange(input: string): VersionRange {
  const text = input.normalize('NFKC').replace(/\s+/g, ' ').trim()
  if (!text) return { kind: 'unparsed', text: input, reason: 'empty range' }
  const vers = /^vers:([a-z0-9.+-]+)\/(.*)$/i.exec(text)
  const body = vers ? vers[2]!.trim() : text
  if (body === '*') return { kind: 'all', text: input }
  // One date bound ("< july 1 2017", "distributed < april 1, 2018"): a manufacturing or distribution date, not a
  // version; kept as such so the match asks for the device's date instead of comparing version strings.
  const dated = /^(?:[a-z ]*?\s)?(<=|>=|<|>)\s*([a-z]+\.?\s+(?:\d{1,2},?\s+)?\d{4})$/i.exec(body)
  if (dated) {
    const date = readDate(dated[2]!)
    if (date) return { kind: 'date', text: input, comparator: dated[1] as '<' | '<=' | '>' | '>=', date }
  }
  if (/^(?:[a-z ]*?\s)?(<=|>=|<|>)\s*[a-z]+\.?\s+\d{1,2}$/i.test(body))
    return { kind: 'unparsed', text: input, reason: 'a date without a year' }
  if (body.includes('(') && body.includes('|'))
    return { kind: 'unparsed', text: input, reason: 'a condition on another component inside the range' }
  const { version: clean, remark } = withoutRemark(body)
  const constraints: Constraint[] = []
  for (const part of clean.split('|')) {
    const c = readConstraint(part)
    if ('reason' in c) return { kind: 'unparsed', text: input, reason: c.reason }
    constraints.push(c)
  }
  const uppers = constraints.filter((c) => c.comparator === '<' || c.comparator === '<=')
  const lowers = constraints.filter((c) => c.comparator === '>' || c.comparator === '>=')
  // "<= U61 |<= L81": two upper bounds are two product lines, not one range.
  if (uppers.length > 1 || lowers.length > 1)
    return { kind: 'unparsed', text: input, reason: 'several upper or lower bounds (different product lines?)' }
  return { kind: 'constraints', text: input, constraints, note: remark }
}

/** Compares a version with a constraint's version, a wildcard standing for every version with its prefix. */
function cmp(version: string, c: Constraint): number {
  if (!c.prefix) return compareVersions(version, c.version)
  const d = compareVersions(version, c.prefix)
  if (d < 0) return -1
  // Inside the prefix (equal, or a longer version starting with it): "equal" to the wildcard.
  const vp = version.normalize('NFKC').toLowerCase()
  const pp = c.prefix.normalize('NFKC').toLowerCase()
  if (d === 0 || vp.startsWith(`${pp}.`) || vp.startsWith(`${pp}-`) || vp.startsWith(`${pp}_`)) return 0
  return 1
}

function satisfies(version: string, c: Constraint): boolean {
  const d = cmp(version, c)
  switch (c.comparator) {
    case '<':
      return d < 0
    case '<=':
      return d <= 0
    case '>':
      return d > 0
    case '>=':
      return d >= 0
    case '=':
      return d === 0
    case '!=':
      return d !== 0
  }
}

/** The answer for one version, with the reason in words a person can check. */
export interface RangeAnswer {
  /** true: inside; false: outside; null: cannot tell from a version (a date range, an unparsed text, no version). */
  inside: boolean | null
  why: string
}

/** Whether `version` lies inside the range. */
export function inRange(version: string | null, range: VersionRange): RangeAnswer {
  if (range.kind === 'all') return { inside: true, why: 'every version is affected' }
  if (range.kind === 'unparsed')
    return { inside: null, why: `the range "${range.text}" could not be read: ${range.reason}` }
  if (range.kind === 'date')
    return { inside: null, why: `the range is a date (${range.comparator} ${range.date}), not a version` }
  if (!version) return { inside: null, why: 'the device has no version to compare' }
  // Letters alone ("unknown", "latest") compare as text and would give an answer that means nothing.
  if (!versionKey(version)) return { inside: null, why: `the device version "${version}" has no number to compare` }
  const excluded = range.constraints.find((c) => c.comparator === '!=' && !satisfies(version, c))
  if (excluded) return { inside: false, why: `${version} is excluded (!= ${excluded.version})` }
  const cs = range.constraints.filter((c) => c.comparator !== '!=')
  if (cs.length === 0) return { inside: true, why: `${version} is not excluded` }
  const hit = cs.find((c) => c.comparator === '=' && satisfies(version, c))
  if (hit) return { inside: true, why: `${version} = ${hit.version}` }
  const lower = cs.find((c) => c.comparator === '>' || c.comparator === '>=')
  const upper = cs.find((c) => c.comparator === '<' || c.comparator === '<=')
  if (!lower && !upper) return { inside: false, why: `${version} is not among ${cs.map((c) => c.version).join(', ')}` }
  const bounds = [lower, upper].filter((c): c is Constraint => !!c)
  const text = bounds.map((c) => `${c.comparator} ${c.version}`).join(' and ')
  const ok = bounds.every((c) => satisfies(version, c))
  return { inside: ok, why: `${version} ${ok ? 'is' : 'is not'} ${text}` }
}
