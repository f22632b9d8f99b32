import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { builtinAliasRows } from '../../src/core/catalog/builtin-aliases.js'
import { VendorResolver } from '../../src/core/catalog/vendor-resolver.js'
import { matchDevices } from '../../src/core/vulns/match-devices.js'
import type { AdvisoryDocument, CveForMatch, DeviceForVulnMatch, VexStatement } from '../../src/core/vulns/model.js'
import { applyVex } from '../../src/core/vulns/vex.js'
import { readFeed } from '../../src/importers/feeds/detect.js'

const feed = readFeed(readFileSync(join(import.meta.dirname, '../fixtures/feeds/icsma-20-049-01.json')), 'x.json')
if (feed.kind !== 'csaf') throw new Error('the ICSMA fixture should read as CSAF')
const XTR: AdvisoryDocument = feed.document
// The built-in table knows フィリップス・ジャパン and 日本光電; the hospital added its Spacelabs distributor itself.
const vendors = new VendorResolver([
  ...builtinAliasRows(),
  { alias: '日本スペースラブズ株式会社', vendor: 'Spacelabs' },
])

const cpe = (part: string, vendor: string, product: string, version = '*') =>
  `cpe:2.3:${part}:${vendor}:${product}:${version}:*:*:*:*:*:*:*`
const XTR_MODEL = 'Xhibit Telemetry Receiver (XTR) Model number 96280'
const xtr = (id: string, softwareVersion: string | null): DeviceForVulnMatch => ({
  id,
  manufacturer: '日本スペースラブズ株式会社',
  model: XTR_MODEL,
  softwareVersion,
  catalogModel: null,
  components: [],
})
const monitor: DeviceForVulnMatch = {
  id: 'mx800-3F',
  manufacturer: '株式会社フィリップス・ジャパン',
  model: 'IntelliVue MX800',
  softwareVersion: 'M.00.03',
  catalogModel: { id: 'model-mx800', vendor: 'Philips', name: 'IntelliVue MX800' },
  components: [
    {
      id: 'c-fw',
      kind: 'firmware',
      name: 'MX800 firmware',
      supplier: 'Philips',
      version: '3.1.2',
      cpe: cpe('o', 'philips', 'intellivue_mx800_firmware', '3.1.2'),
      purl: null,
    },
    {
      id: 'c-hw',
      kind: 'hardware',
      name: 'MX800',
      supplier: 'Philips',
      version: null,
      cpe: cpe('h', 'philips', 'intellivue_mx800', '-'),
      purl: null,
    },
  ],
}
const nk: DeviceForVulnMatch = {
  id: 'bsm-icu',
  manufacturer: '日本光電工業株式会社',
  model: 'BSM-6501',
  softwareVersion: '01-23',
  catalogModel: null,
  components: [
    {
      id: 'c-lib',
      kind: 'library',
      name: 'lodash',
      supplier: null,
      version: '4.17.20',
      cpe: null,
      purl: 'pkg:npm/lodash@4.17.20',
    },
  ],
}
const MX_CVE: CveForMatch = {
  id: 'CVE-2025-1000',
  configurations: [
    {
      operator: 'AND',
      nodes: [
        {
          operator: 'OR',
          cpeMatch: [
            {
              vulnerable: true,
              criteria: cpe('o', 'philips', 'intellivue_mx800_firmware'),
              versionEndExcluding: '3.2',
            },
          ],
        },
        { operator: 'OR', cpeMatch: [{ vulnerable: false, criteria: cpe('h', 'philips', 'intellivue_mx800', '-') }] },
      ],
    },
  ],
}
/** A manufacturer's CSAF advisory that names a library by purl (product identification helper). */
const NK_ADVISORY: AdvisoryDocument = {
  ...XTR,
  id: 'NK-2025-01',
  title: 'lodash in Nihon Kohden monitors',
  products: [
    {
      productId: 'P1',
      name: 'lodash < 4.17.21',
      vendor: 'Nihon Kohden',
      family: null,
      productName: 'lodash',
      version: null,
      versionRange: 'vers:npm/<4.17.21',
      cpe: null,
      purl: 'pkg:npm/lodash',
      modelNumbers: [],
      skus: [],
      path: '$.product_tree',
    },
  ],
  vulnerabilities: [
    {
      cve: 'CVE-2021-23337',
      title: null,
      cwe: null,
      status: { P1: 'known_affected' },
      scores: [],
      remediations: [],
      justifications: {},
      path: '$.vulnerabilities[0]',
    },
  ],
}
const devices = [xtr('xtr-old', '1.0.2'), xtr('xtr-new', '1.2.1'), xtr('xtr-unknown', null), monitor, nk]
const lookup = (v: string, p: string) =>
  `${v}:${p}` === 'philips:intellivue_mx800_firmware' || `${v}:${p}` === 'philips:intellivue_mx800' ? [MX_CVE] : []
