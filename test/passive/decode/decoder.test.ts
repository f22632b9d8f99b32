/**
 * Packet decoding: every link type (Ethernet, 802.1Q and QinQ, 802.3 SNAP, SLL, SLL2, NULL in both byte orders,
 * LOOP, raw IP), IPv4 options and fragments (in order, reversed, overlapping, never completing), IPv6 extension
 * headers and fragments, RFC 5952 address text, TCP/UDP fields and malformed packets with their packet number.
 */
import { describe, expect, it } from 'vitest'
import { type CaptureProblem, type DecodedPacket, LINKTYPE } from '../../../src/passive/contract.js'
import { createPacketDecoder, ipv6Text } from '../../../src/passive/decode/index.js'
import {
  capturedPacket,
  ETHERTYPE,
  ethernet,
  ethTcp4,
  ipv4,
  ipv6,
  ipv6Bytes,
  nullLoop,
  sll,
  sll2,
  snapFrame,
  tcp,
  text,
  udp,
} from '../frames.js'

function setup() {
  const problems: CaptureProblem[] = []
  const decoder = createPacketDecoder((p) => problems.push(p))
  let n = 0
  const decode = (data: Uint8Array, linkType: number = LINKTYPE.ETHERNET, timeUs?: number) =>
    decoder.decode(capturedPacket(data, { number: ++n, linkType, timeUs }))
  return { problems, decode, decoder }
}

const str = (b: Uint8Array | null | undefined) => (b ? new TextDecoder().decode(b) : null)
const SEG = tcp({ srcPort: 40000, dstPort: 104, seq: 1000, ack: 7, flags: ['PSH', 'ACK'], payload: text('hello') })
const V4 = ipv4({ src: '192.168.1.10', dst: '10.0.0.5', protocol: 6, payload: SEG, ttl: 63 })

function expectTcp(d: DecodedPacket | null) {
  expect(d).not.toBeNull()
  expect(d?.ipVersion).toBe(4)
  expect(d?.src).toBe('192.168.1.10')
  expect(d?.dst).toBe('10.0.0.5')
  expect(d?.protocol).toBe(6)
  expect(d?.srcPort).toBe(40000)
  expect(d?.dstPort).toBe(104)
  expect(d?.seq).toBe(1000)
  expect(d?.ack).toBe(7)
  expect(d?.tcpFlags).toBe(8 | 16)
  expect(str(d?.payload)).toBe('hello')
}

