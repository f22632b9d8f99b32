import { describe, expect, it } from 'vitest'
import { buildHost } from '../../../test/factories/hosts.js'
import { buildService } from '../../../test/factories/observations.js'
import { computeDrift } from './drift.js'
import type { HostObservation, ServiceObservation } from './observation.js'

const svc = buildService
function host(address: string, services: ServiceObservation[], over: Partial<HostObservation> = {}): HostObservation {
  return buildHost({ address, services, ...over })
}

describe('computeDrift', () => {
  it('finds new and vanished hosts with their ports', () => {
    const d = computeDrift([host('10.0.0.1', [svc(22)])], [host('10.0.0.2', [svc(104, { service: 'dicom' })])])
    expect(d.newHosts).toEqual(['10.0.0.2'])
    expect(d.vanishedHosts).toEqual(['10.0.0.1'])
    expect(d.openedPorts).toEqual([{ address: '10.0.0.2', port: 104, transport: 'tcp', service: 'dicom' }])
    expect(d.closedPorts).toEqual([{ address: '10.0.0.1', port: 22, transport: 'tcp', service: null }])
  })

  it('finds opened and closed ports on a known host; filtered is not open', () => {
    const d = computeDrift(
      [host('10.0.0.1', [svc(22), svc(80)])],
      [host('10.0.0.1', [svc(22), svc(80, { state: 'filtered' }), svc(23)])],
    )
    expect(d.openedPorts.map((p) => p.port)).toEqual([23])
    expect(d.closedPorts.map((p) => p.port)).toEqual([80])
    expect(d.newHosts).toEqual([])
  })

  it('reports changed banners, MACs and probe facts, ignoring key order', () => {
    const before = host(
      '10.0.0.1',
      [
        svc(22, {
          banner: 'SSH-2.0-OpenSSH_7.4',
          probes: [{ probeId: 'ssh-banner', outcome: 'observed', facts: { a: 1, b: 2 }, evidence: '' }],
        }),
        svc(104, { probes: [{ probeId: 'dicom-echo', outcome: 'observed', facts: { v: 'X' }, evidence: '' }] }),
      ],
      { mac: '00:11:22:33:44:55' },
    )
    const after = host(
      '10.0.0.1',
      [
        svc(22, {
          banner: 'SSH-2.0-OpenSSH_9.2',
          probes: [{ probeId: 'ssh-banner', outcome: 'observed', facts: { b: 2, a: 1 }, evidence: '' }],
        }),
        svc(104, { probes: [{ probeId: 'dicom-echo', outcome: 'observed', facts: { v: 'Y' }, evidence: '' }] }),
      ],
      { mac: '00:11:22:33:44:66' },
    )
    const d = computeDrift([before], [after])
    expect(d.changedFingerprints.map((c) => [c.field, c.port, c.before, c.after])).toEqual([
      ['mac', null, '00:11:22:33:44:55', '00:11:22:33:44:66'],
      ['banner', 22, 'SSH-2.0-OpenSSH_7.4', 'SSH-2.0-OpenSSH_9.2'],
      ['probe:dicom-echo', 104, '{"v":"X"}', '{"v":"Y"}'],
    ])
  })

  it('does not call ports closed or hosts vanished when the newer observation is incomplete', () => {
    const d = computeDrift(
      [host('10.0.0.1', [svc(22), svc(80)]), host('10.0.0.2', [svc(22)])],
      [host('10.0.0.1', [svc(22)], { complete: false }), host('10.0.0.2', [], { state: 'down', complete: false })],
    )
    expect(d.closedPorts).toEqual([])
    expect(d.vanishedHosts).toEqual([])
    expect(d.partialHosts).toEqual(['10.0.0.1', '10.0.0.2'])
  })

  it('no change, no drift', () => {
    const h = [host('10.0.0.1', [svc(22, { banner: 'x' })])]
    expect(computeDrift(h, h)).toEqual({
      newHosts: [],
      vanishedHosts: [],
      openedPorts: [],
      closedPorts: [],
      changedFingerprints: [],
      partialHosts: [],
    })
  })
})
