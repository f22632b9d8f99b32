import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { hasMessage, translate } from '../../../src/core/messages/translate.js'
import type { ParsedSbom } from '../../../src/core/vulns/model.js'
import { readSbom } from '../../../src/importers/sbom/index.js'

const fixture = (name: string) => readFileSync(join(import.meta.dirname, '../../fixtures/sbom', name))
const bytes = (v: unknown) => new TextEncoder().encode(typeof v === 'string' ? v : JSON.stringify(v))

function rendersEverywhere(sbom: ParsedSbom) {
  for (const p of sbom.problems) {
    expect(hasMessage(`feeds.problem.${p.code}`)).toBe(true)
    expect(translate('ja', `feeds.problem.${p.code}`, p.params)).not.toContain('{{')
  }
}

describe('readSbom', () => {
  it('reads a CycloneDX HBOM: the board as subject and its hardware parts as devices with their supplier', () => {
    const sbom = readSbom(fixture('cyclonedx-1.4-hbom-pcie-sata.json'), 'bom.json')
    expect(sbom.problems).toEqual([])
    expect(sbom).toMatchObject({ format: 'cyclonedx', specVersion: '1.4', subject: 'pcie-sata-adaptor-board rev-1' })
    expect(sbom.serialNumber).toBe('urn:uuid:e8c355aa-2142-4084-a8c7-6d42c8610ba2')
    expect(sbom.components).toHaveLength(7)
    expect(sbom.components.every((c) => c.kind === 'device')).toBe(true)
    expect(sbom.components[1]).toEqual({
      kind: 'device',
      name: 'PCIE-098-02-F-D-EMS2',
      supplier: 'Samtec',
      version: '2.9.10',
      cpe: null,
      purl: null,
    })
  })

  it('reads CycloneDX 1.4 XML (namespace version, CDATA) like JSON', () => {
    const sbom = readSbom(fixture('cyclonedx-1.4-laravel.xml'), 'bom.xml')
    expect(sbom.problems).toEqual([])
    expect(sbom.specVersion).toBe('1.4')
    expect(sbom.subject).toBe('cyclonedx-php-composer-demo dev-master')
    expect(sbom.components).toHaveLength(63)
    const laravel = sbom.components.find((c) => c.name === 'framework' && c.purl?.startsWith('pkg:composer/laravel/'))
    expect(laravel).toMatchObject({
      kind: 'library',
      version: 'v7.30.6',
      purl: 'pkg:composer/laravel/framework@v7.30.6',
    })
  })

  it('reads nested components, device types and the BOM’s own VEX', () => {
    const doc = {
      bomFormat: 'CycloneDX',
      specVersion: '1.6',
      metadata: {
        component: { type: 'device', name: 'IP-200', version: '3.2.1', manufacturer: { name: 'Example Medical' } },
      },
      components: [
        {
          type: 'firmware',
          name: 'ip200-fw',
          version: '3.2.1',
          components: [
            {
              type: 'operating-system',
              name: 'linux',
              version: '4.14.98',
              cpe: 'cpe:2.3:o:linux:linux_kernel:4.14.98:*:*:*:*:*:*:*',
            },
            {
              type: 'framework',
              'bom-ref': 'ossl',
              name: 'openssl',
              version: '1.0.2k',
              purl: 'pkg:generic/openssl@1.0.2k',
            },
          ],
        },
        { type: 'container', name: 'x' },
        { type: 'library' },
      ],
      vulnerabilities: [
        {
          id: 'CVE-2016-2107',
          analysis: { state: 'not_affected', justification: 'code_not_reachable', detail: 'AES-NI is off' },
          affects: [{ ref: 'ossl' }],
        },
        {
          id: 'CVE-2016-2108',
          analysis: { state: 'resolved_with_pedigree', response: ['update'] },
          affects: [{ ref: 'ossl' }],
        },
        { id: 'GHSA-xxxx-yyyy-zzzz', analysis: { state: 'in_triage' }, affects: [{ ref: 'ossl' }] },
        { id: 'CVE-2016-2109', analysis: { state: 'maybe' }, affects: [{ ref: 'ossl' }] },
      ],
    }
    const sbom = readSbom(bytes(doc), 'ip200.cdx.json')
    expect(sbom.subject).toBe('IP-200 3.2.1')
    expect(sbom.components.map((c) => `${c.kind}:${c.name}`)).toEqual([
      'device:IP-200',
      'firmware:ip200-fw',
      'operating-system:linux',
      'library:openssl',
      'other:x',
    ])
    expect(sbom.components[0]!.supplier).toBe('Example Medical')
    expect(sbom.vex).toEqual([
      expect.objectContaining({
        cve: 'CVE-2016-2107',
        status: 'not_affected',
        justification: 'code_not_reachable',
        product: 'openssl',
        version: '1.0.2k',
        purl: 'pkg:generic/openssl@1.0.2k',
        detail: 'AES-NI is off',
      }),
      expect.objectContaining({ cve: 'CVE-2016-2108', status: 'fixed', detail: 'response: update' }),
    ])
    expect(sbom.problems.map((p) => `${p.code} ${p.path}`)).toEqual([
      'missing components[2].name',
      'notCveId vulnerabilities[2].id',
      'vexState vulnerabilities[3].analysis.state',
    ])
    rendersEverywhere(sbom)
  })

  it('reads CycloneDX 1.6 XML with nested components and VEX, entities decoded once', () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<bom xmlns="http://cyclonedx.org/schema/bom/1.6" serialNumber="urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79" version="1">
  <metadata><component type="device" bom-ref="dev"><manufacturer><name>Example Medical</name></manufacturer><name>IP-200</name><version>3.2.1</version></component></metadata>
  <components>
    <component type="firmware" bom-ref="fw"><name>ip200-fw</name><version>3.2.1</version>
      <components>
        <component type="library" bom-ref="ossl"><supplier><name>OpenSSL &amp; Co</name></supplier><name><![CDATA[openssl]]></name><description><![CDATA[a &amp; b]]></description><version>1.0.2k</version><cpe>cpe:2.3:a:openssl:openssl:1.0.2k:*:*:*:*:*:*:*</cpe></component>
      </components>
    </component>
  </components>
  <vulnerabilities>
    <vulnerability bom-ref="v1"><id>CVE-2016-2107</id>
      <analysis><state>not_affected</state><justification>code_not_reachable</justification><responses><response>will_not_fix</response></responses><detail>AES-NI &lt;off&gt;</detail></analysis>
      <affects><target><ref>ossl</ref></target></affects>
    </vulnerability>
  </vulnerabilities>
</bom>`
    const sbom = readSbom(bytes(xml), 'ip200.cdx.xml')
    expect(sbom.problems).toEqual([])
    expect(sbom).toMatchObject({
      specVersion: '1.6',
      subject: 'IP-200 3.2.1',
      serialNumber: 'urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79',
    })
    expect(sbom.components.map((c) => `${c.kind}:${c.name}:${c.supplier}`)).toEqual([
      'device:IP-200:Example Medical',
      'firmware:ip200-fw:null',
      'library:openssl:OpenSSL & Co',
    ])
    expect(sbom.vex).toEqual([
      expect.objectContaining({
        cve: 'CVE-2016-2107',
        status: 'not_affected',
        justification: 'code_not_reachable',
        cpe: 'cpe:2.3:a:openssl:openssl:1.0.2k:*:*:*:*:*:*:*',
        detail: 'AES-NI <off> — response: will_not_fix',
      }),
    ])
  })

  it('reads SPDX 2.3 JSON and SPDX 2.2 tag-value alike', () => {
    const json = readSbom(fixture('spdx-2.3-infusion-pump.spdx.json'), 'ip200.spdx.json')
    const tv = readSbom(gzipSync(fixture('spdx-2.2-infusion-pump.spdx')), 'ip200.spdx.gz')
    expect(json.problems).toEqual([])
    expect(tv.problems).toEqual([])
    expect(json).toMatchObject({ format: 'spdx', specVersion: 'SPDX-2.3', subject: 'IP-200 firmware 3.2.1' })
    expect(tv).toMatchObject({ format: 'spdx', specVersion: 'SPDX-2.2', subject: 'IP-200 firmware 3.2.1' })
    expect(json.components.map((c) => `${c.kind}:${c.name}:${c.version}:${c.supplier}`)).toEqual([
      'firmware:IP-200 firmware:3.2.1:Example Medical K.K.',
      'operating-system:linux:4.14.98:The Linux Foundation',
      'library:openssl:1.0.2k:OpenSSL Software Foundation',
      'other:busybox:null:null',
    ])
    const openssl = { cpe: 'cpe:2.3:a:openssl:openssl:1.0.2k:*:*:*:*:*:*:*', purl: 'pkg:generic/openssl@1.0.2k' }
    expect(json.components[2]).toMatchObject(openssl)
    expect(tv.components[1]).toMatchObject({ name: 'openssl', version: '1.0.2k', ...openssl })
  })

  it('names the line of a tag-value line it cannot read, and goes on', () => {
    const text =
      'SPDXVersion: SPDX-2.3\nDocumentName: pump\n\nPackageName: openssl\nPackageVersion: 1.0.2k\nthis line is damaged\nPackageName: zlib\nPackageVersion: 1.2.11\n'
    const sbom = readSbom(bytes(text), 'pump.spdx')
    expect(sbom.components.map((c) => `${c.name} ${c.version}`)).toEqual(['openssl 1.0.2k', 'zlib 1.2.11'])
    expect(sbom.problems.map((p) => `${p.code} ${p.path}`)).toEqual(['tagValueLine line 6'])
    expect(translate('ja', 'feeds.problem.tagValueLine', sbom.problems[0]!.params)).toContain('6 行目')
  })

  it('refuses unsupported versions and other files with one error naming what it found', () => {
    const cases: [Uint8Array, string, string | number][] = [
      [bytes({ bomFormat: 'CycloneDX', specVersion: '1.2', components: [] }), 'sbomVersion', '1.2'],
      [bytes({ spdxVersion: 'SPDX-2.1', packages: [] }), 'sbomVersion', 'SPDX-2.1'],
      [
        bytes({ '@context': 'https://spdx.org/rdf/3.0.1/spdx-context.jsonld', '@graph': [] }),
        'sbomVersion',
        '3.0 (JSON-LD)',
      ],
      [bytes('SPDXVersion: SPDX-3.0\nPackageName: x\n'), 'sbomVersion', 'SPDX-3.0'],
      [bytes({ document: { csaf_version: '2.0' } }), 'notSbom', 'JSON with document'],
      [bytes('<html><body>Not found</body></html>'), 'notSbom', 'XML <html>'],
      [bytes('<bom xmlns="http://cyclonedx.org/schema/bom/1.5"><components>'), 'notXml', ''],
      [bytes('{"bomFormat": "CycloneDX", "specVer'), 'notJson', ''],
    ]
    for (const [input, code, shown] of cases) {
      const sbom = readSbom(input, 'x.json')
      expect(sbom.components).toEqual([])
      expect(sbom.problems.map((p) => [p.severity, p.code])).toEqual([['error', code]])
      const en = translate('en', `feeds.problem.${code}`, sbom.problems[0]!.params)
      expect(en).toContain(String(shown))
      rendersEverywhere(sbom)
    }
  })
})
