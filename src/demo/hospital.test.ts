import { describe, expect, it } from 'vitest'
import { deviceInput } from '../../api/device.js'
import { normalizeIp, normalizeMac } from '../core/address.js'
import { demoHospital, syntheticDevices } from './hospital.js'
import { SeededRandom } from './random.js'

const REFERENCE_DAY = '2026-04-01'
const LEGACY_OS = /windows (xp|7)|server 2008|server 2012|windows ce/i

describe('demoHospital', () => {
  const devices = demoHospital()

  it('is deterministic for a seed and changes with the seed', () => {
    expect(demoHospital()).toEqual(devices)
    expect(demoHospital({ seed: 7 })).not.toEqual(devices)
  })

  it('has about 300 devices, each a valid ledger record unchanged by parsing', () => {
    expect(devices.length).toBeGreaterThanOrEqual(280)
    expect(devices.length).toBeLessThanOrEqual(340)
    for (const d of devices) expect(deviceInput.parse(d)).toEqual(d)
  })

  it('gives every device a unique asset tag, serial number, host name, IP and MAC', () => {
    const unique = (values: (string | null)[]) => {
      const present = values.filter((v): v is string => v !== null)
      expect(new Set(present).size).toBe(present.length)
      return present
    }
    expect(unique(devices.map((d) => d.assetTag))).toHaveLength(devices.length)
    expect(unique(devices.map((d) => d.serialNumber))).toHaveLength(devices.length)
    unique(devices.map((d) => d.hostname))
    const ips = unique(devices.flatMap((d) => d.ipAddresses))
    const macs = unique(devices.flatMap((d) => d.macAddresses))
    expect(ips.length).toBeGreaterThan(150)
    // Stored in the ledger's canonical forms, so imports and scans match them without conversion.
    for (const ip of ips) expect(normalizeIp(ip)).toBe(ip)
    for (const mac of macs) expect(normalizeMac(mac)).toBe(mac)
    for (const tag of devices.map((d) => d.assetTag)) expect(tag).toMatch(/^(ME|IT)-[A-Z0-9]+-\d{4}$/)
  })

  it('mixes modern and legacy systems, with some past service life and support end', () => {
    const legacy = devices.filter((d) => LEGACY_OS.test(`${d.os} ${d.osVersion}`))
    expect(legacy.length).toBeGreaterThanOrEqual(20)
    expect(devices.some((d) => d.os?.includes('Windows XP'))).toBe(true)
    expect(devices.some((d) => d.os?.includes('Windows 11'))).toBe(true)
    const pastLife = devices.filter((d) => d.serviceLifeEnd !== null && d.serviceLifeEnd < REFERENCE_DAY)
    const pastSupport = devices.filter((d) => d.supportEnd !== null && d.supportEnd < REFERENCE_DAY)
    expect(pastLife.length).toBeGreaterThanOrEqual(30)
    expect(pastLife.length).toBeLessThan(devices.length / 2)
    expect(pastSupport.length).toBeGreaterThanOrEqual(20)
  })

  it('covers the wards, kinds, connection types and proximity levels a hospital has', () => {
    const departments = new Set(devices.map((d) => d.department))
    for (const dep of ['ICU（集中治療室）', '放射線部', '臨床検査部', '透析室', '手術部', '医療情報部']) {
      expect(departments).toContain(dep)
    }
    expect(new Set(devices.map((d) => d.kind))).toEqual(
      new Set(['medical_device', 'server', 'pc', 'network_device', 'other']),
    )
    const connections = new Set(devices.flatMap((d) => d.connectionTypes))
    for (const c of ['wired', 'wifi', 'bluetooth', 'usb_media', 'remote_maintenance', 'cellular'] as const) {
      expect(connections).toContain(c)
    }
    expect(new Set(devices.map((d) => d.usageEnvironment)).size).toBe(3)
    expect(new Set(devices.map((d) => d.patientProximity)).size).toBeGreaterThanOrEqual(4)
    expect(new Set(devices.map((d) => d.status))).toEqual(new Set(['in_use', 'in_storage', 'decommissioned']))
  })

  it('never scans some life-support devices and declares DICOM ports on modalities', () => {
    const ventilators = devices.filter((d) => d.category === 'ventilator')
    expect(ventilators.every((d) => d.lifeCritical)).toBe(true)
    expect(ventilators.some((d) => d.neverScan)).toBe(true)
    for (const d of devices.filter((x) => x.category === 'ct' || x.category === 'mri' || x.category === 'pacs')) {
      expect(d.declaredPorts).toContain(104)
    }
    // Devices without an IP address carry no network segment either.
    for (const d of devices.filter((x) => x.ipAddresses.length === 0)) {
      expect(d.vlan).toBeNull()
      expect(d.hostname).toBeNull()
    }
  })

  it('uses only invented vendors with reserved example domains', () => {
    for (const d of devices) expect(d.vendorContact ?? '').toMatch(/@[a-z0-9-]+\.example$/)
  })
})

describe('syntheticDevices', () => {
  it('yields the requested number of valid, unique devices, deterministically', () => {
    const a = [...syntheticDevices(3000, 5)]
    expect(a).toHaveLength(3000)
    expect([...syntheticDevices(3000, 5)]).toEqual(a)
    for (const d of a.slice(0, 500)) expect(deviceInput.parse(d)).toEqual(d)
    const tags = new Set(a.map((d) => d.assetTag))
    const ips = a.flatMap((d) => d.ipAddresses)
    const macs = a.flatMap((d) => d.macAddresses)
    expect(tags.size).toBe(a.length)
    expect(new Set(ips).size).toBe(ips.length)
    expect(new Set(macs).size).toBe(macs.length)
    for (const ip of ips.slice(0, 500)) expect(normalizeIp(ip)).toBe(ip)
  })
})

describe('SeededRandom', () => {
  it('repeats its sequence for a seed and stays within bounds', () => {
    const a = new SeededRandom(99)
    const b = new SeededRandom(99)
    for (let i = 0; i < 1000; i++) {
      const x = a.int(3, 9)
      expect(x).toBe(b.int(3, 9))
      expect(x).toBeGreaterThanOrEqual(3)
      expect(x).toBeLessThanOrEqual(9)
    }
    expect(() => a.pick([])).toThrow(/empty/)
  })
})
