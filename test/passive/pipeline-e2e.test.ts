/**
 * The whole pipeline over hand-built pcap bytes (test/passive/frames.ts): a DHCP request and ACK, HL7 over MLLP on a
 * non-standard port with its message split in two segments that arrive out of order, an SMB1 negotiation, an FTP
 * login. Hosts, MACs, events and findings as expected.
 */
import { describe, expect, it } from 'vitest'
import { evaluateHost } from '../../src/core/discovery/rules/index.js'
import { toHostObservations } from '../../src/passive/analyze/observations.js'
import type { DhcpEvent, Hl7MessageEvent, SmbNegotiateEvent } from '../../src/passive/contract.js'
import { createPassivePipeline } from '../../src/passive/pipeline.js'
import { ethTcp4, ethUdp4, ipv4Bytes, macBytes, text } from './frames.js'

/** A classic pcap file (little-endian, microseconds, Ethernet) of these frames, one millisecond apart. */
function pcap(frames: Uint8Array[]): Uint8Array {
  const header = new Uint8Array(24)
  const h = new DataView(header.buffer)
  h.setUint32(0, 0xa1b2c3d4, true)
  h.setUint16(4, 2, true)
  h.setUint16(6, 4, true)
  h.setUint32(16, 65535, true)
  h.setUint32(20, 1, true)
  const parts: Uint8Array[] = [header]
  frames.forEach((f, i) => {
    const r = new Uint8Array(16)
    const d = new DataView(r.buffer)
    d.setUint32(0, 1_780_000_000 + Math.floor(i / 1000), true)
    d.setUint32(4, (i % 1000) * 1000, true)
    d.setUint32(8, f.length, true)
    d.setUint32(12, f.length, true)
    parts.push(r, f)
  })
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let o = 0
  for (const p of parts) {
    out.set(p, o)
    o += p.length
  }
  return out
}

const join = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let o = 0
  for (const p of parts) {
    out.set(p, o)
    o += p.length
  }
  return out
}

/** A BOOTP/DHCP message (RFC 2131) with options. */
function dhcp(o: { op: 1 | 2; mac: string; yiaddr?: string; options: [number, Uint8Array][] }): Uint8Array {
  const fixed = new Uint8Array(236)
  fixed[0] = o.op
  fixed[1] = 1
  fixed[2] = 6
  new DataView(fixed.buffer).setUint32(4, 0x1e9bd202)
  if (o.yiaddr) fixed.set(ipv4Bytes(o.yiaddr), 16)
  fixed.set(macBytes(o.mac), 28)
  const opts = o.options.flatMap(([code, value]) => [code, value.length, ...value])
  return join(fixed, new Uint8Array([99, 130, 83, 99, ...opts, 255]))
}

const PUMP_MAC = '02:00:00:00:00:07'
const SERVER_MAC = '02:00:00:00:00:01'
const GW_MAC = '02:00:00:00:00:28'
const ENGINE_MAC = '02:00:00:00:01:46'
const WS_MAC = '02:00:00:00:00:c8'
const FILER_MAC = '02:00:00:00:00:14'

/** SMB1 over NetBIOS session: a header (command, reply flag) and the rest of the message. */
function smb1(command: number, reply: boolean, body: Uint8Array): Uint8Array {
  const header = new Uint8Array(32)
  header.set([0xff, 0x53, 0x4d, 0x42, command])
  header[9] = reply ? 0x98 : 0x18
  const msg = join(header, body)
  const nb = new Uint8Array(4)
  nb[2] = msg.length >> 8
  nb[3] = msg.length & 0xff
  return join(nb, msg)
}

