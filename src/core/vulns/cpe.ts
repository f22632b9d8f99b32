/**
 * CPE 2.3 formatted strings (`cpe:2.3:o:microsoft:windows_xp:-:sp3:*:*:*:*:*:*`) and NVD's applicability
 * configurations (CVE JSON 2.0: `configurations[].nodes[]` with `operator` AND/OR, `negate`, `cpeMatch[]` with
 * `vulnerable` and versionStart/End Including/Excluding). Firmware on hardware — an OS/firmware CPE that is
 * vulnerable only when it runs on a given device (`vulnerable: false` platform CPE) — matches only when both hold,
 * which is where tools that flatten AND-configurations go wrong. Pure.
 */
import { compareVersions } from '../catalog/version.js'

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
  const parts = splitFields(text.trim())
  if (parts.length !== 13 || parts[0] !== 'cpe' || parts[1] !== '2.3') return null
  if (!['a', 'o', 'h', '*'].includes(parts[2]!)) return null
  const values = parts.slice(2).map((v) => v.toLowerCase())
  return Object.fromEntries(CPE_FIELDS.map((f, i) => [f, values[i]!])) as Cpe
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
