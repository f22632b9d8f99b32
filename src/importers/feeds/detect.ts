import type { AdvisoryDocument, FeedProblem, ParsedFeed } from '../../core/vulns/model.js'
import { readCsaf } from './csaf.js'
import { vexFromCsaf } from './csaf-vex.js'
import { cycloneDxVexFromJson } from './cyclonedx-vex.js'
import { readEpss } from './epss.js'
import { decodeText, fileProblem, found, type InputOptions, inflate, isObj, parseJsonText, show } from './input.js'
import { readJvn } from './jvn.js'
import { readKev } from './kev.js'
import { nvdFromJson } from './nvd.js'

/**
 * One feed file, its format told by its CONTENT (file names lie: `download.json`, `feed (1).gz`): gzip is unpacked
 * first, then JSON by its marker fields (CSAF `document.csaf_version`, KEV `catalogVersion`, NVD `format` or
 * `vulnerabilities[0].cve`, CycloneDX `bomFormat`), text by EPSS's first line, XML by its root (JVN VULDEF / RDF).
 * Anything else is `unknownFormat`, naming what was found. Never throws.
 */

export type ReadFeedResult = ParsedFeed | { kind: null; file: string; problems: FeedProblem[] }

export function readFeed(bytes: Uint8Array, file: string, options: InputOptions = {}): ReadFeedResult {
  const fail = (problem: FeedProblem): ReadFeedResult => ({ kind: null, file, problems: [problem] })
  const raw = inflate(bytes, file, options)
  if (!raw.ok) return fail(raw.problem)
  const text = decodeText(raw.bytes, file, options)
  if (!text.ok) return fail(text.problem)
  const head = text.text.slice(0, 4096).trimStart()
  const inflated = raw.bytes
  if (head.startsWith('{')) {
    const json = parseJsonText(text.text, file)
    if (!json.ok) return fail(json.problem)
    const doc = json.value
    if (!isObj(doc)) return fail(fileProblem(file, 'unknownFormat', { found: found(doc) }))
    if (isObj(doc.document) && doc.document.csaf_version !== undefined) return csafFeed(inflated, file)
    if (typeof doc.catalogVersion === 'string' && Array.isArray(doc.vulnerabilities)) {
      const kev = readKev(inflated, file)
      return { kind: 'kev', file, ...kev }
    }
    const list = doc.vulnerabilities
    if (doc.format === 'NVD_CVE' || (Array.isArray(list) && isObj(list[0]) && isObj(list[0].cve)))
      return nvdFromJson(doc, file)
    if (doc.bomFormat === 'CycloneDX' && Array.isArray(list)) return cycloneDxVexFromJson(doc, file)
    if (doc.bomFormat === 'CycloneDX')
      return fail(fileProblem(file, 'sbomNotFeed', { found: 'CycloneDX SBOM (no "vulnerabilities")' }))
    return fail(fileProblem(file, 'unknownFormat', { found: `JSON with ${found(doc)}` }))
  }
  if (head.startsWith('#model_version') || /^cve\s*,\s*epss/i.test(head)) return readEpss(inflated, file, options)
  if (head.startsWith('<')) {
    if (/<(?:[\w-]+:)?(?:VULDEF-Document|RDF)[\s>/]/.test(head) || /<(?:[\w-]+:)?Result[\s>]/.test(head))
      return readJvn(inflated, file, options)
    const root = /<([\w:-]+)/.exec(head.replace(/<\?[^>]*\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>]*>/g, ''))?.[1]
    return fail(fileProblem(file, 'unknownFormat', { found: `XML <${root ?? '?'}>` }))
  }
  return fail(fileProblem(file, 'unknownFormat', { found: show(head.slice(0, 40)) }))
}

/** A CSAF file as an advisory plus the VEX statements it makes. */
function csafFeed(bytes: Uint8Array, file: string): ReadFeedResult {
  const csaf = readCsaf(bytes, file)
  if (csaf.problems.some((p) => p.severity === 'error')) return { kind: null, file, problems: csaf.problems }
  const document: AdvisoryDocument = {
    id: csaf.id,
    source: 'csaf',
    category: csaf.category,
    title: csaf.title,
    titleJa: null,
    summaryEn: csaf.summary,
    summaryJa: null,
    publisher: csaf.publisher,
    version: csaf.version,
    released: csaf.released,
    updated: csaf.updated,
    url: csaf.url,
    products: csaf.products,
    vulnerabilities: csaf.vulnerabilities,
  }
  return { kind: 'csaf', file, document, vex: vexFromCsaf(document), problems: csaf.problems }
}