describe('link layers', () => {
  it('Ethernet II: MACs, EtherType, IPv4 TCP', () => {
    const { decode, problems } = setup()
    const d = decode(ethernet({ src: 'AA:BB:CC:00:11:22', dst: '02:00:00:00:00:09', etherType: 0x0800, payload: V4 }))
    expectTcp(d)
    expect(d?.srcMac).toBe('aa:bb:cc:00:11:22')
    expect(d?.dstMac).toBe('02:00:00:00:00:09')
    expect(d?.etherType).toBe(0x0800)
    expect(d?.ttl).toBe(63)
    expect(d?.vlan).toBeNull()
    expect(d?.vlans).toEqual([])
    expect(d?.l2Payload).toBeNull()
    expect(problems).toEqual([])
  })

  it('802.1Q, QinQ (0x88a8 then 0x8100) and the old 0x9100 tag: outer VLAN and all of them', () => {
    const { decode } = setup()
    const one = decode(ethernet({ vlan: 20, etherType: 0x0800, payload: V4 }))
    expectTcp(one)
    expect(one?.vlan).toBe(20)
    expect(one?.vlans).toEqual([20])
    const two = decode(ethernet({ vlans: [100, 20], etherType: 0x0800, payload: V4 }))
    expectTcp(two)
    expect(two?.vlan).toBe(100)
    expect(two?.vlans).toEqual([100, 20])
    const old = decode(
      ethernet({
        vlans: [
          { tpid: 0x9100, id: 7 },
          { tpid: 0x8100, id: 8 },
        ],
        etherType: 0x0800,
        payload: V4,
      }),
    )
    expect(old?.vlans).toEqual([7, 8])
    // The reused object is reset: the next untagged frame has no VLAN.
    const plain = decode(ethernet({ etherType: 0x0800, payload: V4 }))
    expect(plain?.vlan).toBeNull()
    expect(plain?.vlans).toEqual([])
  })

  it('non-IP frames keep the bytes after the link header (ARP, LLDP)', () => {
    const { decode } = setup()
    const arp = decode(ethernet({ etherType: ETHERTYPE.ARP, payload: new Uint8Array([0, 1, 8, 0, 6, 4]) }))
    expect(arp?.etherType).toBe(0x0806)
    expect(arp?.ipVersion).toBeNull()
    expect(arp?.src).toBe('')
    expect([...(arp?.l2Payload ?? [])]).toEqual([0, 1, 8, 0, 6, 4])
    const lldp = decode(ethernet({ vlan: 5, etherType: ETHERTYPE.LLDP, payload: new Uint8Array([2, 7, 4]) }))
    expect(lldp?.etherType).toBe(0x88cc)
    expect([...(lldp?.l2Payload ?? [])]).toEqual([2, 7, 4])
  })

  it('802.3 with LLC/SNAP: CDP (OUI 00000c, 0x2000) has snapProtocol and the bytes after SNAP', () => {
    const { decode } = setup()
    const d = decode(snapFrame({ oui: 0x00000c, protocol: 0x2000, payload: new Uint8Array([2, 180, 0, 0]) }))
    expect(d?.snapProtocol).toBe(0x2000)
    expect([...(d?.l2Payload ?? [])]).toEqual([2, 180, 0, 0])
    expect(d?.ipVersion).toBeNull()
    // SNAP with OUI 0 carries an EtherType: IPv4 inside.
    const ip = decode(snapFrame({ oui: 0, protocol: 0x0800, payload: V4 }))
    expectTcp(ip)
  })

  it('Linux SLL (113) and SLL2 (276): protocol and the sender address', () => {
    const { decode } = setup()
    const a = decode(sll({ src: '00:1b:21:aa:bb:cc', protocol: 0x0800, payload: V4 }), LINKTYPE.LINUX_SLL)
    expectTcp(a)
    expect(a?.srcMac).toBe('00:1b:21:aa:bb:cc')
    expect(a?.dstMac).toBeNull()
    const b = decode(sll2({ src: '00:1b:21:aa:bb:cd', protocol: 0x0800, payload: V4 }), LINKTYPE.LINUX_SLL2)
    expectTcp(b)
    expect(b?.srcMac).toBe('00:1b:21:aa:bb:cd')
    const arp = decode(sll2({ protocol: 0x0806, payload: new Uint8Array([9, 9]) }), LINKTYPE.LINUX_SLL2)
    expect([...(arp?.l2Payload ?? [])]).toEqual([9, 9])
  })

  it('NULL in both byte orders, LOOP, and IPv6 families 24/28/30', () => {
    const { decode } = setup()
    expectTcp(decode(nullLoop({ family: 2, littleEndian: true, payload: V4 }), LINKTYPE.NULL))
    expectTcp(decode(nullLoop({ family: 2, littleEndian: false, payload: V4 }), LINKTYPE.NULL))
    expectTcp(decode(nullLoop({ family: 2, littleEndian: false, payload: V4 }), LINKTYPE.LOOP))
    const v6 = ipv6({ src: 'fe80::1', dst: 'fe80::2', protocol: 6, payload: SEG })
    for (const family of [24, 28, 30]) {
      for (const le of [true, false]) {
        const d = decode(nullLoop({ family, littleEndian: le, payload: v6 }), LINKTYPE.NULL)
        expect(d?.ipVersion).toBe(6)
        expect(d?.src).toBe('fe80::1')
        expect(str(d?.payload)).toBe('hello')
      }
    }
  })

  it('raw IP (101, 228, 229) by the version nibble', () => {
    const { decode } = setup()
    expectTcp(decode(V4, LINKTYPE.RAW))
    expectTcp(decode(V4, LINKTYPE.IPV4))
    const d = decode(ipv6({ src: '2001:db8::1', dst: '2001:db8::2', protocol: 6, payload: SEG }), LINKTYPE.IPV6)
    expect(d?.dst).toBe('2001:db8::2')
    expect(d?.dstPort).toBe(104)
  })

  it('an unknown link type is reported once per type and still returns a packet without IP', () => {
    const { decode, problems, decoder } = setup()
    for (let i = 0; i < 3; i++) {
      const d = decode(new Uint8Array([1, 2, 3]), 147)
      expect(d).not.toBeNull()
      expect(d?.ipVersion).toBeNull()
      expect(d?.number).toBe(i + 1)
    }
    decode(new Uint8Array([1]), 148)
    expect(problems.map((p) => [p.code, p.packet, p.detail])).toEqual([
      ['unknown-link-type', 1, 'link type 147'],
      ['unknown-link-type', 4, 'link type 148'],
    ])
    expect(decoder.stats).toEqual({ packets: 4, malformed: 0, unknownLinkType: 4, fragmentsPending: 0 })
  })
})