function capture(): Uint8Array {
  const frames: Uint8Array[] = []
  // 1–2. DHCP: the pump asks (host name, vendor class, parameter list), the server acknowledges 10.0.0.7.
  frames.push(
    ethUdp4({
      src: '0.0.0.0',
      dst: '255.255.255.255',
      srcPort: 68,
      dstPort: 67,
      srcMac: PUMP_MAC,
      dstMac: 'ff:ff:ff:ff:ff:ff',
      payload: dhcp({
        op: 1,
        mac: PUMP_MAC,
        options: [
          [53, new Uint8Array([3])],
          [50, ipv4Bytes('10.0.0.7')],
          [12, text('infusion-07')],
          [60, text('udhcp 1.36.1')],
          [55, new Uint8Array([1, 3, 6, 15])],
        ],
      }),
    }),
    ethUdp4({
      src: '10.0.0.1',
      dst: '10.0.0.7',
      srcPort: 67,
      dstPort: 68,
      srcMac: SERVER_MAC,
      dstMac: PUMP_MAC,
      payload: dhcp({ op: 2, mac: PUMP_MAC, yiaddr: '10.0.0.7', options: [[53, new Uint8Array([5])]] }),
    }),
  )
  // 3–9. HL7 over MLLP on port 6661 between two /24s; the message's second half arrives first.
  const gw = { src: '10.0.0.40', dst: '10.0.1.70', srcPort: 41000, dstPort: 6661, srcMac: GW_MAC, dstMac: ENGINE_MAC }
  const engine = {
    src: '10.0.1.70',
    dst: '10.0.0.40',
    srcPort: 6661,
    dstPort: 41000,
    srcMac: ENGINE_MAC,
    dstMac: GW_MAC,
  }
  const message = text('\x0bMSH|^~\\&|MONITOR|ICU|EMR|HOSP|20261203101500||ORU^R01|MSG0001|P|2.5\rPID|1||X\r\x1c\r')
  const ack = text('\x0bMSH|^~\\&|EMR|HOSP|MONITOR|ICU|20261203101501||ACK^R01|ACK0001|P|2.5\rMSA|AA|MSG0001\r\x1c\r')
  const half = 30
  frames.push(
    ethTcp4({ ...gw, seq: 999, flags: ['SYN'] }),
    ethTcp4({ ...engine, seq: 4999, ack: 1000, flags: ['SYN', 'ACK'] }),
    ethTcp4({ ...gw, seq: 1000, ack: 5000 }),
    ethTcp4({ ...gw, seq: 1000 + half, ack: 5000, flags: ['PSH', 'ACK'], payload: message.subarray(half) }),
    ethTcp4({ ...gw, seq: 1000, ack: 5000, flags: ['PSH', 'ACK'], payload: message.subarray(0, half) }),
    ethTcp4({ ...engine, seq: 5000, ack: 1000 + message.length, flags: ['PSH', 'ACK'], payload: ack }),
    ethTcp4({ ...gw, seq: 1000 + message.length, ack: 5000 + ack.length, flags: ['FIN', 'ACK'] }),
  )
  // 10–14. SMB1: NT LM 0.12 offered and chosen.
  const ws = { src: '10.0.0.200', dst: '10.0.0.20', srcPort: 42000, dstPort: 445, srcMac: WS_MAC, dstMac: FILER_MAC }
  const filer = { src: '10.0.0.20', dst: '10.0.0.200', srcPort: 445, dstPort: 42000, srcMac: FILER_MAC, dstMac: WS_MAC }
  const dialects = text('\x02PC NETWORK PROGRAM 1.0\x00\x02NT LM 0.12\x00')
  const request = smb1(0x72, false, join(new Uint8Array([0, dialects.length & 0xff, dialects.length >> 8]), dialects))
  const response = smb1(0x72, true, join(new Uint8Array([17, 1, 0, 0x03]), new Uint8Array(32)))
  frames.push(
    ethTcp4({ ...ws, seq: 99, flags: ['SYN'] }),
    ethTcp4({ ...filer, seq: 199, ack: 100, flags: ['SYN', 'ACK'] }),
    ethTcp4({ ...ws, seq: 100, ack: 200 }),
    ethTcp4({ ...ws, seq: 100, ack: 200, flags: ['PSH', 'ACK'], payload: request }),
    ethTcp4({ ...filer, seq: 200, ack: 100 + request.length, flags: ['PSH', 'ACK'], payload: response }),
  )
  // 15–22. FTP: greeting, USER, 331, PASS, 230.
  const c = {
    src: '10.0.0.200',
    dst: '10.0.0.30',
    srcPort: 43000,
    dstPort: 21,
    srcMac: WS_MAC,
    dstMac: '02:00:00:00:00:1e',
  }
  const s = {
    src: '10.0.0.30',
    dst: '10.0.0.200',
    srcPort: 21,
    dstPort: 43000,
    srcMac: '02:00:00:00:00:1e',
    dstMac: WS_MAC,
  }
  const lines = {
    greet: text('220 Imaging workstation FTP ready\r\n'),
    user: text('USER clinic\r\n'),
    need: text('331 Password required\r\n'),
    pass: text('PASS Secret-Pa55\r\n'),
    ok: text('230 Logged in\r\n'),
  }
  let cs = 300
  let ss = 700
  frames.push(
    ethTcp4({ ...c, seq: cs - 1, flags: ['SYN'] }),
    ethTcp4({ ...s, seq: ss - 1, ack: cs, flags: ['SYN', 'ACK'] }),
    ethTcp4({ ...c, seq: cs, ack: ss }),
  )
  const say = (from: 'c' | 's', payload: Uint8Array) => {
    if (from === 'c') {
      frames.push(ethTcp4({ ...c, seq: cs, ack: ss, flags: ['PSH', 'ACK'], payload }))
      cs += payload.length
    } else {
      frames.push(ethTcp4({ ...s, seq: ss, ack: cs, flags: ['PSH', 'ACK'], payload }))
      ss += payload.length
    }
  }
  say('s', lines.greet)
  say('c', lines.user)
  say('s', lines.need)
  say('c', lines.pass)
  say('s', lines.ok)
  return pcap(frames)
}

