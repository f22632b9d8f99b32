import { describe, expect, it } from 'vitest'
import { buildHost } from '../../../test/factories/hosts.js'
import type { HostObservation } from './observation.js'
import { type LedgerEntry, reconcile } from './reconcile.js'

const host = (address: string, mac: string | null = null, hostname: string | null = null): HostObservation =>
  buildHost({ address, mac, hostname })
const device = (id: string, o: Partial<LedgerEntry> = {}): LedgerEntry => ({
  id,
  assetTag: id,
  department: 'ICU',
  ipAddresses: [],
  macAddresses: [],
  hostname: null,
  status: 'in_use',
  ...o,
})

describe('reconcile', () => {
  it('prefers MAC over IP, then host name, and reports unknown and missing devices', () => {
    const ledger = [
      device('moved', { ipAddresses: ['10.0.0.9'], macAddresses: ['00:09:fb:00:00:01'] }),
      device('by-ip', { ipAddresses: ['10.0.0.2'] }),
      device('by-name', { hostname: 'PACS01.hospital.local' }),
      device('silent', { ipAddresses: ['10.0.0.7'] }),
      device('elsewhere', { ipAddresses: ['192.0.2.1'] }),
      device('retired', { ipAddresses: ['10.0.0.8'], status: 'decommissioned' }),
    ]
    const hosts = [
      host('10.0.0.1', '00:09:FB:00:00:01'),
      host('10.0.0.2'),
      host('10.0.0.3', null, 'pacs01'),
      host('10.0.0.4'),
    ]
    const scanned = new Set(['10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.4', '10.0.0.7', '10.0.0.8', '10.0.0.9'])
    const r = reconcile(hosts, ledger, scanned)
    expect(r.matched).toEqual([
      { address: '10.0.0.1', deviceId: 'moved', matchedBy: 'mac' },
      { address: '10.0.0.2', deviceId: 'by-ip', matchedBy: 'ip' },
      { address: '10.0.0.3', deviceId: 'by-name', matchedBy: 'hostname' },
    ])
    expect(r.unknown.map((h) => h.address)).toEqual(['10.0.0.4'])
    expect(r.missing.map((d) => d.id)).toEqual(['silent'])
  })

  it('never matches one device to two hosts', () => {
    const r = reconcile(
      [host('10.0.0.5'), host('10.0.0.6', null, 'ws1')],
      [device('d', { ipAddresses: ['10.0.0.5'], hostname: 'ws1' })],
      new Set(),
    )
    expect(r.matched).toHaveLength(1)
    expect(r.unknown.map((h) => h.address)).toEqual(['10.0.0.6'])
  })
})
