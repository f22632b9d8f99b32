import { describe, expect, it } from 'vitest'
import { evaluateHost } from '../core/discovery/rules/index.js'
import { demoHospital } from './hospital.js'
import { type DemoDeviceView, demoObservations } from './observations.js'

const views = (): DemoDeviceView[] =>
  demoHospital().map((d, i) => ({
    id: `dev-${String(i).padStart(4, '0')}`,
    assetTag: d.assetTag,
    category: d.category,
    kind: d.kind,
    os: d.os,
    ipAddresses: d.ipAddresses,
    neverScan: d.neverScan,
    status: d.status,
  }))

const portsOf = (h: { services: { port: number }[] }) => h.services.map((s) => s.port).sort((a, b) => a - b)

describe('the demo hospital’s fictional scan', () => {
  const devices = views()
  const hosts = demoObservations(devices)
  const byAddress = new Map(devices.map((d) => [d.ipAddresses[0], d]))

  it('observes only networked devices that may be scanned, as a real scan would', () => {
    expect(hosts.length).toBeGreaterThan(100)
    for (const h of hosts) {
      const d = byAddress.get(h.address)!
      expect(d.neverScan).toBe(false)
      expect(d.status).not.toBe('decommissioned')
    }
    const neverScanned = devices.filter((d) => d.neverScan && d.ipAddresses.length > 0)
    expect(neverScanned.length).toBeGreaterThan(0)
    for (const d of neverScanned) expect(hosts.some((h) => h.address === d.ipAddresses[0])).toBe(false)
  })

  it('shows SMBv1 on old Windows only, and the finding rules turn it into a finding', () => {
    for (const h of hosts) {
      const d = byAddress.get(h.address)!
      const rules = evaluateHost(h, null).map((f) => f.ruleId)
      const legacy = /windows (xp|7|ce|embedded standard 7|server 2008)/i.test(d.os ?? '')
      expect(rules.includes('smbv1-enabled')).toBe(legacy)
    }
  })

  it('gives a monitor with Telnet and a printer the same open ports, so only patient impact tells them apart', () => {
    const printer = hosts.find((h) => byAddress.get(h.address)!.category === 'printer')!
    const monitor = hosts.find(
      (h) => byAddress.get(h.address)!.category.endsWith('monitor') && portsOf(h).includes(23),
    )!
    expect(portsOf(printer)).toEqual([23, 80])
    expect(portsOf(monitor)).toEqual(portsOf(printer))
  })

  it('is the same for the same ledger, whatever order the devices come in', () => {
    expect(demoObservations([...devices].reverse())).toEqual(hosts)
  })
})
