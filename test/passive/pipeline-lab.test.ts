/**
 * End to end over the captures the project recorded from its own lab (test/fixtures/captures/README.md): bytes →
 * readers → decoder → reassembly → dissectors → analyzer → observations → the same finding rules as a scan. The
 * packet numbers are Wireshark's (checked with tshark on the fixture).
 */
import { createReadStream } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { evaluateHost } from '../../src/core/discovery/rules/index.js'
import { toHostObservations } from '../../src/passive/analyze/observations.js'
import type { PassiveResult } from '../../src/passive/contract.js'
import { analyzeCapture } from '../../src/passive/pipeline.js'

const DIR = join(import.meta.dirname, '../fixtures/captures')
const read = (name: string): Promise<PassiveResult> =>
  analyzeCapture(createReadStream(join(DIR, name), { highWaterMark: 4096 }))

/** Every lab host heard, with the MAC its own frames carry (TTL 64, no router on the lab's bridge). */
const MACS: Record<string, string> = {
  '10.77.0.10': '44:4b:5d:4d:00:0a',
  '10.77.0.11': '88:b4:36:4d:00:0b',
  '10.77.0.20': '00:06:6b:4d:00:14',
  '10.77.0.21': '20:e7:91:4d:00:15',
  '10.77.0.30': '00:09:5c:4d:00:1e',
  '10.77.0.40': '00:a0:9a:4d:00:28',
  '10.77.0.50': '00:e0:96:4d:00:32',
  '10.77.0.60': '60:f6:73:4d:00:3c',
  '10.77.0.70': '00:40:d1:4d:00:46',
  '10.77.0.200': '00:1b:21:4d:00:c8',
  // The workstation's IPv6 link-local address (its router solicitation), the same MAC.
  'fe80::21b:21ff:fe4d:c8': '00:1b:21:4d:00:c8',
}

describe('the lab capture, end to end', () => {
  it('hears every lab host with its MAC, the protocols by content, and reads the same from pcap, pcapng and gzip', async () => {
    const pcap = await read('lab-traffic.pcap')
    expect(pcap.problems).toEqual([])
    expect(Object.fromEntries(pcap.hosts.map((h) => [h.address, h.mac]))).toEqual(MACS)
    const proto = (client: string, server: string, port: number) =>
      pcap.conversations.find((c) => c.client === client && c.server === server && c.serverPort === port)?.protocol
    expect(proto('10.77.0.200', '10.77.0.10', 104)).toBe('dicom')
    expect(proto('10.77.0.10', '10.77.0.11', 11112)).toBe('dicom') // DICOM on a non-standard port, by content
    expect(proto('10.77.0.200', '10.77.0.20', 445)).toBe('smb')
    expect(proto('10.77.0.200', '10.77.0.30', 21)).toBe('ftp')
    expect(proto('10.77.0.200', '10.77.0.30', 23)).toBe('telnet')
    expect(proto('10.77.0.40', '10.77.0.70', 2575)).toBe('hl7')
    expect(proto('10.77.0.200', '10.77.0.50', 22)).toBe('ssh')
    expect(proto('10.77.0.200', '10.77.0.60', 80)).toBe('http')
    expect(proto('10.77.0.200', '10.77.0.40', 161)).toBe('snmp')
    const summary = (r: PassiveResult) => ({
      hosts: r.hosts.map((h) => [h.address, h.mac, [...h.protocols].sort(), h.events.length]),
      conversations: r.conversations.map((c) => [c.client, c.server, c.serverPort, c.protocol, c.packets]),
      events: r.stats.events,
    })
    for (const other of ['lab-traffic.pcapng', 'lab-traffic-pcapng.pcap.gz'])
      expect(summary(await read(other)), other).toEqual(summary(pcap))
  })

  it('raises the weaknesses the lab plants, with the packet numbers that show them', async () => {
    const hosts = toHostObservations(await read('lab-traffic.pcap'), { label: 'lab-traffic.pcap', captureId: null })
    const findings = (address: string) => evaluateHost(hosts.find((h) => h.address === address)!)
    const rule = (address: string, id: string) => findings(address).find((f) => f.ruleId === id)
    // SMBv1 negotiated: response in packet 68.
    expect(rule('10.77.0.20', 'smbv1-enabled')?.evidence).toContain('packet 68')
    expect(rule('10.77.0.21', 'smbv1-enabled')).toBeUndefined()
    // The CT accepted "CT_SCANNER01" (packet 14) and the wrong "ANY-SCP" (packet 34); DICOM in clear.
    const anyAet = rule('10.77.0.10', 'dicom-any-aet')
    expect(anyAet?.evidence).toContain('packet 14')
    expect(anyAet?.evidence).toContain('packet 34')
    expect(rule('10.77.0.10', 'dicom-without-tls')).toBeDefined()
    expect(rule('10.77.0.11', 'dicom-without-tls')?.detailEn).toContain('CT_SCANNER01 → PACS_ARCHIVE')
    // FTP: anonymous accepted, a named user refused; Telnet login: all in clear.
    const legacy = findings('10.77.0.30').map((f) => f.ruleId)
    expect(legacy).toEqual(
      expect.arrayContaining(['ftp-anonymous', 'ftp-cleartext', 'telnet-cleartext', 'cleartext-credentials']),
    )
    // The infusion server's admin page asks for HTTP Basic in clear; the login crossed the wire.
    expect(findings('10.77.0.60').map((f) => f.ruleId)).toEqual(
      expect.arrayContaining(['http-admin-without-tls', 'cleartext-credentials']),
    )
    for (const f of findings('10.77.0.60')) expect(f.evidence).not.toMatch(/lab-password/i)
    // SNMP v2c "public" answered by the monitor gateway (request 257, answer 258).
    expect(rule('10.77.0.40', 'snmp-default-community')?.evidence).toContain('packet 258')
  })
})
