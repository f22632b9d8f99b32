import type { ParsedSbom } from '../../core/vulns/model.js'
import { fileProblem } from '../feeds/input.js'
import { isNode, many, parseXml, text, type XmlNode } from '../feeds/xml.js'
import { sbomFromCycloneDx } from './cyclonedx-json.js'

/**
 * CycloneDX XML 1.4–1.6: the spec version is in the namespace (`http://cyclonedx.org/schema/bom/1.5`); the
 * document is rewritten into the JSON form (attributes → fields, `<components><component>` → `components[]`) and
 * read by the JSON reader, so both forms give the same components, VEX and problem paths. Entities not expanded.
 */

const named = (v: unknown) => (isNode(v) ? { name: text(v.name) } : undefined)

function component(x: unknown): unknown {
  if (!isNode(x)) return x
  return {
    type: x['@type'],
    'bom-ref': x['@bom-ref'],
    name: text(x.name),
    version: text(x.version),
    supplier: named(x.supplier),
    manufacturer: named(x.manufacturer),
    publisher: text(x.publisher),
    author: text(x.author),
    cpe: text(x.cpe),
    purl: text(x.purl),
    components: isNode(x.components) ? many(x.components.component).map(component) : undefined,
  }
}

function vulnerability(x: unknown): unknown {
  if (!isNode(x)) return x
  const a = isNode(x.analysis) ? x.analysis : null
  return {
    id: text(x.id),
    analysis: a && {
      state: text(a.state),
      justification: text(a.justification),
      response: isNode(a.responses) ? many(a.responses.response).map(text) : undefined,
      detail: text(a.detail),
      firstIssued: text(a.firstIssued),
      lastUpdated: text(a.lastUpdated),
    },
    affects: isNode(x.affects) ? many(x.affects.target).map((t) => ({ ref: isNode(t) ? text(t.ref) : null })) : [],
    published: text(x.published),
    updated: text(x.updated),
  }
}

export function readCycloneDxXml(xml: string, file: string): ParsedSbom {
  const parsed = parseXml(xml, file)
  const none = (problem: ParsedSbom['problems'][number]): ParsedSbom => ({
    format: 'cyclonedx',
    specVersion: '',
    serialNumber: null,
    subject: null,
    components: [],
    vex: [],
    problems: [problem],
  })
  if (!parsed.ok) return none(parsed.problem)
  const bom = parsed.doc.bom
  if (!isNode(bom)) {
    const root = Object.keys(parsed.doc).find((k) => !k.startsWith('?')) ?? '?'
    return none(fileProblem(file, 'notSbom', { found: `XML <${root}>` }))
  }
  const ns = /<(?:\w+:)?bom\b[^>]*xmlns(?::\w+)?="http:\/\/cyclonedx\.org\/schema\/bom\/(\d+\.\d+)"/.exec(xml)?.[1]
  const doc: XmlNode = {
    bomFormat: 'CycloneDX',
    specVersion: ns ?? '(no CycloneDX namespace)',
    serialNumber: bom['@serialNumber'],
    metadata: isNode(bom.metadata) ? { component: component(bom.metadata.component) } : undefined,
    components: isNode(bom.components) ? many(bom.components.component).map(component) : undefined,
    vulnerabilities: isNode(bom.vulnerabilities)
      ? many(bom.vulnerabilities.vulnerability).map(vulnerability)
      : undefined,
  }
  if (isNode(doc.metadata) && doc.metadata.component === undefined) doc.metadata = undefined
  return sbomFromCycloneDx(doc, file)
}
