import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { translate } from '../../../src/core/messages/translate.js'
import { vexFromCsaf } from '../../../src/importers/feeds/csaf-vex.js'
import { readFeed } from '../../../src/importers/feeds/detect.js'

const fixture = (name: string) => readFileSync(join(import.meta.dirname, '../../fixtures/feeds', name))
const bytes = (v: unknown) => new TextEncoder().encode(typeof v === 'string' ? v : JSON.stringify(v))

describe('readFeed', () => {
  it('tells every format by its content, whatever the file is called, gzipped or not', () => {
    const cases: [string, string][] = [
      ['icsma-20-049-01.json', 'csaf'],
      ['vex-spacelabs-xtr-not-affected.json', 'csaf'],
      ['kev-subset.json', 'kev'],
      ['nvd-cve-2.0-page.json', 'nvd'],
      ['epss-subset.csv', 'epss'],
      ['jvn-vuldef-bluekeep.xml', 'jvn'],
      ['jvn-overview-rss.xml', 'jvn'],
      ['cyclonedx-vex-cisa-case1-not-affected.json', 'cyclonedx-vex'],
    ]
    for (const [name, kind] of cases)
      for (const input of [fixture(name), gzipSync(fixture(name))]) {
        const feed = readFeed(input, 'download')
        expect([name, feed.kind, feed.problems]).toEqual([name, kind, []])
      }
  })

  it('gives a CSAF advisory its summary, link and dates, and no VEX for what it says is affected', () => {
    const feed = readFeed(fixture('icsma-20-049-01.json'), 'icsma.json')
    if (feed.kind !== 'csaf') throw new Error(feed.kind ?? 'null')
    expect(feed.document).toMatchObject({ id: 'ICSMA-20-049-01', source: 'csaf', titleJa: null, publisher: 'CISA' })
    expect(feed.document.summaryEn).toBeTruthy()
    expect(feed.document.url).toMatch(/^https:\/\//)
    expect(feed.vex).toEqual([])
  })

  it('reads the Spacelabs XTR VEX: not affected, vulnerable code not present, with its impact statement', () => {
    const feed = readFeed(fixture('vex-spacelabs-xtr-not-affected.json'), 'vex.json')
    if (feed.kind !== 'csaf') throw new Error(feed.kind ?? 'null')
    expect(feed.document.category).toBe('csaf_vex')
    expect(feed.vex).toEqual([
      {
        vendor: 'Spacelabs',
        product: 'Xhibit Telemetry Receiver (XTR) Model number 96280',
        version: '1.0.2',
        cpe: null,
        purl: null,
        cve: 'CVE-2019-0708',
        status: 'not_affected',
        justification: 'vulnerable_code_not_present',
        detail: 'The XTR runs without the Remote Desktop Services component: the vulnerable code is not present.',
        issuedAt: '2025-03-01T00:00:00.000Z',
      },
    ])
  })

  it('takes a VEX justification given to a product group', () => {
    const doc = JSON.parse(fixture('vex-spacelabs-xtr-not-affected.json').toString())
    doc.product_tree.product_groups = [{ group_id: 'CSAFGID-XTR', product_ids: ['CSAFPID-XTR-102'] }]
    doc.vulnerabilities[0].flags = [{ label: 'component_not_present', group_ids: ['CSAFGID-XTR'] }]
    const feed = readFeed(bytes(doc), 'vex.json')
    if (feed.kind !== 'csaf') throw new Error('not csaf')
    expect(feed.vex.map((v) => v.justification)).toEqual(['component_not_present'])
  })

  it('folds CSAF statuses: every one in a VEX document, only not-affected and fixed in an advisory', () => {
    const feed = readFeed(fixture('icsma-20-049-01.json'), 'icsma.json')
    if (feed.kind !== 'csaf') throw new Error('not csaf')
    const v = feed.document.vulnerabilities[0]!
    const ids = feed.document.products.map((p) => p.productId)
    const status = {
      [ids[0]!]: 'known_affected',
      [ids[1]!]: 'fixed',
      [ids[2]!]: 'under_investigation',
      [ids[3]!]: 'recommended',
    } as const
    const doc = { ...feed.document, vulnerabilities: [{ ...v, status }] }
    expect(vexFromCsaf(doc).map((s) => s.status)).toEqual(['fixed'])
    expect(vexFromCsaf({ ...doc, category: 'csaf_vex' }).map((s) => s.status)).toEqual([
      'affected',
      'fixed',
      'under_investigation',
    ])
  })

  it('reads a CycloneDX VEX, resolving the affected ref to its component', () => {
    const feed = readFeed(fixture('cyclonedx-vex-cisa-case1-not-affected.json'), 'vex.cdx.json')
    if (feed.kind !== 'cyclonedx-vex') throw new Error('not cyclonedx-vex')
    expect(feed.statements).toEqual([
      expect.objectContaining({
        cve: 'CVE-2021-44228',
        status: 'not_affected',
        justification: 'code_not_present',
        product: 'ABC',
        version: '4.2',
      }),
    ])
    expect(feed.statements[0]!.detail).toContain('response: will_not_fix')
  })

  it('refuses an unknown CSAF version, an SBOM, an unknown JSON, XML or text — saying what it found', () => {
    const cases: [Uint8Array, string, string][] = [
      [bytes({ document: { csaf_version: '2.1', category: 'csaf_vex' } }), 'csafVersion', '2.1'],
      [bytes({ bomFormat: 'CycloneDX', specVersion: '1.5', components: [] }), 'sbomNotFeed', 'CycloneDX'],
      [bytes({ hello: 'world' }), 'unknownFormat', 'hello'],
      [bytes('<html><head/></html>'), 'unknownFormat', 'XML <html>'],
      [bytes('PK\u0003\u0004 zip'), 'unknownFormat', 'PK'],
      [bytes('{"catalogVersion": "1", "vulnerabilities": ['), 'notJson', 'JSON'],
    ]
    for (const [input, code, shown] of cases) {
      const feed = readFeed(input, 'f')
      expect(feed.kind).toBeNull()
      expect(feed.problems.map((p) => [p.severity, p.code])).toEqual([['error', code]])
      expect(translate('en', `feeds.problem.${code}`, feed.problems[0]!.params)).toContain(shown)
      expect(translate('ja', `feeds.problem.${code}`, feed.problems[0]!.params)).not.toContain('{{')
    }
  })
})
