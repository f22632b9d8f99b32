/**
 * Components against NVD applicability (issue 9): every device's components that carry a CPE, against the CVEs
 * whose configurations name the component's vendor:product — AND/OR, negate, `vulnerable: false` platforms
 * (firmware on hardware holds only when the device has both) — answered with the criteria and the bound that
 * decided, in Japanese and English.
 *
 * Built for a fleet (10,000 devices × 50 components against NVD-sized candidates): each criteria is parsed and each
 * version read once per run; a component CPE string is tested against the criteria of its vendor:product once, and
 * the devices that share it (every device of a model shares its SBOM) reuse the answer. Only configurations that
 * need more than one component (AND, negate) are evaluated per device, and only when one of its components already
 * meets a vulnerable criteria — the necessary condition for any configuration to apply.
 */
import {
  type BoundField,
  type CompiledMatch,
  type ComponentCpe,
  type ConfigNode,
  type Configuration,
  type CpeMatch,
  compileCpeMatch,
  readComponentCpe,
  type Tri,
  testCompiled,
} from './cpe.js'
import { cpeReviewKey, deviceKey, findingKey, matchIdOf } from './match-keys.js'
import type { CveForMatch, DeviceForVulnMatch, Reason, VulnMatch } from './model.js'

type DeviceComponent = DeviceForVulnMatch['components'][number]

interface CNode {
  operator: 'AND' | 'OR'
  negate: boolean
  matches: CompiledMatch[]
  nodes: CNode[]
}

interface CompiledCve {
  id: string
  raw: CveForMatch
  configs: CNode[] | null
  /** Only OR nodes without negate: a vulnerable criteria met by one component decides alone. */
  simple: boolean
}

/** What one set of components is affected by: the device-independent part of a match. */
type Finding = Pick<VulnMatch, 'cve' | 'reviewKey' | 'productLabel' | 'decision' | 'confidence' | 'reasons'> & {
  cve: string
  componentId: string
  /** The finding's half of the match id (match-keys.ts), hashed once for every device that shares it. */
  key: string
}

/** A component string meeting one vulnerable criteria of a CVE. */
interface Trigger {
  cve: CompiledCve
  match: CompiledMatch
  state: Exclude<Tri, 'no'>
}

/** Reads a cpeMatch once per run (the same object may be reached from several vendor:product lists). */
type MatchCache = Map<CpeMatch, CompiledMatch | null>

function compiledMatch(m: CpeMatch, cache: MatchCache): CompiledMatch | null {
  let c = cache.get(m)
  if (c === undefined) {
    c = compileCpeMatch(m)
    cache.set(m, c)
  }
  return c
}

function compileNode(n: ConfigNode, depth: number, cache: MatchCache): CNode {
  return {
    operator: n.operator === 'AND' ? 'AND' : 'OR',
    negate: n.negate === true,
    matches: (n.cpeMatch ?? []).flatMap((m) => compiledMatch(m, cache) ?? []),
    // Deeper than NVD ever nests: treated as empty rather than followed.
    nodes: depth < 10 ? (n.nodes ?? []).map((c) => compileNode(c, depth + 1, cache)) : [],
  }
}

const isSimpleNode = (n: ConfigNode): boolean =>
  n.operator !== 'AND' && n.negate !== true && (n.nodes ?? []).every(isSimpleNode)

/** A CVE as the run knows it: whether one component decides alone, and its nodes compiled only when needed. */
function cveOf(cve: CveForMatch): CompiledCve {
  return {
    id: cve.id,
    raw: cve,
    configs: null,
    simple: cve.configurations.every((c) => c.operator !== 'AND' && c.negate !== true && c.nodes.every(isSimpleNode)),
  }
}

function configsOf(cve: CompiledCve, cache: MatchCache): CNode[] {
  cve.configs ??= cve.raw.configurations.map((c: Configuration) =>
    compileNode({ operator: c.operator ?? 'OR', negate: c.negate, nodes: c.nodes }, 0, cache),
  )
  return cve.configs
}

/** Every cpeMatch of a node tree, raw (cheap: nothing parsed). */
function* rawMatches(nodes: readonly ConfigNode[], depth = 0): Generator<CpeMatch> {
  if (depth > 10) return
  for (const n of nodes) {
    yield* n.cpeMatch ?? []
    if (n.nodes) yield* rawMatches(n.nodes, depth + 1)
  }
}

