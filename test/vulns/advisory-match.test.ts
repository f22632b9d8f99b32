import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { VendorResolver } from '../../src/core/catalog/vendor-resolver.js'
import { matchAdvisory } from '../../src/core/vulns/advisory-match.js'
import { readCsaf } from '../../src/importers/feeds/csaf.js'

const XTR = readCsaf(readFileSync(join(import.meta.dirname, '../fixtures/feeds/icsma-20-049-01.json')), 'x.json')
const vendors = new VendorResolver([
  { alias: '日本スペースラブズ株式会社', vendor: 'Spacelabs' },
  { alias: '株式会社フィリップス・ジャパン', vendor: 'Philips' },
])
const base = {
  manufacturer: '日本スペースラブズ株式会社',
  model: 'Xhibit Telemetry Receiver (XTR) Model number 96280',
  catalogModel: null,
}

describe('matchAdvisory: do we have the devices of ICSMA-20-049-01?', () => {
  const answers = matchAdvisory(
    XTR,
    [
      { id: 'xtr-old', ...base, softwareVersion: '1.0.2' },
      { id: 'xtr-new', ...base, softwareVersion: '1.2.1' },
      { id: 'xtr-unknown', ...base, softwareVersion: null },
      {
        id: 'monitor',
        manufacturer: '株式会社フィリップス・ジャパン',
        model: 'IntelliVue MX450',
        softwareVersion: '1.0',
        catalogModel: null,
      },
    ],
    vendors,
  )
  const of = (id: string) => answers.find((a) => a.deviceId === id)

  it('answers each device once per CVE, with the product it matched', () => {
    expect(answers.map((a) => `${a.deviceId} ${a.cve} ${a.decision}`).sort()).toEqual([
      'xtr-new CVE-2019-0708 ruled-out-by-version',
      'xtr-old CVE-2019-0708 affected',
      'xtr-unknown CVE-2019-0708 needs-review',
    ])
    expect(of('xtr-old')?.productLabel).toContain('96280')
  })

  it('explains in Japanese why a device was ruled out', () => {
    expect(
      of('xtr-new')
        ?.reasons.map((r) => r.ja)
        .join(' / '),
    ).toContain('バージョンが対象外です')
  })
})
