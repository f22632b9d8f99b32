import type { ConfigNode, Configuration, CpeMatch } from '../../core/vulns/cpe.js'
import type { CveRecord, CvssScore, ParsedFeed } from '../../core/vulns/model.js'
import { CVE_ID, fileProblem, found, type InputOptions, isObj, type Json, readJson, show, str } from './input.js'

/**
 * NVD CVE JSON 2.0: the yearly / modified feed files and a page of the CVE API 2.0 (the same shape:
 * `vulnerabilities[].cve` plus resultsPerPage / startIndex / totalResults). Read for speed — one JSON.parse, plain
 * loops, the few fields matching uses checked by hand (a feed holds 250,000 CVEs; a schema check per entry would
 * cost more than the parse). A bad entry is a warning with its JSON path and is skipped; a bad applicability
 * configuration is left out (never half-kept: an AND without its platform would match too much) and the CVE kept.
 * Rejected CVEs are not records: their ids are listed so the store can drop them.
 */

export type NvdFeed = Extract<ParsedFeed, { kind: 'nvd' }>

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null)

/** NVD's own ("Primary") score first, else the first a CNA gave. */
function pickScore(list: unknown, key: string, warn: (path: string, v: unknown) => void): CvssScore | null {
  if (!Array.isArray(list)) return null
  let best: CvssScore | null = null
  for (let i = 0; i < list.length; i++) {
    const m = list[i]
    const data = isObj(m) && isObj(m.cvssData) ? m.cvssData : null
    const vector = data ? str(data.vectorString) : null
    const score = data ? num(data.baseScore) : null
    if (!data || vector === null || score === null || score < 0 || score > 10) {
      warn(`metrics.${key}[${i}].cvssData`, data ?? m)
      continue
    }
    const s = { version: str(data.version) ?? vector.slice(5, 8), vector, baseScore: score }
    if ((m as Json).type === 'Primary') return s
    best ??= s
  }
  return best
}

/** Checks a node by hand; null when any part of it is unreadable. */
function readNode(n: unknown, depth: number): ConfigNode | null {
  if (!isObj(n) || depth > 10) return null
  if (n.operator !== 'AND' && n.operator !== 'OR') return null
  const out: ConfigNode = { operator: n.operator }
  if (n.negate === true) out.negate = true
  if (n.cpeMatch !== undefined) {
    if (!Array.isArray(n.cpeMatch)) return null
    const matches: CpeMatch[] = []
    for (const m of n.cpeMatch) {
      if (!isObj(m) || typeof m.criteria !== 'string' || typeof m.vulnerable !== 'boolean') return null
      const cm: CpeMatch = { vulnerable: m.vulnerable, criteria: m.criteria }
      if (typeof m.versionStartIncluding === 'string') cm.versionStartIncluding = m.versionStartIncluding
      if (typeof m.versionStartExcluding === 'string') cm.versionStartExcluding = m.versionStartExcluding
      if (typeof m.versionEndIncluding === 'string') cm.versionEndIncluding = m.versionEndIncluding
      if (typeof m.versionEndExcluding === 'string') cm.versionEndExcluding = m.versionEndExcluding
      matches.push(cm)
    }
    out.cpeMatch = matches
  }
  if (n.nodes !== undefined) {
    if (!Array.isArray(n.nodes)) return null
    const kids: ConfigNode[] = []
    for (const k of n.nodes) {
      const r = readNode(k, depth + 1)
      if (!r) return null
      kids.push(r)
    }
    out.nodes = kids
  }
  return out
}

function readConfiguration(c: unknown): Configuration | null {
  if (!isObj(c) || !Array.isArray(c.nodes)) return null
  const nodes: ConfigNode[] = []
  for (const n of c.nodes) {
    const r = readNode(n, 0)
    if (!r) return null
    nodes.push(r)
  }
  const out: Configuration = { nodes }
  if (c.operator === 'AND' || c.operator === 'OR') out.operator = c.operator
  if (c.negate === true) out.negate = true
  return out
}

/** Reads an NVD CVE JSON 2.0 feed file or API page (gzip accepted). */
export function readNvd(bytes: Uint8Array, file: string, options: InputOptions = {}): NvdFeed {
  const result: NvdFeed = { kind: 'nvd', file, cves: [], problems: [], rejected: [] }
  const json = readJson(bytes, file, options)
  if (!json.ok) {
    result.problems.push(json.problem)
    return result
  }
  return nvdFromJson(json.value, file)
}