describe('the pipeline over hand-built pcap bytes', () => {
  const bytes = capture()
  const run = (chunk: number) => {
    const p = createPassivePipeline()
    for (let o = 0; o < bytes.length; o += chunk) p.push(bytes.subarray(o, o + chunk))
    return p.end()
  }

  it('hears hosts, MACs, names and events, whatever the chunk size', () => {
    const r = run(65536)
    expect(r.problems).toEqual([])
    const host = (a: string) => r.hosts.find((h) => h.address === a)!
    expect(host('10.0.0.7').mac).toBe(PUMP_MAC)
    expect(host('10.0.0.7').names).toEqual([{ name: 'infusion-07', source: 'dhcp' }])
    const dhcpEvent = host('10.0.0.7').events.find((e): e is DhcpEvent => e.kind === 'dhcp' && e.messageType === 3)
    expect(dhcpEvent).toMatchObject({ vendorClass: 'udhcp 1.36.1', parameterRequestList: [1, 3, 6, 15] })
    // HL7 by content on 6661, the out-of-order halves put back together.
    const hl7 = host('10.0.1.70').events.find((e): e is Hl7MessageEvent => e.kind === 'hl7-message' && !e.ack)
    expect(hl7).toMatchObject({ sendingApplication: 'MONITOR', sendingFacility: 'ICU', messageType: 'ORU^R01' })
    expect(r.conversations.find((c) => c.serverPort === 6661)?.protocol).toBe('hl7')
    const smb = host('10.0.0.20').events.find((e): e is SmbNegotiateEvent => e.kind === 'smb-negotiate')
    expect(smb).toMatchObject({ side: 'response', chosen: 'NT LM 0.12', smb1: true })
    expect(host('10.0.0.30').events.map((e) => e.kind)).toEqual(expect.arrayContaining(['banner', 'cleartext-login']))
    expect(JSON.stringify(r)).not.toContain('Secret-Pa55')
    // The same result read 7 bytes at a time.
    const small = run(7)
    expect(small.hosts).toEqual(r.hosts)
    expect(small.conversations).toEqual(r.conversations)
  })

  it('raises the same findings as a scan would, plus the passive ones', () => {
    const hosts = toHostObservations(run(4096), { label: 'hand-built.pcap', captureId: null })
    const rules = (a: string) => evaluateHost(hosts.find((h) => h.address === a)!).map((f) => f.ruleId)
    expect(rules('10.0.0.20')).toContain('smbv1-enabled')
    expect(rules('10.0.0.30')).toEqual(expect.arrayContaining(['cleartext-credentials', 'ftp-cleartext']))
    expect(rules('10.0.0.40')).toContain('hl7-crossing-segments')
    expect(rules('10.0.1.70')).toContain('hl7-crossing-segments')
    const cred = evaluateHost(hosts.find((h) => h.address === '10.0.0.30')!).find(
      (f) => f.ruleId === 'cleartext-credentials',
    )!
    expect(cred.evidence).toMatch(/packet \d+/)
    expect(cred.evidence).toContain('"clinic"')
    expect(cred.evidence).not.toContain('Secret-Pa55')
    expect(hosts.find((h) => h.address === '10.0.0.7')!.hostname).toBe('infusion-07')
  })
})