const run = (vex: VexStatement[] = []) =>
  matchDevices({ devices, advisories: [XTR, NK_ADVISORY], lookup, vex, vendors })

describe('matchDevices: a Japanese ledger against ICSMA-20-049-01, the NVD and a purl advisory', () => {
  const out = run()
  const of = (deviceId: string) => out.filter((m) => m.deviceId === deviceId)

  it('answers each device through the way it was tied', () => {
    expect(out.map((m) => `${m.deviceId} ${m.cve} ${m.via} ${m.decision}`).sort()).toEqual([
      'bsm-icu CVE-2021-23337 purl affected',
      'mx800-3F CVE-2025-1000 cpe affected',
      'xtr-new CVE-2019-0708 csaf ruled-out-by-version',
      'xtr-old CVE-2019-0708 csaf affected',
      'xtr-unknown CVE-2019-0708 csaf needs-review',
    ])
  })

  it('explains in Japanese: the alias, the model, the version', () => {
    const ja = of('xtr-old')[0]!
      .reasons.map((r) => r.ja)
      .join(' / ')
    expect(ja).toContain('日本スペースラブズ株式会社')
    expect(ja).toContain('別名表')
    expect(ja).toContain('バージョンが該当します')
    expect(of('mx800-3F')[0]!.reasons.map((r) => r.en)).toContain('version 3.1.2 is below 3.2 (versionEndExcluding)')
    expect(of('bsm-icu')[0]!.reasons[0]!.en).toContain('pkg:npm/lodash')
  })

  it('keys decisions without the device, and on the model when the device has one', () => {
    for (const m of out) expect(m.reviewKey).not.toContain(m.deviceId)
    const keys = new Set(out.filter((m) => m.advisoryId === XTR.id).map((m) => m.reviewKey))
    expect(keys.size).toBe(1)
    expect(of('mx800-3F')[0]!.modelId).toBe('model-mx800')
  })

  it('gives the same ids on a second run, and different ids to different devices', () => {
    expect(run().map((m) => m.id)).toEqual(out.map((m) => m.id))
    expect(new Set(out.map((m) => m.id)).size).toBe(out.length)
  })

  it('a manufacturer VEX statement rules the XTR out, with its justification shown', () => {
    const statement: VexStatement = {
      id: 'vex-1',
      sourceKind: 'csaf',
      sourceId: 'ICSMA-20-049-01-VEX',
      modelId: null,
      vendor: 'Spacelabs',
      product: XTR_MODEL,
      version: null,
      cpe: null,
      purl: null,
      cve: 'CVE-2019-0708',
      status: 'not_affected',
      justification: 'vulnerable_code_not_present',
      detail: 'RDP is disabled in the shipped image',
      issuedAt: '2020-03-01',
    }
    const after = run([statement]).filter((m) => m.deviceId === 'xtr-old')
    expect(after[0]!.decision).toBe('not-affected')
    expect(after[0]!.vex?.justification).toBe('vulnerable_code_not_present')
    expect(after[0]!.reasons.at(-1)!.ja).toBe(
      '製造業者の VEX(ICSMA-20-049-01-VEX): 影響なし — vulnerable_code_not_present(RDP is disabled in the shipped image)',
    )
    // A statement for another version leaves the device as it was.
    const other = run([{ ...statement, version: '9.9' }]).filter((m) => m.deviceId === 'xtr-old')
    expect(other[0]!.decision).toBe('affected')
  })

  it('VEX by model id, under investigation and affected', () => {
    const base = out.filter((m) => m.deviceId === 'mx800-3F')
    const byId = new Map(devices.map((d) => [d.id, d]))
    const s = (status: VexStatement['status']): VexStatement => ({
      id: 'v',
      sourceKind: 'cyclonedx',
      sourceId: 'sbom-mx800',
      modelId: 'model-mx800',
      vendor: null,
      product: null,
      version: null,
      cpe: null,
      purl: null,
      cve: 'CVE-2025-1000',
      status,
      justification: null,
      detail: null,
      issuedAt: null,
    })
    expect(applyVex(base, [s('fixed')], byId, vendors)[0]!.decision).toBe('not-affected')
    const inv = applyVex(base, [s('under_investigation')], byId, vendors)[0]!
    expect(inv.decision).toBe('affected')
    expect(inv.reasons.at(-1)!.en).toContain('under investigation')
    expect(applyVex(base, [s('affected')], byId, vendors)[0]!.confidence).toBeGreaterThanOrEqual(0.99)
  })
})