/** Whether a criteria string may name this vendor:product, without parsing it (`cpe:2.3:x:` is 10 characters). */
function mayName(criteria: string, vpPrefix: string): boolean {
  if (criteria.startsWith(vpPrefix, 10)) return true
  // A wildcard in vendor or product (rare in the NVD) needs the full comparison.
  const end = criteria.indexOf(':', criteria.indexOf(':', 10) + 1)
  const head = criteria.slice(10, end)
  return head.includes('*') || head.includes('?')
}

interface NodeResult {
  state: Tri
  /** Vulnerable criteria met (outside negated nodes), with how sure. */
  vulnerable: { match: CompiledMatch; component: ComponentCpe; state: Tri }[]
  /** `vulnerable: false` criteria met: the platform the vulnerable part runs on. */
  platforms: { match: CompiledMatch; component: ComponentCpe }[]
}

const RANK: Record<Tri, number> = { no: 0, maybe: 1, yes: 2 }

/** Three-valued NVD semantics: AND needs every child, OR one; negate swaps yes and no; maybe stays maybe. */
function evalNode(n: CNode, byVp: ReadonlyMap<string, ComponentCpe[]>, all: readonly ComponentCpe[]): NodeResult {
  const out: NodeResult = { state: 'no', vulnerable: [], platforms: [] }
  const states: Tri[] = []
  for (const m of n.matches) {
    let best: Tri = 'no'
    let bestComp: ComponentCpe | null = null
    for (const c of m.vp === '' ? all : (byVp.get(m.vp) ?? [])) {
      const s = testCompiled(m, c)
      if (RANK[s] > RANK[best]) {
        best = s
        bestComp = c
        if (s === 'yes') break
      }
    }
    states.push(best)
    if (bestComp && m.source.vulnerable) out.vulnerable.push({ match: m, component: bestComp, state: best })
    else if (bestComp && best === 'yes') out.platforms.push({ match: m, component: bestComp })
  }
  for (const c of n.nodes) {
    const r = evalNode(c, byVp, all)
    states.push(r.state)
    if (r.state !== 'no') {
      out.vulnerable.push(...r.vulnerable)
      out.platforms.push(...r.platforms)
    }
  }
  let state: Tri
  if (states.length === 0) state = 'no'
  else if (n.operator === 'AND')
    state = states.includes('no') ? 'no' : states.every((s) => s === 'yes') ? 'yes' : 'maybe'
  else state = states.includes('yes') ? 'yes' : states.includes('maybe') ? 'maybe' : 'no'
  if (n.negate) {
    state = state === 'yes' ? 'no' : state === 'no' ? 'yes' : 'maybe'
    // What lies inside a negated node is what must be absent: never the way a device is vulnerable.
    out.vulnerable = []
    out.platforms = []
  }
  out.state = state
  return out
}

/** A CVE's answer for one device: yes/maybe through which vulnerable criteria and which platforms. */
function evalCve(configs: readonly CNode[], byVp: ReadonlyMap<string, ComponentCpe[]>, all: readonly ComponentCpe[]) {
  let best: NodeResult | null = null
  for (const config of configs) {
    const r = evalNode(config, byVp, all)
    const via = r.vulnerable.filter((v) => v.state !== 'no')
    if (r.state === 'no' || via.length === 0) continue
    const state: Tri = r.state === 'yes' && via.some((v) => v.state === 'yes') ? 'yes' : 'maybe'
    const res = { state, vulnerable: via, platforms: r.platforms }
    if (!best || RANK[state] > RANK[best.state]) best = res
    if (state === 'yes') break
  }
  return best
}

const BOUND_WORDS: Record<BoundField, { en: string; ja: string }> = {
  versionStartIncluding: { en: 'at or above', ja: '以上' },
  versionStartExcluding: { en: 'above', ja: 'より後' },
  versionEndIncluding: { en: 'at or below', ja: '以下' },
  versionEndExcluding: { en: 'below', ja: '未満' },
}

