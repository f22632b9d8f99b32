import { describe, expect, it } from 'vitest'
import { compareDeclaredObserved, comparisonFindings } from '../../src/core/disclosures/compare.js'
import type { DeclaredPort, ObservedService } from '../../src/core/disclosures/disclosure.js'

const declared = (port: number, over: Partial<DeclaredPort> = {}): DeclaredPort => ({
  port,
  transport: 'tcp',
  direction: 'in',
  service: null,
  purpose: null,
  tls: null,
  ...over,
})
const seen = (port: number, over: Partial<ObservedService> = {}): ObservedService => ({
  address: '10.1.2.3',
  port,
  transport: 'tcp',
  service: null,
  tls: null,
  lastSeenAt: '2026-11-30T01:00:00.000Z',
  ...over,
})
const statuses = (d: DeclaredPort[], o: ObservedService[]) =>
  compareDeclaredObserved(d, o).map((r) => `${r.port}/${r.transport}:${r.status}`)

describe('compareDeclaredObserved', () => {
  it('marks each port declared-seen, declared-unseen or undeclared-open, sorted by port then transport', () => {
    expect(
      statuses(
        [declared(2575, { service: 'HL7' }), declared(104, { service: 'DICOM' }), declared(161, { transport: 'udp' })],
        [seen(104), seen(8080), seen(161, { transport: 'udp' }), seen(161)],
      ),
    ).toEqual([
      '104/tcp:declared-seen',
      '161/tcp:undeclared-open',
      '161/udp:declared-seen',
      '2575/tcp:declared-unseen',
      '8080/tcp:undeclared-open',
    ])
  })

  it.each([
    ['tls false on a TLS port', { tls: false }, 'cleartext-where-tls'],
    ['http without TLS on a TLS port', { service: 'http' }, 'cleartext-where-tls'],
    ['telnet, tls unknown', { service: 'telnet', tls: null }, 'cleartext-where-tls'],
    ['https seen with TLS', { service: 'https', tls: true }, 'declared-seen'],
    ['a port-number guess of http, but TLS seen', { service: 'http', tls: true }, 'declared-seen'],
    ['tls unknown, unknown service', { tls: null }, 'declared-seen'],
  ] as const)('%s → %s', (_name, over, status) => {
    expect(statuses([declared(443, { tls: true })], [seen(443, over)])).toEqual([`443/tcp:${status}`])
  })

  it('does not call cleartext a weakness where the manufacturer declared cleartext or said nothing', () => {
    expect(statuses([declared(80, { tls: false })], [seen(80, { service: 'http', tls: false })])).toEqual([
      '80/tcp:declared-seen',
    ])
    expect(statuses([declared(80)], [seen(80, { service: 'http' })])).toEqual(['80/tcp:declared-seen'])
  })

  it('treats a port declared only as outbound as not covering a listening port', () => {
    const rows = compareDeclaredObserved([declared(104, { direction: 'out' })], [seen(104)])
    expect(rows).toMatchObject([{ port: 104, status: 'undeclared-open', declared: { direction: 'out' } }])
    expect(statuses([declared(104, { direction: 'out' })], [])).toEqual(['104/tcp:declared-unseen'])
    // Declared both ways: the listening declaration wins.
    expect(statuses([declared(104, { direction: 'out' }), declared(104, { direction: 'both' })], [seen(104)])).toEqual([
      '104/tcp:declared-seen',
    ])
  })

  it('keeps tcp and udp apart and groups the addresses a port was seen on', () => {
    const rows = compareDeclaredObserved(
      [declared(53, { transport: 'udp' })],
      [seen(53, { address: '10.1.2.9' }), seen(53, { address: '10.1.2.3' })],
    )
    expect(rows).toMatchObject([
      { port: 53, transport: 'tcp', status: 'undeclared-open' },
      { port: 53, transport: 'udp', status: 'declared-unseen', observed: [] },
    ])
    expect(rows[0]!.observed.map((o) => o.address)).toEqual(['10.1.2.3', '10.1.2.9'])
  })

  it('handles empty declarations and empty observations', () => {
    expect(compareDeclaredObserved([], [])).toEqual([])
    expect(statuses([], [seen(22)])).toEqual(['22/tcp:undeclared-open'])
    expect(statuses([declared(22)], [])).toEqual(['22/tcp:declared-unseen'])
  })
})

describe('comparisonFindings', () => {
  const device = { id: 'dev-7', siteId: 'site-1' }
  const rows = compareDeclaredObserved(
    [declared(443, { tls: true, service: 'HTTPS' }), declared(104), declared(2575)],
    [seen(443, { service: 'http', tls: false }), seen(104), seen(23, { service: 'telnet' })],
  )
  const items = comparisonFindings(rows, device, 'Example SP-2000')

  it('gives undeclared open ports (medium) and cleartext where TLS was declared (high); nothing for declared ports', () => {
    expect(items.map((i) => [i.draft.ruleId, i.draft.severity, i.draft.port])).toEqual([
      ['undeclared-open-port', 'medium', 23],
      ['cleartext-where-tls-declared', 'high', 443],
    ])
  })

  it('keys each finding by device, rule and port, and says where it was seen', () => {
    expect(items.map((i) => i.key)).toEqual([
      'dev-7|undeclared-open-port|23/tcp',
      'dev-7|cleartext-where-tls-declared|443/tcp',
    ])
    for (const i of items) {
      expect(i).toMatchObject({ deviceId: 'dev-7', siteId: 'site-1' })
      expect(i.draft.address).toBe('10.1.2.3')
      expect(i.draft.titleJa).toMatch(/[\u3040-\u30ff]/)
      expect(i.draft.detailEn).toContain('Example SP-2000')
    }
    expect(items[1]!.draft.evidence).toContain('declared: 443/tcp (HTTPS) in, TLS')
    expect(items[0]!.draft.evidence).toContain("not in Example SP-2000's port list")
  })

  it('finds nothing when everything is as declared', () => {
    expect(comparisonFindings(compareDeclaredObserved([declared(104)], [seen(104)]), device, 'X')).toEqual([])
  })
})
