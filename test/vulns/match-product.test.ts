import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { VendorResolver } from '../../src/core/catalog/vendor-resolver.js'
import { type DeviceForMatch, matchProduct } from '../../src/core/vulns/match-product.js'
import { readCsaf } from '../../src/importers/feeds/csaf.js'

const XTR = readCsaf(readFileSync(join(import.meta.dirname, '../fixtures/feeds/icsma-20-049-01.json')), 'x.json')
const vendors = new VendorResolver([{ alias: '日本スペースラブズ株式会社', vendor: 'Spacelabs' }])
const product = XTR.products.find((p) => p.version === '1.0.2')!
const status = XTR.vulnerabilities[0]!.status[product.productId]!

const device = (over: Partial<DeviceForMatch>): DeviceForMatch => ({
  manufacturer: '日本スペースラブズ株式会社',
  model: 'Xhibit Telemetry Receiver (XTR) Model number 96280',
  softwareVersion: '1.0.2',
  catalogModel: null,
  ...over,
})

describe('matchProduct on a CISA medical advisory (ICSMA-20-049-01, BlueKeep)', () => {
  it('finds the device a Japanese ledger names by the Japanese subsidiary, and says why in both languages', () => {
    const m = matchProduct(device({}), product, status, vendors)
    expect(m?.decision).toBe('affected')
    expect(m?.reasons.map((r) => r.ja).join('\n')).toContain('日本スペースラブズ株式会社」は別名表により Spacelabs')
    expect(m?.reasons.at(-1)?.en).toContain('1.0.2 = 1.0.2')
  })

  it('uses the confirmed catalog model over the ledger text', () => {
    const m = matchProduct(
      device({ manufacturer: 'スペースラブズ', model: 'XTR', catalogModel: { vendor: 'Spacelabs', name: '96280' } }),
      product,
      status,
      vendors,
    )
    expect(m?.decision).toBe('affected')
  })

  it('rules a device out by version and explains it; cannot decide without a version', () => {
    expect(matchProduct(device({ softwareVersion: '1.2.1' }), product, status, vendors)?.decision).toBe(
      'ruled-out-by-version',
    )
    const unknown = matchProduct(device({ softwareVersion: null }), product, status, vendors)
    expect(unknown?.decision).toBe('needs-review')
    expect(unknown?.reasons.at(-1)?.ja).toContain('バージョンを判断できません')
  })

  it('does not match another maker or another model, and honours a not-affected statement with its justification', () => {
    expect(matchProduct(device({ manufacturer: 'Philips' }), product, status, vendors)).toBeNull()
    expect(matchProduct(device({ model: 'Ultraview SL 91369' }), product, status, vendors)).toBeNull()
    const vex = matchProduct(device({}), product, 'known_not_affected', vendors, 'vulnerable_code_not_present')
    expect(vex?.decision).toBe('not-affected')
    expect(vex?.reasons.at(-1)?.en).toContain('vulnerable_code_not_present')
  })

  it('matches model numbers with wildcards and reads vers: ranges', () => {
    const p = {
      vendor: 'Spacelabs',
      productName: 'Telemetry',
      version: null,
      versionRange: 'vers:generic/<1.2.1',
      modelNumbers: ['9628*'],
    }
    expect(matchProduct(device({ model: '96280' }), p, 'known_affected', vendors)?.decision).toBe('affected')
    expect(
      matchProduct(device({ model: '96280', softwareVersion: '1.2.1' }), p, 'known_affected', vendors)?.decision,
    ).toBe('ruled-out-by-version')
  })
})
