import { describe, expect, it } from 'vitest'
import { LAB_OFFLINE_DEVICE, LAB_UNREGISTERED_HOST, labLedger } from './ledger.js'
import { labTopology } from './topology.js'

describe('labLedger', () => {
  const topo = labTopology()
  const ledger = labLedger(topo)

  it('registers every lab host but one, with its MAC, address and declared ports', () => {
    expect(ledger.map((d) => d.hostname)).not.toContain(LAB_UNREGISTERED_HOST)
    const registered = topo.hosts.filter((h) => h.name !== LAB_UNREGISTERED_HOST)
    for (const h of registered) {
      const d = ledger.find((x) => x.hostname === h.name)
      expect(d?.ipAddresses).toEqual([h.ipv4])
      expect(d?.macAddresses).toEqual([h.mac.toLowerCase()])
      expect(d?.declaredPorts.length).toBeGreaterThan(0)
    }
  })

  it('adds one switched-off device outside every lab host address', () => {
    const offline = ledger.find((d) => d.assetTag === LAB_OFFLINE_DEVICE.assetTag)
    expect(offline?.ipAddresses).toEqual([LAB_OFFLINE_DEVICE.ipv4])
    expect(topo.hosts.map((h) => h.ipv4)).not.toContain(LAB_OFFLINE_DEVICE.ipv4)
  })

  it('gives unique asset tags', () => {
    expect(new Set(ledger.map((d) => d.assetTag)).size).toBe(ledger.length)
  })
})
