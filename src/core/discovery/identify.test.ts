import { describe, expect, it } from 'vitest'
import { DEVICE_CATEGORIES } from '../../../api/device.js'
import { identifyHost, modelIn, type VendorLookup } from './identify.js'
import type { HostObservation, ProbeObservation, ServiceObservation } from './observation.js'

const VENDORS: Record<string, string> = {
  '00095C': 'Philips Medical Systems - Cardiac and Monitoring Systems (CM\n3000 Minuteman Road',
  '0019D1': 'Intel Corporate\nLot 8',
  '000000': 'XEROX CORPORATION',
}
const lookup: VendorLookup = (mac) => VENDORS[mac.replace(/[:.-]/g, '').toUpperCase().slice(0, 6)] ?? null

const p = (probeId: string, facts: Record<string, unknown>): ProbeObservation => ({
  probeId,
  outcome: 'observed',
  facts,
  evidence: '',
})
const s = (port: number, probes: ProbeObservation[]): ServiceObservation => ({
  port,
  transport: 'tcp',
  state: 'open',
  service: null,
  banner: null,
  probes,
})
const h = (mac: string | null, services: ServiceObservation[]): HostObservation => ({
  address: '10.1.2.3',
  mac,
  hostname: null,
  state: 'up',
  upReason: 'arp',
  services,
  complete: true,
})

interface Case {
  name: string
  host: HostObservation
  model?: string | null
  manufacturer: string | null
  category: string | null
  os: string | null
  minConfidence: number
  maxConfidence: number
  evidence: string[]
}

const CASES: Case[] = [
  {
    name: 'nothing known',
    host: h(null, []),
    manufacturer: null,
    category: null,
    os: null,
    minConfidence: 0,
    maxConfidence: 0,
    evidence: [],
  },
  {
    name: 'Philips OUI + IntelliVue title',
    host: h('00:09:5c:01:02:03', [s(80, [p('http-info', { title: 'IntelliVue Information Center', server: null })])]),
    manufacturer: 'Philips',
    category: 'patient_monitor',
    os: null,
    minConfidence: 0.7,
    maxConfidence: 1,
    evidence: ['mac-oui', 'http-title'],
  },
  {
    name: 'GE implementation UID on a dcmtk-free stack',
    host: h(null, [
      s(104, [
        p('dicom-echo', { implementationClassUid: '1.2.840.113619.6.374', implementationVersionName: 'CT_SCANNER_X' }),
      ]),
    ]),
    manufacturer: 'GE HealthCare',
    category: 'ct',
    os: null,
    minConfidence: 0.6,
    maxConfidence: 1,
    evidence: ['dicom-implementation-uid', 'dicom-version-name'],
  },
  {
    name: 'dcmtk toolkit names no manufacturer',
    host: h(null, [
      s(11112, [
        p('dicom-echo', {
          implementationClassUid: '1.2.276.0.7230010.3.0.3.6.7',
          implementationVersionName: 'OFFIS_DCMTK_367',
        }),
      ]),
    ]),
    manufacturer: null,
    model: null,
    category: 'modality_workstation',
    os: null,
    minConfidence: 0.05,
    maxConfidence: 0.2,
    evidence: ['dicom-implementation-uid', 'dicom-toolkit', 'dicom-version-name'],
  },
  {
    name: 'Intel NIC weighs little against SNMP evidence',
    host: h('00:19:d1:aa:bb:cc', [
      s(161, [
        p('snmp-community', {
          sysDescr: 'RICOH IM C3000 printer',
          sysObjectID: '1.3.6.1.4.1.367.1.1',
          sysName: 'printer-3f',
        }),
      ]),
    ]),
    manufacturer: 'Ricoh',
    model: 'C3000',
    category: 'printer',
    os: null,
    minConfidence: 0.6,
    maxConfidence: 1,
    evidence: ['mac-oui', 'snmp-sysdescr', 'snmp-sysobjectid', 'snmp-sysname'],
  },
  {
    name: 'Windows from RDP and SMB-less banner',
    host: h(null, [
      s(3389, [p('rdp-detect', { nlaRequired: true })]),
      s(80, [p('http-info', { title: null, server: 'Microsoft-IIS/7.5' })]),
    ]),
    manufacturer: null,
    category: null,
    os: 'Windows',
    minConfidence: 0.3,
    maxConfidence: 0.5,
    evidence: ['http-server', 'rdp'],
  },
  {
    name: 'Debian from the SSH banner, generic Linux from SNMP supports it',
    host: h(null, [
      s(22, [p('ssh-banner', { banner: 'SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3' })]),
      s(161, [p('snmp-community', { sysDescr: 'Linux lab 6.1.0', sysObjectID: '1.3.6.1.4.1.8072.3.2.10' })]),
    ]),
    manufacturer: null,
    category: null,
    os: 'Linux (Debian)',
    minConfidence: 0.4,
    maxConfidence: 0.5,
    evidence: ['ssh-banner', 'snmp-sysdescr'],
  },
  {
    name: 'Windows XP from the SMB NTLM version, with RDP',
    host: h(null, [
      s(445, [p('smb-negotiate', { os: 'Windows XP (build 2600)', serverName: 'CT-CONSOLE', domain: 'RAD' })]),
      s(3389, [p('rdp-detect', {})]),
    ]),
    manufacturer: null,
    category: null,
    os: 'Windows XP',
    minConfidence: 0.4,
    maxConfidence: 0.5,
    evidence: ['smb-os', 'smb-server-name', 'rdp'],
  },
  {
    name: 'Samba means Linux/Unix',
    host: h(null, [s(445, [p('smb-negotiate', { os: 'NT 6.1 build 0: Samba (Linux/Unix file sharing)' })])]),
    manufacturer: null,
    category: null,
    os: 'Linux',
    minConfidence: 0.3,
    maxConfidence: 0.5,
    evidence: ['smb-os'],
  },
  {
    name: 'Japanese title',
    host: h(null, [s(80, [p('http-info', { title: '日本光電 セントラルモニタ 設定' })])]),
    manufacturer: 'Nihon Kohden',
    category: 'central_monitor',
    os: null,
    minConfidence: 0.4,
    maxConfidence: 1,
    evidence: ['http-title'],
  },
]

