/**
 * ReconciliationService against in-memory ports: it compares a scan with the whole ledger (12,000 devices here, more
 * than any page), and adds a discovered host to the ledger in one step.
 */
import { describe, expect, it } from 'vitest'
import type { Scan, ScanHost } from '../../api/discovery.js'
import { buildDevice } from '../factories.js'
import { type FakePorts, newTestServices } from '../fakes/ports.js'

const engineer = { id: 'u-eng', name: 'engineer' }

function addScan(ports: FakePorts, targets: string[], hosts: Partial<ScanHost>[]): Scan {
  const scan = {
    id: `scan-${ports.discovery.scanList.length + 1}`,
    status: 'completed',
    profile: 'gentle',
    targets,
    portSpec: null,
    requestedBy: 'engineer',
    scheduleId: null,
    createdAt: '2026-04-01T09:00:00.000Z',
    startedAt: '2026-04-01T09:00:00.000Z',
    finishedAt: '2026-04-01T09:05:00.000Z',
    progress: {} as Scan['progress'],
    error: null,
  } satisfies Scan
  ports.discovery.scanList.push(scan)
  for (const [i, h] of hosts.entries())
    ports.discovery.hostList.push({
      id: `${scan.id}-host-${i}`,
      scanId: scan.id,
      address: '10.9.9.9',
      mac: null,
      hostname: null,
      state: 'up',
      deviceId: null,
      complete: true,
      identification: null,
      services: [],
      ...h,
    })
  return scan
}

describe('ReconciliationService', () => {
  it('matches a host to the last of 12,000 ledger devices and calls no registered host unknown', async () => {
    const { sut, ports } = newTestServices()
    const fields = Array.from({ length: 12_000 }, (_, i) =>
      buildDevice({
        assetTag: `BULK-${String(i).padStart(5, '0')}`,
        ipAddresses: [`10.${100 + Math.floor(i / 65536)}.${Math.floor(i / 256) % 256}.${i % 256}`],
        macAddresses: [],
        status: 'in_use',
      }),
    )
    fields[11_999] = { ...fields[11_999]!, assetTag: 'ZZ-LAST', ipAddresses: ['172.16.0.51'] }
    ports.ledger.seed(fields)
    addScan(ports, ['172.16.0.48/30'], [{ address: '172.16.0.51' }, { address: '172.16.0.50' }])

    const r = await sut.reconciliation.ofScan()
    expect(r.matched).toMatchObject([{ address: '172.16.0.51', assetTag: 'ZZ-LAST', matchedBy: 'ip' }])
    expect(r.unknownHosts.map((h) => h.address)).toEqual(['172.16.0.50'])
    expect(r.missingDevices).toEqual([])
    expect(await sut.reconciliation.unknownHostCount()).toBe(1)
  })

  it('reports in-use devices inside the targets that did not answer as missing, and none without a scan', async () => {
    const { sut, ports } = newTestServices()
    expect(await sut.reconciliation.ofScan()).toMatchObject({ scanId: null, matched: [], unknownHosts: [] })
    ports.ledger.seed([
      buildDevice({ assetTag: 'QUIET-1', ipAddresses: ['10.1.0.7'], status: 'in_use' }),
      buildDevice({ assetTag: 'ELSEWHERE', ipAddresses: ['10.2.0.7'], status: 'in_use' }),
    ])
    addScan(ports, ['10.1.0.0/24'], [])
    const r = await sut.reconciliation.ofScan()
    expect(r.missingDevices.map((d) => d.assetTag)).toEqual(['QUIET-1'])
  })

  it('adds a discovered host to the ledger linked to it, audited as a device creation', async () => {
    const { sut, ports } = newTestServices()
    addScan(ports, ['10.3.0.0/24'], [{ address: '10.3.0.9', mac: '02:00:00:00:33:09' }])
    const device = await sut.reconciliation.addHost('scan-1-host-0', { department: 'Radiology' }, engineer)
    expect(device).toMatchObject({ ipAddresses: ['10.3.0.9'], department: 'Radiology', tags: ['discovered'] })
    expect(ports.ledger.linkedHosts.get('scan-1-host-0')).toBe(device.id)
    expect(ports.audit.actions()).toEqual(['device.create'])
  })

  it('refuses a host already linked to a device (409) and leaves nothing behind when the link fails', async () => {
    const { sut, ports } = newTestServices()
    addScan(ports, ['10.4.0.0/24'], [{ address: '10.4.0.1', deviceId: 'd-1' }, { address: '10.4.0.2' }])
    await expect(sut.reconciliation.addHost('scan-1-host-0', { department: null }, engineer)).rejects.toMatchObject({
      code: 'HOST_ALREADY_IN_LEDGER',
      status: 409,
    })
    ports.ledger.failLinkOf = 'scan-1-host-1'
    await expect(sut.reconciliation.addHost('scan-1-host-1', { department: null }, engineer)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    })
    expect(ports.ledger.devices.size).toBe(0)
    expect(ports.audit.entries).toEqual([])
  })
})