describe('IPv4', () => {
  it('skips options (IHL > 5) and keeps the payload within the total length (Ethernet padding dropped)', () => {
    const { decode } = setup()
    const opts = new Uint8Array([0x94, 0x04, 0, 0, 1, 1, 1, 0]) // router alert + NOPs + EOL
    const packet = ipv4({ src: '192.168.1.10', dst: '10.0.0.5', protocol: 6, payload: SEG, options: opts })
    const padded = new Uint8Array(packet.length + 6)
    padded.set(packet)
    expectTcp(decode(ethernet({ etherType: 0x0800, payload: padded })))
  })

  it('total length 0 (segmentation offload) trusts the captured bytes', () => {
    const { decode } = setup()
    expectTcp(decode(ipv4({ src: '192.168.1.10', dst: '10.0.0.5', protocol: 6, payload: SEG, totalLength: 0 }), 101))
  })

  it('UDP ports and payload; ICMP payload as is', () => {
    const { decode } = setup()
    const u = decode(
      ipv4({
        src: '10.0.0.1',
        dst: '10.0.0.255',
        protocol: 17,
        payload: udp({ srcPort: 137, dstPort: 137, payload: text('nb') }),
      }),
      101,
    )
    expect([u?.protocol, u?.srcPort, u?.dstPort, str(u?.payload)]).toEqual([17, 137, 137, 'nb'])
    const icmp = decode(
      ipv4({ src: '10.0.0.1', dst: '10.0.0.2', protocol: 1, payload: new Uint8Array([8, 0, 0, 0, 1]) }),
      101,
    )
    expect([icmp?.protocol, icmp?.srcPort, [...(icmp?.payload ?? [])]]).toEqual([1, 0, [8, 0, 0, 0, 1]])
  })

  const BODY = tcp({ srcPort: 2575, dstPort: 3000, seq: 5, payload: text('0123456789abcdefghijklmnopqrstuv') })
  const frag = (off: number, len: number, more: boolean, id = 42, bytes = BODY) =>
    ipv4({
      src: '10.1.1.1',
      dst: '10.2.2.2',
      protocol: 6,
      id,
      fragOffset: off,
      moreFragments: more,
      payload: bytes.subarray(off, off + len),
    })

  it('reassembles fragments in order: null while held, the whole datagram on the last', () => {
    const { decode, problems } = setup()
    expect(decode(frag(0, 24, true), 101)).toBeNull()
    expect(decode(frag(24, 16, true), 101)).toBeNull()
    const d = decode(frag(40, 12, false), 101)
    expect(d?.number).toBe(3)
    expect(d?.srcPort).toBe(2575)
    expect(str(d?.payload)).toBe('0123456789abcdefghijklmnopqrstuv')
    expect(problems).toEqual([])
  })

  it('reassembles fragments in reverse order', () => {
    const { decode } = setup()
    expect(decode(frag(40, 12, false), 101)).toBeNull()
    expect(decode(frag(24, 16, true), 101)).toBeNull()
    const d = decode(frag(0, 24, true), 101)
    expect(str(d?.payload)).toBe('0123456789abcdefghijklmnopqrstuv')
  })

  it('overlapping fragments keep the bytes that came first', () => {
    const { decode } = setup()
    const other = tcp({ srcPort: 2575, dstPort: 3000, seq: 5, payload: text('XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX') })
    expect(decode(frag(0, 32, true), 101)).toBeNull()
    expect(decode(frag(24, 16, true, 42, other), 101)).toBeNull() // overlaps 24..32 with other bytes
    const d = decode(frag(40, 12, false), 101)
    expect(str(d?.payload)).toBe('0123456789abXXXXXXXXklmnopqrstuv') // payload 12..20 = datagram 32..40
  })

  it('keeps datagrams apart by id and drops one that never completes after 30 s of capture time', () => {
    const { decode, problems } = setup()
    const t0 = 1_780_000_000_000_000
    expect(decode(frag(0, 24, true, 1), 101, t0)).toBeNull()
    expect(decode(frag(0, 24, true, 2), 101, t0)).toBeNull()
    expect(str(decode(frag(24, 28, false, 2), 101, t0 + 1000)?.payload)).toBe('0123456789abcdefghijklmnopqrstuv')
    // 31 s later the first one is given up when the table is next touched.
    expect(decode(frag(0, 24, true, 3), 101, t0 + 31_000_000)).toBeNull()
    const dropped = problems.filter((p) => p.code === 'fragment-dropped')
    expect(dropped).toHaveLength(1)
    expect(dropped[0]?.detail).toMatch(/30 s/)
    // The late rest of datagram 1 cannot complete it any more.
    expect(decode(frag(24, 28, false, 1), 101, t0 + 31_000_001)).toBeNull()
  })

  it('bounds the datagrams waiting: beyond 1,024 the oldest are dropped with a problem', () => {
    const { decode, problems, decoder } = setup()
    for (let id = 0; id < 1100; id++) decode(frag(0, 24, true, id), 101)
    const dropped = problems.filter((p) => p.code === 'fragment-dropped')
    expect(dropped.length).toBe(1100 - 1024)
    expect(dropped[0]?.detail).toMatch(/1024/)
    expect(decoder.stats?.fragmentsPending).toBe(1024)
  })

  it('a fragment reaching beyond 64 KiB is dropped', () => {
    const { decode, problems } = setup()
    expect(decode(frag(0, 24, true, 9), 101)).toBeNull()
    const far = ipv4({
      src: '10.1.1.1',
      dst: '10.2.2.2',
      protocol: 6,
      id: 9,
      fragOffset: 65_528,
      moreFragments: false,
      payload: new Uint8Array(16),
    })
    expect(decode(far, 101)).toBeNull()
    expect(problems.map((p) => p.code)).toEqual(['fragment-dropped'])
  })
})

