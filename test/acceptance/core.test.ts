/**
 * The acceptance core, pure: the comparison of declared and open ports, what is outstanding, and the quarantine
 * guard tried as an attacker would (an address just outside the CIDR, IPv6, two addresses one outside, a CIDR or
 * range typed as the device's address, garbage), with a property test over random IPv4 addresses.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ACCEPTANCE_CHECK_IDS } from '../../api/acceptance.js'
import { DECOMMISSION_ITEM_IDS } from '../../api/decommission.js'
import { ACCEPTANCE_CHECKS, DECOMMISSION_ITEMS } from '../../src/core/acceptance/checks.js'
import { compareWithDeclaration, emptyComparison } from '../../src/core/acceptance/compare.js'
import { acceptanceOutstanding, decommissionOutstanding } from '../../src/core/acceptance/outstanding.js'
import { addressOutsideQuarantine } from '../../src/core/acceptance/quarantine.js'
import type { MamoriError } from '../../src/core/errors.js'

describe('compareWithDeclaration', () => {
  it('lists open ports not declared and declared ports not seen, de-duplicated and sorted', () => {
    const c = compareWithDeclaration({
      scanId: 's1',
      scannedAt: '2026-12-01T10:00:00Z',
      declarationSource: 'MDS2',
      declaredPorts: [443, 80, 80, 2575],
      openPorts: [
        { port: 23, transport: 'tcp', service: null },
        { port: 23, transport: 'tcp', service: 'telnet' },
        { port: 443, transport: 'tcp', service: 'https' },
        { port: 161, transport: 'udp', service: 'snmp' },
      ],
      findings: [],
      disclosureFindings: [],
    })
    expect(c.declaredPorts).toEqual([80, 443, 2575])
    expect(c.undeclaredOpen).toEqual([23, 161])
    expect(c.declaredNotSeen).toEqual([80, 2575])
    expect(c.openPorts).toEqual([
      { port: 23, transport: 'tcp', service: 'telnet' },
      { port: 161, transport: 'udp', service: 'snmp' },
      { port: 443, transport: 'tcp', service: 'https' },
    ])
  })

  it('with nothing declared every open port is undeclared; before a scan nothing is "not seen"', () => {
    const c = compareWithDeclaration({
      scanId: 's',
      scannedAt: null,
      declarationSource: null,
      declaredPorts: [],
      openPorts: [{ port: 22, transport: 'tcp', service: 'ssh' }],
      findings: [],
      disclosureFindings: [],
    })
    expect(c.undeclaredOpen).toEqual([22])
    expect(emptyComparison('MDS2', [80]).declaredNotSeen).toEqual([])
  })
})

describe('outstanding', () => {
  it('names the missing scan, every unchecked or failed check and open issues; empty when all is done', () => {
    const none = acceptanceOutstanding(emptyComparison(null, []), {}, [])
    expect(none.ja[0]).toBe('隔離セグメントからのスキャンがまだです')
    expect(none.en).toHaveLength(1 + ACCEPTANCE_CHECK_IDS.length)
    const scanned = compareWithDeclaration({
      ...emptyComparison(null, []),
      scanId: 's',
      declaredPorts: [],
      openPorts: [{ port: 23, transport: 'tcp', service: null }],
    })
    const checks = Object.fromEntries(
      ACCEPTANCE_CHECK_IDS.map((id) => [id, { result: 'pass' as const, note: '', checkedBy: 'a', checkedAt: 'x' }]),
    )
    expect(acceptanceOutstanding(scanned, checks, []).en).toEqual([
      'open ports not declared (23) have not been raised with the manufacturer',
    ])
    const issue = {
      id: 'i',
      title: 'Telnet',
      detail: '',
      raisedOn: null,
      raisedBy: null,
      manufacturerReply: '仕様です',
      repliedOn: null,
      resolution: 'spec' as const,
      decision: '',
    }
    expect(acceptanceOutstanding(scanned, checks, [issue]).ja).toEqual(['病院としての判断が未記入: Telnet'])
    expect(acceptanceOutstanding(scanned, checks, [{ ...issue, decision: 'VLAN で隔離して受容' }]).en).toEqual([])
    const failed = { ...checks, time_source: { result: 'fail' as const, note: '', checkedBy: 'a', checkedAt: 'x' } }
    expect(acceptanceOutstanding(scanned, failed, [{ ...issue, resolution: 'open' }]).en).toEqual([
      'failed: Time source',
      'issue still open with the manufacturer: Telnet',
    ])
  })

  it('a decommission is complete when every item but the ledger is done or not applicable and erasure is recorded', () => {
    const left = decommissionOutstanding({}, { erasureMethod: null })
    expect(left.en).toHaveLength(DECOMMISSION_ITEM_IDS.length) // 9 items + erasure method
    const items = Object.fromEntries(
      DECOMMISSION_ITEM_IDS.map((id) => [id, { done: true, notApplicable: false, note: '', doneBy: 'a', doneAt: 'x' }]),
    )
    expect(decommissionOutstanding(items, { erasureMethod: 'overwrite' }).en).toEqual([])
    expect(decommissionOutstanding(items, { erasureMethod: null }).ja).toEqual(['消去方法が記録されていません'])
  })

  it('every check and item has plain ja/en titles and how-to texts', () => {
    for (const t of [...Object.values(ACCEPTANCE_CHECKS), ...Object.values(DECOMMISSION_ITEMS)]) {
      expect(t.titleJa).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/)
      expect(t.howJa.length).toBeGreaterThan(15)
      expect(t.howEn.length).toBeGreaterThan(15)
    }
    expect(ACCEPTANCE_CHECKS.default_passwords_changed.howJa).toContain('納入業者の立会い')
    expect(DECOMMISSION_ITEMS.patient_data_erased.howJa).toContain('NIST SP 800-88')
  })
})

describe('addressOutsideQuarantine', () => {
  it('accepts addresses inside the quarantine CIDR and names the first one outside', () => {
    expect(addressOutsideQuarantine('MON', ['10.99.0.21'], '10.99.0.0/24')).toBeNull()
    expect(addressOutsideQuarantine('MON', ['10.99.0.255'], '10.99.0.0/24')).toBeNull()
    expect(addressOutsideQuarantine('MON', ['10.99.1.0'], '10.99.0.0/24')).toBe('10.99.1.0') // just past the end
    expect(addressOutsideQuarantine('MON', ['10.98.255.255'], '10.99.0.0/24')).toBe('10.98.255.255') // just before
    expect(addressOutsideQuarantine('MON', ['10.99.0.5', '10.0.0.5'], '10.99.0.0/24')).toBe('10.0.0.5')
  })

  it('refuses IPv6 against an IPv4 scope, an IPv6 just outside its prefix, and ranges or garbage as an address', () => {
    expect(addressOutsideQuarantine('MON', ['fd00::5'], '10.99.0.0/24')).toBe('fd00::5')
    // An IPv4-mapped address is the IPv4 host itself (the scanner connects to 10.99.x.5): judged as that address.
    expect(addressOutsideQuarantine('MON', ['::ffff:10.99.0.5'], '10.99.0.0/24')).toBeNull()
    expect(addressOutsideQuarantine('MON', ['::ffff:10.99.1.5'], '10.99.0.0/24')).toBe('::ffff:10.99.1.5')
    expect(addressOutsideQuarantine('MON', ['fd00::1:1'], 'fd00::/64')).toBeNull()
    expect(addressOutsideQuarantine('MON', ['fd00:0:0:1::1'], 'fd00::/64')).toBe('fd00:0:0:1::1')
    expect(addressOutsideQuarantine('MON', ['10.99.0.0/16'], '10.99.0.0/24')).toBe('10.99.0.0/16')
    expect(addressOutsideQuarantine('MON', ['10.99.0.1-10.99.9.9'], '10.99.0.0/24')).toBe('10.99.0.1-10.99.9.9')
    expect(addressOutsideQuarantine('MON', ['monitor.local'], '10.99.0.0/24')).toBe('monitor.local')
  })

  it('throws ACCEPTANCE_NO_ADDRESS for a device without an address', () => {
    try {
      addressOutsideQuarantine('MON-9', [], '10.99.0.0/24')
      expect.unreachable()
    } catch (e) {
      expect((e as MamoriError).code).toBe('ACCEPTANCE_NO_ADDRESS')
      expect((e as MamoriError).message).toContain('MON-9')
    }
  })

  it('property: an IPv4 address is allowed exactly when it lies inside the /24', () => {
    fc.assert(
      fc.property(fc.ipV4(), (ip) => {
        const inside = ip.startsWith('10.99.0.')
        expect(addressOutsideQuarantine('X', [ip], '10.99.0.0/24') === null).toBe(inside)
      }),
    )
    fc.assert(
      fc.property(fc.string(), (s) => {
        // Whatever a ledger holds as an address, the guard answers without throwing (only no address throws).
        const r = addressOutsideQuarantine('X', [s], '10.99.0.0/24')
        expect(r === null || r === s).toBe(true)
      }),
    )
  })
})
