import { createRequire } from 'node:module'
import ipaddr from 'ipaddr.js'
import { describe, expect, it } from 'vitest'
import { DEFAULT_LAB_PREFIX, isValidLabPrefix, LAB_HOSTS, labTopology } from './topology.js'

const ouiData: Record<string, string> = createRequire(import.meta.url)('oui-data')

describe('lab topology', () => {
  const topo = labTopology()

  it('names every namespace after the prefix and the host', () => {
    expect(topo.scanner.namespace).toBe(DEFAULT_LAB_PREFIX)
    expect(topo.hosts.map((h) => h.namespace)).toContain('mamori-lab-ct-modality')
    expect(labTopology('mlt-42').hosts.every((h) => h.namespace.startsWith('mlt-42-'))).toBe(true)
  })

  it('gives each host a unique name, MAC, IPv4, IPv6 and bridge port', () => {
    for (const key of ['name', 'mac', 'ipv4', 'ipv6', 'bridgePort', 'namespace'] as const) {
      const values = topo.hosts.map((h) => h[key])
      expect(new Set(values).size, key).toBe(values.length)
    }
    for (const h of topo.hosts) expect(h.bridgePort.length).toBeLessThanOrEqual(15)
  })

  it('puts every address inside the lab subnets and never on the scanner address', () => {
    const [net4, len4] = ipaddr.parseCIDR(topo.scanner.cidr4)
    const [net6, len6] = ipaddr.parseCIDR(topo.scanner.cidr6)
    for (const h of [...topo.hosts, topo.scanner]) {
      expect(ipaddr.parse(h.ipv4).match(net4, len4), h.ipv4).toBe(true)
      expect(ipaddr.parse(h.ipv6).match(net6, len6), h.ipv6).toBe(true)
    }
    expect(topo.hosts.map((h) => h.ipv4)).not.toContain(topo.scanner.ipv4)
  })

  it("uses real medical-vendor OUIs whose registry name matches the host's vendor", () => {
    for (const h of LAB_HOSTS) {
      const entry = ouiData[h.oui]
      expect(entry, `${h.name}: OUI ${h.oui} is not in oui-data`).toBeDefined()
      expect(entry?.split('\n')[0]).toBe(h.vendor)
      expect(h.mac.replaceAll(':', '').slice(0, 6).toUpperCase()).toBe(h.oui)
      // A unicast, globally administered MAC: bit 0 and bit 1 of the first octet clear.
      expect(Number.parseInt(h.mac.slice(0, 2), 16) & 0b11).toBe(0)
    }
  })

  it('declares a port for every planted weakness and a server for every port', () => {
    for (const h of LAB_HOSTS) {
      for (const w of h.planted) {
        expect(
          h.ports.some((p) => p.port === w.port && p.transport === w.transport),
          `${h.name}: ${w.ruleId}`,
        ).toBe(true)
      }
      expect(h.servers.length).toBeGreaterThan(0)
      expect(h.ports.length).toBeGreaterThan(0)
    }
  })

  it('plants each brief rule at least once and keeps negative controls', () => {
    const rules = new Set(LAB_HOSTS.flatMap((h) => h.planted.map((w) => w.ruleId)))
    for (const r of [
      'dicom-any-aet',
      'smbv1-enabled',
      'ftp-anonymous',
      'ftp-cleartext',
      'telnet-cleartext',
      'snmp-default-community',
      'http-admin-without-tls',
    ]) {
      expect(rules.has(r), r).toBe(true)
    }
    const clean = LAB_HOSTS.filter((h) => h.planted.length === 0).map((h) => h.name)
    expect(clean).toEqual(expect.arrayContaining(['pacs', 'file-server-smb3']))
  })

  it('rejects prefixes that cannot name a namespace', () => {
    for (const bad of ['', 'Mamori', '-lab', 'a/b', 'lab lab', 'x'.repeat(25), '../etc']) {
      expect(isValidLabPrefix(bad), bad).toBe(false)
      expect(() => labTopology(bad)).toThrow(/Invalid lab prefix/)
    }
    expect(isValidLabPrefix('mlt-12345')).toBe(true)
  })
})