describe('IPv6', () => {
  it('walks hop-by-hop, routing, destination options and AH to the transport', () => {
    const { decode, problems } = setup()
    const d = decode(
      ipv6({
        src: '2001:db8:0:0:1:0:0:1',
        dst: 'ff02::1:3',
        protocol: 17,
        payload: udp({ srcPort: 5355, dstPort: 5355, payload: text('llmnr') }),
        extHeaders: [{ type: 0 }, { type: 43, body: new Uint8Array(14) }, { type: 60 }, { type: 51 }],
        hopLimit: 1,
      }),
      LINKTYPE.IPV6,
    )
    expect(problems).toEqual([])
    expect(d?.ipVersion).toBe(6)
    expect(d?.src).toBe('2001:db8::1:0:0:1')
    expect(d?.dst).toBe('ff02::1:3')
    expect(d?.ttl).toBe(1)
    expect([d?.protocol, d?.srcPort, str(d?.payload)]).toEqual([17, 5355, 'llmnr'])
  })

  it('stops at ESP and no-next-header', () => {
    const { decode } = setup()
    const esp = decode(ipv6({ src: '::1', dst: '::1', protocol: 50, payload: new Uint8Array([1, 2, 3, 4]) }), 229)
    expect([esp?.protocol, esp?.srcPort, esp?.payload.length]).toEqual([50, 0, 4])
    const none = decode(
      ipv6({ src: '::1', dst: '::1', protocol: 59, payload: new Uint8Array(0), extHeaders: [{ type: 60 }] }),
      229,
    )
    expect(none?.protocol).toBe(59)
  })

  it('reassembles fragments (any order)', () => {
    const { decode } = setup()
    const body = udp({ srcPort: 53, dstPort: 5353, payload: text('abcdefghijklmnopqrstuvwxyz012345') })
    const part = (off: number, len: number, more: boolean) =>
      ipv6({
        src: 'fe80::a',
        dst: 'fe80::b',
        protocol: 17,
        payload: body.subarray(off, off + len),
        extHeaders: [{ type: 44, fragment: { offset: off, more, id: 0xdeadbeef } }],
      })
    expect(decode(part(16, 24, false), 229)).toBeNull()
    const d = decode(part(0, 16, true), 229)
    expect([d?.protocol, d?.srcPort, d?.dstPort, str(d?.payload)]).toEqual([
      17,
      53,
      5353,
      'abcdefghijklmnopqrstuvwxyz012345',
    ])
  })

  it('after reassembly, walks the extension headers that followed the fragment header', () => {
    const { decode, problems } = setup()
    // Destination options (8 bytes, next = UDP) then UDP, fragmented after the fragment header.
    const dstOpts = new Uint8Array(8)
    dstOpts[0] = 17
    const udpPart = udp({ srcPort: 546, dstPort: 547, payload: text('dhcpv6-solicit') })
    const body = new Uint8Array(dstOpts.length + udpPart.length)
    body.set(dstOpts)
    body.set(udpPart, 8)
    const part = (off: number, len: number, more: boolean) =>
      ipv6({
        src: 'fe80::c',
        dst: 'ff02::1:2',
        protocol: 60,
        payload: body.subarray(off, off + len),
        extHeaders: [{ type: 44, fragment: { offset: off, more, id: 77 } }],
      })
    expect(decode(part(0, 16, true), 229)).toBeNull()
    const d = decode(part(16, body.length - 16, false), 229)
    expect(problems).toEqual([])
    expect([d?.protocol, d?.srcPort, d?.dstPort, str(d?.payload)]).toEqual([17, 546, 547, 'dhcpv6-solicit'])
  })

  it('writes addresses in RFC 5952 form', () => {
    const cases: [string, string][] = [
      ['2001:0db8:0000:0000:0000:0000:0000:0001', '2001:db8::1'],
      ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'], // first of two equal runs
      ['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'], // a single zero group is not compressed
      ['2001:db8:0:0:0:1:0:0', '2001:db8::1:0:0'], // longest run wins
      ['0:0:0:0:0:0:0:0', '::'],
      ['0:0:0:0:0:0:0:1', '::1'],
      ['fe80:0:0:0:0:0:0:0', 'fe80::'],
      ['FE80::ABCD:EF01', 'fe80::abcd:ef01'],
      ['::ffff:192.0.2.1', '::ffff:192.0.2.1'],
      ['1:2:3:4:5:6:7:8', '1:2:3:4:5:6:7:8'],
    ]
    for (const [input, want] of cases) expect(ipv6Text(ipv6Bytes(input), 0)).toBe(want)
  })
})

