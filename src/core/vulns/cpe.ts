/**
 * CPE 2.3 formatted strings (`cpe:2.3:o:microsoft:windows_xp:-:sp3:*:*:*:*:*:*`) and NVD's applicability
 * configurations (CVE JSON 2.0: `configurations[].nodes[]` with `operator` AND/OR, `negate`, `cpeMatch[]` with
 * `vulnerable` and versionStart/End Including/Excluding). Firmware on hardware — an OS/firmware CPE that is
 * vulnerable only when it runs on a given device (`vulnerable: false` platform CPE) — matches only when both hold,
 * which is where tools that flatten AND-configurations go wrong. Pure.
 */
import { compareVersionKeys, compareVersions, type VersionKey, versionKey } from '../catalog/version.js'

export const CPE_FIELDS = [
  'part',
  'vendor',
  'product',
  'version',
  'update',
  'edition',
  'language',
  'swEdition',
  'targetSw',
  'targetHw',
  'other',
] as const
export type Cpe = Record<(typeof CPE_FIELDS)[number], string>

/** Splits on unescaped colons (CPE 2.3 escapes `:` inside a field as `\:`). */
function splitFields(s: string): string[] {
  const out: string[] = []
  let cur = ''
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!
    if (c === '\\' && i + 1 < s.length) {
      cur += c + s[i + 1]
      i++
    } else if (c === ':') {
      out.push(cur)
      cur = ''
    } else cur += c
  }
  out.push(cur)
  return out
}

/** Parses a CPE 2.3 formatted string; null when it is not one. */
export function parseCpe(text: string): Cpe | null {
  const t = text.trim().toLowerCase()
  // Most CPE names have no escapes: a plain split is much cheaper than the character walk.
  const p = t.includes('\\') ? splitFields(t) : t.split(':')
  if (p.length !== 13 || p[0] !== 'cpe' || p[1] !== '2.3') return null
  const part = p[2]!
  if (part !== 'a' && part !== 'o' && part !== 'h' && part !== '*') return null
  return {
    part,
    vendor: p[3]!,
    product: p[4]!,
    version: p[5]!,
    update: p[6]!,
    edition: p[7]!,
    language: p[8]!,
    swEdition: p[9]!,
    targetSw: p[10]!,
    targetHw: p[11]!,
    other: p[12]!,
  }
}

/** One attribute: `*` (ANY) matches anything, `-` (NA) only NA; otherwise equal, with `?`/`*` wildcards in the pattern. */
function attributeMatches(pattern: string, value: string): boolean {
  if (pattern === '*') return true
  if (pattern === '-' || value === '-') return pattern === value
  if (value === '*') return false
  if (!/(?<!\\)[*?]/.test(pattern)) return pattern === value
  const re = pattern
    .split(/(\\.|\*|\?)/)
    .map((t) =>
      t === '*'
        ? '.*'
        : t === '?'
          ? '.'
          : t.startsWith('\\')
            ? t.slice(1).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
            : t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
    )
    .join('')
  return new RegExp(`^${re}$`).test(value)
}

/** NVD `cpeMatch` entry (CVE JSON 2.0). */
export interface CpeMatch {
  vulnerable: boolean
  criteria: string
  versionStartIncluding?: string
  versionStartExcluding?: string
  versionEndIncluding?: string
  versionEndExcluding?: string
}

export interface ConfigNode {
  operator: 'AND' | 'OR'
  negate?: boolean
  cpeMatch?: CpeMatch[]
  nodes?: ConfigNode[]
}

export interface Configuration {
  operator?: 'AND' | 'OR'
  negate?: boolean
  nodes: ConfigNode[]
}

/** Whether an inventory CPE (a component of the device) satisfies a cpeMatch, version bounds included. */
export function cpeMatches(m: CpeMatch, component: Cpe): boolean {
  const criteria = parseCpe(m.criteria)
  if (!criteria) return false
  const bounded = m.versionStartIncluding ?? m.versionStartExcluding ?? m.versionEndIncluding ?? m.versionEndExcluding
  for (const f of CPE_FIELDS) {
    // With version bounds NVD writes `*` in the version field: the bounds decide.
    if (f === 'version' && bounded) continue
    if (!attributeMatches(criteria[f], component[f])) return false
  }
  if (bounded) {
    const v = component.version
    if (v === '*' || v === '-') return false
    if (m.versionStartIncluding && compareVersions(v, m.versionStartIncluding) < 0) return false
    if (m.versionStartExcluding && compareVersions(v, m.versionStartExcluding) <= 0) return false
    if (m.versionEndIncluding && compareVersions(v, m.versionEndIncluding) > 0) return false
    if (m.versionEndExcluding && compareVersions(v, m.versionEndExcluding) >= 0) return false
  }
  return true
}

/** Result of a configuration against a device's components: whether it applies and which vulnerable CPE matched. */
export interface ConfigResult {
  applies: boolean
  /** The vulnerable cpeMatch criteria that matched (what the device is vulnerable through). */
  vulnerableVia: string[]
}

