import type {
  AdvisoryDocument,
  AdvisoryProduct,
  CveRecord,
  CvssScore,
  FeedProblem,
  ParsedFeed,
} from '../../core/vulns/model.js'
import { CVE_ID, decodeText, fileProblem, type InputOptions } from './input.js'
import { isNode, many, parseXml, text, type XmlNode } from './xml.js'

/**
 * JVN iPedia through MyJVN: the VULDEF document (getVulnDetailInfo: `Vulinfo` with the Japanese title and overview,
 * affected products with vendor / product / version text / CPE, CVSS 3.0 and 4.0, related CVE and CWE ids, dates)
 * and the RSS 1.0 overview list (getVulnOverviewList: `item` with sec:identifier, sec:cpe, sec:cvss,
 * sec:references). Each JVNDB entry becomes an advisory (Japanese text in titleJa / summaryJa) and each CVE it names a
 * record with its Japanese description. JVN's CPEs are CPE 2.2 URIs; they are turned into 2.3 strings. XML entity
 * expansion is off (see xml.ts). Never throws.
 */

export type JvnFeed = Extract<ParsedFeed, { kind: 'jvn' }>

/** `cpe:/o:microsoft:windows_7:-:sp1` → `cpe:2.3:o:microsoft:windows_7:-:sp1:*:*:*:*:*:*`; 2.3 strings pass. */
export function cpe22to23(cpe: string | null): string | null {
  if (!cpe) return null
  if (cpe.startsWith('cpe:2.3:')) return cpe
  const m = /^cpe:\/([aoh]?)(?::(.*))?$/i.exec(cpe.trim())
  if (!m) return null
  const parts = (m[2] ?? '')
    .split(':')
    .map((p) => decodeURIComponent(p.replace(/%(?![0-9a-f]{2})/gi, '%25')).toLowerCase())
  const fields = [m[1] || '*', ...parts.slice(0, 6)]
  while (fields.length < 11) fields.push('*')
  return `cpe:2.3:${fields.map((f) => (f === '' ? '*' : f.replace(/([:\\])/g, '\\$1'))).join(':')}`
}

function cvss(node: unknown): CvssScore | null {
  if (!isNode(node)) return null
  // VULDEF: <Cvss version><Base/><Vector/>; RSS: <sec:cvss score vector version/>
  const score = Number(text(node.Base) ?? node['@score'])
  const vector = text(node.Vector) ?? (typeof node['@vector'] === 'string' ? node['@vector'] : null)
  if (!vector || !Number.isFinite(score) || score < 0 || score > 10) return null
  return { version: String(node['@version'] ?? vector.slice(5, 8)), vector, baseScore: score }
}

const pickScores = (list: unknown[]) => {
  let v3: CvssScore | null = null
  let v4: CvssScore | null = null
  for (const n of list) {
    const s = cvss(n)
    if (s?.version.startsWith('3')) v3 ??= s
    else if (s?.version.startsWith('4')) v4 ??= s
  }
  return { cvssV3: v3, cvssV4: v4 }
}

interface Entry {
  id: string
  title: string
  overview: string | null
  url: string | null
  products: AdvisoryProduct[]
  cves: string[]
  cwes: string[]
  scores: { cvssV3: CvssScore | null; cvssV4: CvssScore | null }
  published: string | null
  updated: string | null
  path: string
}

function fromVuldef(v: XmlNode, path: string): Entry | null {
  const id = text(v.VulinfoID)
  const data = isNode(v.VulinfoData) ? v.VulinfoData : null
  if (!id || !data) return null
  const desc = isNode(data.VulinfoDescription) ? data.VulinfoDescription : {}
  const affected = isNode(data.Affected) ? many(data.Affected.AffectedItem) : []
  const products = affected.filter(isNode).map((a, i): AdvisoryProduct => {
    const name = text(a.ProductName) ?? text(a.Name) ?? '?'
    const versions = many(a.VersionNumber).map(text).filter(Boolean)
    return {
      productId: `${id}#${i}`,
      name,
      vendor: text(a.Name),
      family: null,
      productName: name,
      version: null,
      // JVN writes versions as text ("3.2 およびそれ以前"): a range for the range parser to judge.
      versionRange: versions.length ? versions.join(', ') : null,
      cpe: cpe22to23(text(a.Cpe)),
      purl: null,
      modelNumbers: [],
      skus: [],
      path: `${path}.VulinfoData.Affected.AffectedItem[${i}]`,
    }
  })
  const related = isNode(data.Related) ? many(data.Related.RelatedItem).filter(isNode) : []
  const ids = related.map((r) => text(r.VulinfoID) ?? '')
  const impact = isNode(data.Impact) ? data.Impact : {}
  return {
    id,
    title: text(data.Title) ?? id,
    overview: text(desc.Overview),
    url: text(data.URL) ?? null,
    products,
    cves: [...new Set(ids.filter((x) => CVE_ID.test(x)))],
    cwes: [...new Set(ids.filter((x) => /^CWE-\d+$/.test(x)))],
    scores: pickScores(many(impact.Cvss)),
    published: text(data.DateFirstPublished) ?? text(data.DatePublic),
    updated: text(data.DateLastUpdated),
    path,
  }
}