/** The same from a parsed document (readFeed parses once: a feed file is hundreds of megabytes). */
export function nvdFromJson(root: unknown, file: string): NvdFeed {
  const result: NvdFeed = { kind: 'nvd', file, cves: [], problems: [], rejected: [] }
  if (
    !isObj(root) ||
    !Array.isArray(root.vulnerabilities) ||
    (root.format !== undefined && root.format !== 'NVD_CVE')
  ) {
    result.problems.push(fileProblem(file, 'notNvd', { found: found(root) }))
    return result
  }
  if (root.version !== undefined && root.version !== '2.0')
    result.problems.push(fileProblem(file, 'nvdVersion', { version: show(root.version) }))
  const { problems, cves } = result
  const warn = (code: string, path: string, params: Record<string, string | number>) =>
    problems.push({ severity: 'warning', code, file, path, params: { file, path, ...params } })
  const list = root.vulnerabilities as unknown[]
  const index = new Map<string, number>()
  const pathOf: number[] = []
  for (let i = 0; i < list.length; i++) {
    const item = list[i]
    // Paths are built only when something is wrong: a feed has 250,000 entries.
    const at = (): string => `vulnerabilities[${i}].cve`
    const c = isObj(item) ? item.cve : undefined
    if (!isObj(c)) {
      warn('notEntry', at(), { value: show(c ?? item) })
      continue
    }
    const id = c.id
    if (typeof id !== 'string' || !CVE_ID.test(id)) {
      warn(id === undefined ? 'missing' : 'notCveId', `${at()}.id`, { value: show(id) })
      continue
    }
    if (c.vulnStatus === 'Rejected') {
      result.rejected!.push(id)
      continue
    }
    let descriptionEn: string | null = null
    let descriptionJa: string | null = null
    if (Array.isArray(c.descriptions))
      for (const d of c.descriptions) {
        if (!isObj(d) || typeof d.value !== 'string') continue
        if (d.lang === 'en' && descriptionEn === null) descriptionEn = d.value
        else if (d.lang === 'ja' && descriptionJa === null) descriptionJa = d.value
      }
    const metrics = isObj(c.metrics) ? c.metrics : null
    const badScore = (path: string, v: unknown) => warn('badScore', `${at()}.${path}`, { cve: id, value: show(v) })
    const cvss3 = metrics
      ? (pickScore(metrics.cvssMetricV31, 'cvssMetricV31', badScore) ??
        pickScore(metrics.cvssMetricV30, 'cvssMetricV30', badScore))
      : null
    const cvss4 = metrics ? pickScore(metrics.cvssMetricV40, 'cvssMetricV40', badScore) : null
    const cwes: string[] = []
    if (Array.isArray(c.weaknesses))
      for (const w of c.weaknesses)
        if (isObj(w) && Array.isArray(w.description))
          for (const d of w.description)
            if (isObj(d) && typeof d.value === 'string' && d.value.startsWith('CWE-') && !cwes.includes(d.value))
              cwes.push(d.value)
    const configurations: Configuration[] = []
    if (Array.isArray(c.configurations))
      for (let j = 0; j < c.configurations.length; j++) {
        const conf = readConfiguration(c.configurations[j])
        if (conf) configurations.push(conf)
        else warn('badConfiguration', `${at()}.configurations[${j}]`, { cve: id, value: show(c.configurations[j]) })
      }
    const record: CveRecord = {
      id,
      source: 'nvd',
      publishedAt: typeof c.published === 'string' ? c.published : null,
      modifiedAt: typeof c.lastModified === 'string' ? c.lastModified : null,
      descriptionEn,
      descriptionJa,
      cvss3,
      cvss4,
      cwes,
      configurations,
    }
    const first = index.get(id)
    if (first === undefined) {
      index.set(id, cves.length)
      pathOf.push(i)
      cves.push(record)
      continue
    }
    // The same CVE twice (a modified feed over a yearly one): the later modification wins.
    const prev = cves[first]!
    const newer = (record.modifiedAt ?? '') > (prev.modifiedAt ?? '')
    const firstAt = `vulnerabilities[${pathOf[first]!}].cve`
    warn('duplicateCve', at(), { cve: id, first: firstAt, kept: newer ? at() : firstAt })
    if (newer) {
      cves[first] = record
      pathOf[first] = i
    }
  }
  const total = num(root.totalResults)
  if (total !== null)
    result.page = {
      resultsPerPage: num(root.resultsPerPage) ?? list.length,
      startIndex: num(root.startIndex) ?? 0,
      totalResults: total,
      timestamp: typeof root.timestamp === 'string' ? root.timestamp : null,
    }
  return result
}