/** Why one criteria holds (or cannot be decided) for one component, bound by bound. */
export function criteriaReasons(m: CompiledMatch, c: ComponentCpe, state: Tri): Reason[] {
  const v = c.cpe.version
  const out: Reason[] = [
    {
      ja: `構成品 ${c.text} が NVD の条件 ${m.source.criteria} に当たります`,
      en: `component ${c.text} meets NVD criteria ${m.source.criteria}`,
    },
  ]
  for (const b of m.bounds) {
    const w = BOUND_WORDS[b.field]
    out.push(
      state === 'yes'
        ? {
            ja: `バージョン ${v} は ${b.text} ${w.ja}です(${b.field})`,
            en: `version ${v} is ${w.en} ${b.text} (${b.field})`,
          }
        : {
            ja: `バージョン ${v} と範囲 ${b.field} ${b.text} を比較できません。確認してください`,
            en: `version ${v} cannot be compared with ${b.field} ${b.text}; please check`,
          },
    )
  }
  if (m.bounds.length === 0 && state === 'maybe')
    out.push({
      ja: '構成品にバージョンがなく、NVD の条件はすべてのバージョンを対象としています。確認してください',
      en: 'the component has no version and the NVD criteria covers every version; please check',
    })
  return out
}

function platformReason(p: NodeResult['platforms'][number]): Reason {
  return {
    ja: `前提となる ${p.match.source.criteria}(この上で動作する場合に限る条件)も構成品 ${p.component.text} として存在します`,
    en: `the platform ${p.match.source.criteria} that the condition requires is present too (component ${p.component.text})`,
  }
}

/** The distinct vendor:product pairs (lower case, as CPE writes them) the devices' component CPEs name. */
export function candidatePairs(devices: readonly DeviceForVulnMatch[]): { vendor: string; product: string }[] {
  const seen = new Map<string, { vendor: string; product: string }>()
  const read = new Set<string>()
  for (const d of devices)
    for (const c of d.components) {
      if (!c.cpe || read.has(c.cpe)) continue
      read.add(c.cpe)
      const parsed = readComponentCpe(c.cpe)
      if (parsed && !seen.has(parsed.vp))
        seen.set(parsed.vp, { vendor: parsed.cpe.vendor, product: parsed.cpe.product })
    }
  return [...seen.values()]
}

function confidenceOf(c: DeviceComponent, m: CompiledMatch, state: Tri): number {
  if (state !== 'yes') return 0.5
  // A criteria naming the exact version is surer than a range; a derived (unconfirmed) component is less sure.
  const base = m.bounds.length === 0 && m.criteria.version !== '*' ? 1 : 0.95
  const own = 'confidence' in c && typeof c.confidence === 'number' ? c.confidence : 1
  return Math.round(base * own * 100) / 100
}

/**
 * Every device's components against the CVEs `lookup` gives for each component's vendor:product. One answer per
 * device and CVE: `affected`, or `needs-review` when only an unknown or unreadable version stands between. Reasons
 * arrays may be shared between devices with the same component: copy before changing one.
 */