function fromRssItem(item: XmlNode, path: string): Entry | null {
  const id = text(item.identifier)
  if (!id) return null
  const products = many(item.cpe).map((c, i): AdvisoryProduct => {
    const n = isNode(c) ? c : {}
    const name = String(n['@product'] ?? text(c) ?? '?')
    return {
      productId: `${id}#${i}`,
      name,
      vendor: typeof n['@vendor'] === 'string' ? n['@vendor'] : null,
      family: null,
      productName: name,
      version: null,
      versionRange: null,
      cpe: cpe22to23(text(c)),
      purl: null,
      modelNumbers: [],
      skus: [],
      path: `${path}.cpe[${i}]`,
    }
  })
  const refs = many(item.references).filter(isNode)
  const cves = refs.map((r) => String(r['@id'] ?? text(r) ?? '')).filter((x) => CVE_ID.test(x))
  const cwes = refs.map((r) => String(r['@id'] ?? '')).filter((x) => /^CWE-\d+$/.test(x))
  return {
    id,
    title: text(item.title) ?? id,
    overview: text(item.description),
    url: text(item.link),
    products,
    cves: [...new Set(cves)],
    cwes: [...new Set(cwes)],
    scores: pickScores(many(item.cvss)),
    published: text(item.issued) ?? text(item.date),
    updated: text(item.modified) ?? text(item.date),
    path,
  }
}

/** Reads a MyJVN VULDEF document or RSS overview list (gzip accepted). */
export function readJvn(bytes: Uint8Array, file: string, options: InputOptions = {}): JvnFeed {
  const problems: FeedProblem[] = []
  const result: JvnFeed = { kind: 'jvn', file, documents: [], cves: [], problems }
  const decoded = decodeText(bytes, file, options)
  const parsed = decoded.ok ? parseXml(decoded.text, file) : decoded
  if (!parsed.ok) {
    problems.push(parsed.problem)
    return result
  }
  const doc = parsed.doc
  const entries: unknown[] = []
  let base: string
  if (isNode(doc['VULDEF-Document'])) {
    base = 'VULDEF-Document.Vulinfo'
    entries.push(...many(doc['VULDEF-Document'].Vulinfo))
  } else if (isNode(doc.RDF)) {
    base = 'RDF.item'
    entries.push(...many(doc.RDF.item))
  } else {
    const root = Object.keys(doc).find((k) => !k.startsWith('?')) ?? '?'
    problems.push(fileProblem(file, 'notJvn', { found: `XML <${root}>` }))
    return result
  }
  // MyJVN answers an error inside the document: <status:Status retCd="1" errCd="…" errMsg="…"/>.
  const rootNode = (doc['VULDEF-Document'] ?? doc.RDF) as XmlNode
  const status = isNode(rootNode.Status) ? rootNode.Status : null
  if (status && status['@retCd'] !== undefined && status['@retCd'] !== '0') {
    problems.push(
      fileProblem(file, 'jvnError', {
        code: String(status['@errCd'] || status['@retCd']),
        why: String(status['@errMsg'] || '-'),
      }),
    )
    return result
  }
  const seenCve = new Set<string>()
  const seenId = new Set<string>()
  for (let i = 0; i < entries.length; i++) {
    const at = `${base}[${i}]`
    const raw = entries[i]
    const e = isNode(raw) ? (base === 'RDF.item' ? fromRssItem(raw, at) : fromVuldef(raw, at)) : null
    if (!e) {
      const field = base === 'RDF.item' ? 'identifier' : 'VulinfoID'
      problems.push({
        severity: 'warning',
        code: 'missing',
        file,
        path: `${at}.${field}`,
        params: { file, path: `${at}.${field}` },
      })
      continue
    }
    if (seenId.has(e.id)) {
      problems.push({
        severity: 'warning',
        code: 'duplicate',
        file,
        path: at,
        params: { file, path: at, cve: e.id, first: e.id },
      })
      continue
    }
    seenId.add(e.id)
    const productIds = e.products.map((p) => p.productId)
    const document: AdvisoryDocument = {
      id: e.id,
      source: 'jvn',
      category: 'jvn',
      title: e.title,
      titleJa: e.title,
      summaryEn: null,
      summaryJa: e.overview,
      publisher: 'JVN iPedia',
      version: null,
      released: e.published,
      updated: e.updated,
      url: e.url,
      products: e.products,
      vulnerabilities: e.cves.map((cve) => ({
        cve,
        title: e.title,
        cwe: e.cwes[0] ?? null,
        status: Object.fromEntries(productIds.map((id) => [id, 'known_affected' as const])),
        scores: e.scores.cvssV3 || e.scores.cvssV4 ? [{ ...e.scores, productIds }] : [],
        remediations: [],
        justifications: {},
        path: e.path,
      })),
    }
    result.documents.push(document)
    for (const cve of e.cves) {
      if (seenCve.has(cve)) continue
      seenCve.add(cve)
      result.cves.push({
        id: cve,
        source: 'jvn',
        publishedAt: e.published,
        modifiedAt: e.updated,
        descriptionEn: null,
        descriptionJa: e.overview,
        cvss3: e.scores.cvssV3,
        cvss4: e.scores.cvssV4,
        cwes: e.cwes,
        configurations: [],
      } satisfies CveRecord)
    }
  }
  return result
}