describe('malformed packets', () => {
  it('names the packet and what was short', () => {
    const { decode, problems } = setup()
    expect(decode(new Uint8Array(10))).toBeNull()
    expect(decode(ethernet({ etherType: 0x0800, payload: V4.subarray(0, 12) }))).toBeNull()
    const badTcp = V4.slice(0, 30)
    badTcp[3] = 30
    expect(decode(ethernet({ etherType: 0x0800, payload: badTcp }))).toBeNull()
    const bigOffset = ethTcp4({ src: '1.1.1.1', dst: '2.2.2.2', srcPort: 1, dstPort: 2 })
    bigOffset[14 + 20 + 12] = 0xf0 // data offset 60 in a 20-byte header
    expect(decode(bigOffset)).toBeNull()
    expect(decode(ipv6({ src: '::1', dst: '::1', protocol: 6, payload: SEG }).subarray(0, 30), 229)).toBeNull()
    expect(problems.map((p) => [p.code, p.packet])).toEqual([
      ['malformed-packet', 1],
      ['malformed-packet', 2],
      ['malformed-packet', 3],
      ['malformed-packet', 4],
      ['malformed-packet', 5],
    ])
    expect(problems[0]?.detail).toMatch(/Ethernet header needs 14 bytes, 10 captured/)
    expect(problems[1]?.detail).toMatch(/IPv4 header needs 20 bytes, 12/)
    expect(problems[2]?.detail).toMatch(/TCP header needs 20 bytes, 10/)
    expect(problems[3]?.detail).toMatch(/TCP data offset 60/)
    expect(problems[4]?.detail).toMatch(/IPv6 header needs 40 bytes, 30/)
    expect(problems.every((p) => p.severity === 'skipped' && p.offset > 0)).toBe(true)
  })
})