export function matchComponents(
  devices: readonly DeviceForVulnMatch[],
  lookup: (vendor: string, product: string) => readonly CveForMatch[],
): VulnMatch[] {
  const compiled = new Map<CveForMatch, CompiledCve>()
  const matchCache: MatchCache = new Map()
  const byPair = new Map<string, { cve: CompiledCve; match: CompiledMatch }[]>()
  const readCpe = new Map<string, ComponentCpe | null>()
  const triggersOf = new Map<string, Trigger[]>()
  const reasonsOf = new Map<Trigger, Reason[]>()

  const entries = (c: ComponentCpe) => {
    let list = byPair.get(c.vp)
    if (list) return list
    list = []
    const prefix = `${c.vp}:`
    for (const cve of lookup(c.cpe.vendor, c.cpe.product)) {
      let cc = compiled.get(cve)
      if (!cc) {
        cc = cveOf(cve)
        compiled.set(cve, cc)
      }
      for (const m of rawMatches(cve.configurations.flatMap((x) => x.nodes))) {
        if (!m.vulnerable || !mayName(m.criteria, prefix)) continue
        const cm = compiledMatch(m, matchCache)
        if (cm && (cm.vp === c.vp || cm.vp === '')) list.push({ cve: cc, match: cm })
      }
    }
    byPair.set(c.vp, list)
    return list
  }
  const triggers = (c: ComponentCpe) => {
    let list = triggersOf.get(c.text)
    if (list) return list
    list = []
    for (const e of entries(c)) {
      const state = testCompiled(e.match, c)
      if (state !== 'no') list.push({ cve: e.cve, match: e.match, state })
    }
    triggersOf.set(c.text, list)
    return list
  }

  /** One device's components → what they are affected by (shared by every device with the same components). */
  const analyse = (comps: readonly { source: DeviceComponent; cpe: ComponentCpe }[]): Finding[] => {
    // CVE → the first component trigger that speaks for it (a 'yes' wins over a 'maybe').
    const hits = new Map<CompiledCve, { t: Trigger; c: DeviceComponent; cpe: ComponentCpe }>()
    for (const c of comps)
      for (const t of triggers(c.cpe)) {
        const prev = hits.get(t.cve)
        if (!prev || (prev.t.state === 'maybe' && t.state === 'yes')) hits.set(t.cve, { t, c: c.source, cpe: c.cpe })
      }
    const found: Finding[] = []
    if (hits.size === 0) return found
    let byVp: Map<string, ComponentCpe[]> | null = null
    const all = comps.map((c) => c.cpe)
    const sourceOf = new Map(comps.map((c) => [c.cpe, c.source]))
    for (const [cve, hit] of hits) {
      let state: Tri = hit.t.state
      let component = hit.c
      let match = hit.t.match
      let reasons: Reason[]
      if (cve.simple) {
        reasons = reasonsOf.get(hit.t) ?? criteriaReasons(hit.t.match, hit.cpe, hit.t.state)
        reasonsOf.set(hit.t, reasons)
      } else {
        if (!byVp) {
          byVp = new Map()
          for (const c of all) {
            const l = byVp.get(c.vp)
            if (l) l.push(c)
            else byVp.set(c.vp, [c])
          }
        }
        const r = evalCve(configsOf(cve, matchCache), byVp, all)
        if (!r) continue
        const lead = r.vulnerable.find((v) => v.state === 'yes') ?? r.vulnerable[0]!
        state = r.state
        match = lead.match
        component = sourceOf.get(lead.component) ?? component
        reasons = [...criteriaReasons(lead.match, lead.component, lead.state), ...r.platforms.map(platformReason)]
      }
      found.push({
        cve: cve.id,
        componentId: component.id,
        key: findingKey(cve.id, component.id),
        reviewKey: cpeReviewKey(cve.id, [match.source.criteria]),
        productLabel: component.version ? `${component.name} ${component.version}` : component.name,
        decision: state === 'yes' ? 'affected' : 'needs-review',
        confidence: confidenceOf(component, match, state),
        reasons,
      })
    }
    return found
  }

  const bySignature = new Map<string, Finding[]>()
  const out: VulnMatch[] = []
  for (const d of devices) {
    const comps: { source: DeviceComponent; cpe: ComponentCpe }[] = []
    let signature = ''
    for (const c of d.components) {
      if (!c.cpe) continue
      let parsed = readCpe.get(c.cpe)
      if (parsed === undefined) {
        parsed = readComponentCpe(c.cpe)
        readCpe.set(c.cpe, parsed)
      }
      if (!parsed) continue
      comps.push({ source: c, cpe: parsed })
      signature += `${c.id}\u0001${c.cpe}\u0002${'confidence' in c ? c.confidence : ''}\u0003`
    }
    let found = bySignature.get(signature)
    if (!found) {
      found = analyse(comps)
      bySignature.set(signature, found)
    }
    const modelId = d.catalogModel?.id ?? null
    const device = found.length > 0 ? deviceKey(d.id) : ''
    for (const f of found)
      out.push({
        id: matchIdOf(device, f.key),
        deviceId: d.id,
        modelId,
        cve: f.cve,
        advisoryId: null,
        componentId: f.componentId,
        via: 'cpe',
        reviewKey: f.reviewKey,
        productLabel: f.productLabel,
        decision: f.decision,
        confidence: f.confidence,
        reasons: f.reasons,
        vex: null,
      })
  }
  return out
}