function evalNode(node: ConfigNode, components: readonly Cpe[], depth: number): ConfigResult {
  if (depth > 10) return { applies: false, vulnerableVia: [] }
  const results: ConfigResult[] = [
    ...(node.cpeMatch ?? []).map((m) => {
      const hit = components.some((c) => cpeMatches(m, c))
      return { applies: hit, vulnerableVia: hit && m.vulnerable ? [m.criteria] : [] }
    }),
    ...(node.nodes ?? []).map((n) => evalNode(n, components, depth + 1)),
  ]
  const applies =
    results.length > 0 && (node.operator === 'AND' ? results.every((r) => r.applies) : results.some((r) => r.applies))
  const out = node.negate ? !applies : applies
  return {
    applies: out,
    vulnerableVia: out && !node.negate ? results.flatMap((r) => (r.applies ? r.vulnerableVia : [])) : [],
  }
}

/**
 * Whether a CVE configuration applies to a device with these components. A configuration applies only through a
 * vulnerable CPE: a platform-only match (every matched cpeMatch `vulnerable: false`) is not a vulnerability.
 */
export function configurationApplies(config: Configuration, components: readonly Cpe[]): ConfigResult {
  const top: ConfigNode = { operator: config.operator ?? 'OR', negate: config.negate, nodes: config.nodes }
  const r = evalNode(top, components, 0)
  return r.applies && r.vulnerableVia.length > 0 ? r : { applies: false, vulnerableVia: [] }
}

// ── Compiled form: each criteria parsed once, versions read once; tri-state answers for the engine ─────────────

/** yes: holds; no: does not; maybe: the data cannot tell (no version, a version that cannot be read). */
export type Tri = 'yes' | 'no' | 'maybe'

export const BOUND_FIELDS = [
  'versionStartIncluding',
  'versionStartExcluding',
  'versionEndIncluding',
  'versionEndExcluding',
] as const
export type BoundField = (typeof BOUND_FIELDS)[number]

/** A cpeMatch read once: criteria parsed, bounds read as version keys (null key: the bound cannot be read). */
export interface CompiledMatch {
  source: CpeMatch
  criteria: Cpe
  /** `vendor:product` of the criteria; '' when either has a wildcard (then every component is tried). */
  vp: string
  bounds: { field: BoundField; text: string; key: VersionKey | null }[]
}

/** An inventory CPE read once. */
export interface ComponentCpe {
  text: string
  cpe: Cpe
  vp: string
  /** null: the version is `*`, `-` or has no digit. */
  versionKey: VersionKey | null
}

const WILD = /(?<!\\)[*?]/

/** Reads a cpeMatch once; null when its criteria is not a CPE 2.3 string. */
export function compileCpeMatch(m: CpeMatch): CompiledMatch | null {
  const criteria = parseCpe(m.criteria)
  if (!criteria) return null
  const vp = WILD.test(criteria.vendor) || WILD.test(criteria.product) ? '' : `${criteria.vendor}:${criteria.product}`
  const bounds = BOUND_FIELDS.flatMap((field) => {
    const text = m[field]
    return text ? [{ field, text, key: versionKey(text) }] : []
  })
  return { source: m, criteria, vp, bounds }
}

/** Reads a component's CPE once; null when it is not a CPE 2.3 string. */
export function readComponentCpe(text: string): ComponentCpe | null {
  const cpe = parseCpe(text)
  if (!cpe) return null
  const v = cpe.version
  return { text, cpe, vp: `${cpe.vendor}:${cpe.product}`, versionKey: v === '*' || v === '-' ? null : versionKey(v) }
}

const OTHER_FIELDS = ['part', 'update', 'edition', 'language', 'swEdition', 'targetSw', 'targetHw', 'other'] as const

function boundHolds(field: BoundField, d: number): boolean {
  switch (field) {
    case 'versionStartIncluding':
      return d >= 0
    case 'versionStartExcluding':
      return d > 0
    case 'versionEndIncluding':
      return d <= 0
    case 'versionEndExcluding':
      return d < 0
  }
}

/**
 * A compiled cpeMatch against a component. Version bounds never hold for a component whose version is `*` (unknown)
 * or `-` (not applicable) — Dependency-Track #3268 — nor does a fixed criteria version; a component of unknown
 * version meets "every version" criteria only as `maybe` (a person checks). A version without digits against bounds,
 * or a bound that cannot be read, is `maybe` too: never a silent answer.
 */
export function testCompiled(m: CompiledMatch, c: ComponentCpe): Tri {
  const k = m.criteria
  if (
    m.vp !== ''
      ? m.vp !== c.vp
      : !attributeMatches(k.vendor, c.cpe.vendor) || !attributeMatches(k.product, c.cpe.product)
  )
    return 'no'
  for (const f of OTHER_FIELDS) if (k[f] !== '*' && !attributeMatches(k[f], c.cpe[f])) return 'no'
  const v = c.cpe.version
  if (m.bounds.length > 0) {
    if (v === '*' || v === '-') return 'no'
    if (!c.versionKey) return 'maybe'
    let unsure = false
    for (const b of m.bounds) {
      if (!b.key) unsure = true
      else if (!boundHolds(b.field, compareVersionKeys(c.versionKey, b.key))) return 'no'
    }
    return unsure ? 'maybe' : 'yes'
  }
  if (k.version === '*') return v === '*' ? 'maybe' : 'yes'
  if (v === '*') return 'no'
  return attributeMatches(k.version, v) ? 'yes' : 'no'
}