describe('identifyHost', () => {
  it.each(CASES)('$name', (c) => {
    const id = identifyHost(c.host, lookup)
    expect(id.manufacturer).toBe(c.manufacturer)
    if (c.model !== undefined) expect(id.model).toBe(c.model)
    expect(id.category).toBe(c.category)
    expect(id.os).toBe(c.os)
    expect(id.confidence).toBeGreaterThanOrEqual(c.minConfidence)
    expect(id.confidence).toBeLessThanOrEqual(c.maxConfidence)
    expect(id.evidence.map((e) => e.source)).toEqual(expect.arrayContaining(c.evidence))
  })

  it.each([
    ['Central monitor network gateway CMG-100 (Mamori training lab)', 'CMG-100'],
    ['IntelliVue MX450', 'MX450'],
    ['OFFIS_DCMTK_367', null],
    ['Linux lab 6.1.0-18-amd64 #1 SMP', null],
  ])('model in %j → %s', (text, model) => {
    expect(modelIn(text)).toBe(model)
  })

  it('only suggests categories the device schema knows', () => {
    for (const c of CASES) {
      const cat = identifyHost(c.host, lookup).category
      if (cat !== null) expect(DEVICE_CATEGORIES).toContain(cat)
    }
  })

  it('survives a lookup that throws and facts of the wrong type', () => {
    const host = h('00:09:5c:01:02:03', [
      s(104, [p('dicom-echo', { implementationClassUid: 42, implementationVersionName: ['x'] })]),
    ])
    const id = identifyHost(host, () => {
      throw new Error('table missing')
    })
    expect(id.manufacturer).toBeNull()
    expect(id.category).toBe('modality_workstation')
  })

  it('conflicting manufacturers lower the confidence', () => {
    const agree = identifyHost(h('00:09:5c:01:02:03', [s(80, [p('http-info', { title: 'Philips gateway' })])]), lookup)
    const conflict = identifyHost(
      h('00:09:5c:01:02:03', [s(80, [p('http-info', { title: 'Siemens gateway' })])]),
      lookup,
    )
    expect(conflict.confidence).toBeLessThan(agree.confidence)
  })

  it('reads passive evidence (a capture): DICOM UID root and AE title, HL7 application, DHCP vendor class, NTLM', () => {
    const passive = (facts: Record<string, unknown>) => ({
      port: 0,
      transport: 'tcp' as const,
      state: 'closed' as const,
      service: 'passive',
      banner: null,
      probes: [p('passive', { capture: 'lab.pcapng', ...facts })],
    })
    const ge = identifyHost(
      h(null, [
        passive({
          dicomImplementation: { classUid: '1.2.840.113619.6.374', versionName: 'ADW_4.7' },
          aeTitles: ['CT_ROOM1'],
          dhcp: { hostName: 'ct-room1', vendorClass: 'MSFT 5.0', parameterRequestList: [1, 3, 6] },
          ntlm: { computer: 'CTCONSOLE', domain: 'RAD', osVersion: '6.1.7601' },
        }),
      ]),
      () => null,
    )
    expect(ge.manufacturer).toBe('GE HealthCare')
    expect(ge.category).toBe('ct')
    expect(ge.os).toBe('Windows 7')
    expect(ge.evidence).toEqual(
      expect.arrayContaining([
        { source: 'passive-dicom-implementation-uid', value: '1.2.840.113619.6.374' },
        { source: 'passive-dicom-ae-title', value: 'CT_ROOM1' },
        { source: 'passive-dhcp-vendor-class', value: 'MSFT 5.0' },
        { source: 'passive-ntlm-os', value: '6.1.7601 (Windows 7)' },
        { source: 'passive-ntlm-name', value: 'RAD\\CTCONSOLE' },
      ]),
    )
    const monitor = identifyHost(
      h(null, [
        passive({
          hl7Messages: [
            { role: 'sender', sendingApplication: 'Central Monitor', sendingFacility: 'ICU', peer: '10.0.0.9' },
          ],
          dhcp: { hostName: null, vendorClass: 'udhcp 1.36.1', parameterRequestList: [] },
        }),
      ]),
      () => null,
    )
    expect(monitor.category).toBe('central_monitor')
    expect(monitor.os).toBe('Linux')
    expect(monitor.evidence).toEqual(
      expect.arrayContaining([{ source: 'passive-hl7-application', value: 'Central Monitor@ICU' }]),
    )
    // A DCMTK toolkit root names no manufacturer.
    const toolkit = identifyHost(
      h(null, [passive({ dicomImplementation: { classUid: '1.2.276.0.7230010.3.0.3.6.7', versionName: null } })]),
      () => null,
    )
    expect(toolkit.manufacturer).toBeNull()
    expect(toolkit.evidence).toEqual(
      expect.arrayContaining([{ source: 'passive-dicom-toolkit', value: 'DCMTK (OFFIS)' }]),
    )
  })
})
