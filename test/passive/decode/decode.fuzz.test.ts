/**
 * Fuzz: random bytes, truncated and bit-flipped real frames under every link type never throw, and every problem is
 * located; reassembly under a flood of random segments keeps its held bytes within maxPendingBytes per direction
 * and its flows within maxFlows (read through the reassembler's counters, not timing).
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { type CaptureProblem, LINKTYPE, type StreamSink } from '../../../src/passive/contract.js'
import { createPacketDecoder, ipv6Text } from '../../../src/passive/decode/index.js'
import { createTcpReassembler } from '../../../src/passive/decode/tcp-reassembly.js'
import {
  capturedPacket,
  ETHERTYPE,
  ethernet,
  ipv4,
  ipv6,
  nullLoop,
  sll,
  sll2,
  snapFrame,
  tcp,
  text,
  udp,
} from '../frames.js'

const LINK_TYPES = [...Object.values(LINKTYPE), 147]

const seg = tcp({ srcPort: 1234, dstPort: 104, seq: 1, flags: ['PSH', 'ACK'], payload: text('payload bytes') })
const v4 = ipv4({ src: '10.0.0.1', dst: '10.0.0.2', protocol: 6, payload: seg, options: new Uint8Array([1, 1, 1, 0]) })
const v4frag = ipv4({
  src: '10.0.0.1',
  dst: '10.0.0.2',
  protocol: 17,
  payload: udp({ srcPort: 1, dstPort: 2, payload: text('abcdefgh') }),
  id: 3,
  moreFragments: true,
})
const v6 = ipv6({
  src: '2001:db8::1',
  dst: 'fe80::2',
  protocol: 6,
  payload: seg,
  extHeaders: [{ type: 0 }, { type: 43 }, { type: 44, fragment: { offset: 0, more: false, id: 5 } }, { type: 51 }],
})
/** Real frames, with the link type they belong to. */
const SEEDS: [Uint8Array, number][] = [
  [ethernet({ vlans: [10, 20], etherType: ETHERTYPE.IPV4, payload: v4 }), LINKTYPE.ETHERNET],
  [ethernet({ etherType: ETHERTYPE.IPV6, payload: v6 }), LINKTYPE.ETHERNET],
  [ethernet({ etherType: ETHERTYPE.IPV4, payload: v4frag }), LINKTYPE.ETHERNET],
  [snapFrame({ oui: 0x00000c, protocol: 0x2000, payload: new Uint8Array(20) }), LINKTYPE.ETHERNET],
  [sll({ protocol: 0x86dd, payload: v6 }), LINKTYPE.LINUX_SLL],
  [sll2({ protocol: 0x0800, payload: v4 }), LINKTYPE.LINUX_SLL2],
  [nullLoop({ family: 30, payload: v6 }), LINKTYPE.NULL],
  [v4, LINKTYPE.RAW],
  [v6, LINKTYPE.IPV6],
]

function decoderWithChecks() {
  const problems: CaptureProblem[] = []
  const decoder = createPacketDecoder((p) => problems.push(p))
  return { decoder, problems }
}

describe('decoder fuzz', () => {
  it('IPv6 text agrees with the WHATWG URL serializer (RFC 5952) on random addresses with zero runs', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constant(0), fc.constant(0), fc.nat(0xffff)), { minLength: 8, maxLength: 8 }),
        (groups) => {
          const b = new Uint8Array(16)
          groups.forEach((g, i) => {
            b[2 * i] = g >> 8
            b[2 * i + 1] = g & 0xff
          })
          const mapped = groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff
          if (mapped) return // RFC 5952 §5 writes these dotted; WHATWG does not
          const hex = groups.map((g) => g.toString(16)).join(':')
          expect(ipv6Text(b, 0)).toBe(new URL(`http://[${hex}]/`).hostname.slice(1, -1))
        },
      ),
      { numRuns: 5000, seed: 52 },
    )
  })

  it('random bytes under any link type never throw', () => {
    const { decoder, problems } = decoderWithChecks()
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 200 }),
        fc.constantFrom(...LINK_TYPES),
        fc.nat(1000),
        (data, linkType, n) => {
          const d = decoder.decode(capturedPacket(data, { number: n + 1, linkType }))
          if (d) {
            expect(d.payload.byteLength).toBeLessThanOrEqual(65_535)
            expect(typeof d.src).toBe('string')
          }
        },
      ),
      { numRuns: 3000, seed: 12 },
    )
    expect(problems.every((p) => p.packet !== null && p.detail.length > 0)).toBe(true)
  })

  it('every truncation of real frames never throws, and a cut frame is reported, not decoded past its end', () => {
    const { decoder, problems } = decoderWithChecks()
    for (const [frame, linkType] of SEEDS) {
      for (let len = 0; len <= frame.length; len++) {
        const cut = frame.slice(0, len)
        const d = decoder.decode(capturedPacket(cut, { linkType }))
        // A view into the cut frame never reaches past what was captured.
        if (d && d.payload.buffer === cut.buffer)
          expect(d.payload.byteOffset + d.payload.length).toBeLessThanOrEqual(len)
        if (d?.l2Payload) expect(d.l2Payload.byteOffset + d.l2Payload.length).toBeLessThanOrEqual(len)
      }
    }
    expect(problems.some((p) => p.code === 'malformed-packet')).toBe(true)
  })

  it('bit flips and byte changes in real frames never throw', () => {
    const { decoder } = decoderWithChecks()
    fc.assert(
      fc.property(
        fc.constantFrom(...SEEDS),
        fc.array(fc.tuple(fc.nat(), fc.nat(255)), { minLength: 1, maxLength: 6 }),
        ([frame, linkType], edits) => {
          const b = frame.slice()
          for (const [at, v] of edits) b[at % b.length] = v
          decoder.decode(capturedPacket(b, { linkType }))
        },
      ),
      { numRuns: 3000, seed: 34 },
    )
  })

  it('a flood of random fragments keeps at most 1,024 datagrams waiting', () => {
    const { decoder, problems } = decoderWithChecks()
    const rnd = fc.sample(fc.tuple(fc.nat(0xffff), fc.nat(8000), fc.boolean(), fc.nat(0x3fff)), {
      numRuns: 5000,
      seed: 5,
    })
    for (const [id, off, more, src] of rnd) {
      const frame = ipv4({
        src: `10.0.${src >> 8}.${src & 0xff}`,
        dst: '10.9.9.9',
        protocol: 17,
        id,
        fragOffset: off * 8,
        moreFragments: more,
        payload: new Uint8Array(16),
      })
      decoder.decode(capturedPacket(frame, { linkType: LINKTYPE.RAW }))
    }
    expect(problems.filter((p) => p.code === 'fragment-dropped').length).toBeGreaterThan(5000 - 1024 - 1000)
    expect(decoder.stats?.fragmentsPending).toBeLessThanOrEqual(1024)
    expect(decoder.stats?.packets).toBe(5000)
  })
})

describe('reassembly fuzz', () => {
  it('under a flood of random segments, held bytes stay within the limits and nothing throws', () => {
    const limits = { maxFlows: 16, maxPendingBytes: 4096, maxStreamBytes: 64 * 1024, idleUs: 1_000_000 }
    const sink: StreamSink = {
      open: () => true,
      data: (_f, _d, bytes) => {
        expect(bytes.length).toBeGreaterThan(0)
      },
      close: () => {},
    }
    const problems: CaptureProblem[] = []
    const decoder = createPacketDecoder((p) => problems.push(p))
    const r = createTcpReassembler(sink, (p) => problems.push(p), limits)
    let maxPending = 0
    let maxFlows = 0
    const segments = fc.sample(
      fc.record({
        client: fc.nat(40),
        toServer: fc.boolean(),
        seq: fc.oneof(fc.nat(0xffffffff), fc.nat(20_000)),
        flags: fc.constantFrom(0x10, 0x18, 0x02, 0x12, 0x11, 0x04, 0x19),
        len: fc.nat(1400),
        dt: fc.nat(50_000),
      }),
      { numRuns: 20_000, seed: 99 },
    )
    let now = 1_780_000_000_000_000
    let n = 0
    const payloads = Array.from({ length: 1401 }, (_, i) => new Uint8Array(i).fill(i & 0xff))
    for (const s of segments) {
      now += s.dt
      const a = { ip: `10.1.0.${s.client}`, port: 40000 + s.client }
      const b = { ip: '10.2.0.1', port: 2575 }
      const [src, dst] = s.toServer ? [a, b] : [b, a]
      const frame = ipv4({
        src: src.ip,
        dst: dst.ip,
        protocol: 6,
        payload: tcp({ srcPort: src.port, dstPort: dst.port, seq: s.seq, flags: s.flags, payload: payloads[s.len] }),
      })
      const d = decoder.decode(capturedPacket(frame, { number: ++n, timeUs: now, linkType: LINKTYPE.RAW }))
      if (d) r.packet(d)
      maxPending = Math.max(maxPending, r.pendingBytes ?? 0)
      maxFlows = Math.max(maxFlows, r.openFlows)
    }
    // Per direction at most the limit (a segment that tips it over is drained at once).
    expect(maxPending).toBeLessThanOrEqual(limits.maxFlows * 2 * limits.maxPendingBytes)
    expect(maxPending).toBeGreaterThan(0) // the flood did exercise out-of-order holding
    expect(maxFlows).toBeLessThanOrEqual(limits.maxFlows)
    expect(problems.some((p) => p.code === 'flow-table-full')).toBe(true)
    r.flush()
    expect(r.pendingBytes).toBe(0)
    expect(r.openFlows).toBe(0)
  })

  it('held bytes over all flows stay within maxTotalPendingBytes (plus one direction’s own limit)', () => {
    const limits = { maxFlows: 1000, maxPendingBytes: 64 * 1024, maxTotalPendingBytes: 100_000 }
    const problems: CaptureProblem[] = []
    const decoder = createPacketDecoder((p) => problems.push(p))
    const r = createTcpReassembler({ open: () => true, data: () => {}, close: () => {} }, () => {}, limits)
    let maxPending = 0
    const payload = new Uint8Array(1000)
    for (let i = 0; i < 20_000; i++) {
      const c = i % 500
      // Each flow starts at seq 1 then only ever sends ahead of a hole: everything is held.
      const seq = i < 500 ? 1 : 100_000 + i * 1000
      const frame = ipv4({
        src: `10.3.${c >> 8}.${c & 0xff}`,
        dst: '10.4.0.1',
        protocol: 6,
        payload: tcp({ srcPort: 30000 + c, dstPort: 2575, seq, payload }),
      })
      const d = decoder.decode(capturedPacket(frame, { number: i + 1, linkType: LINKTYPE.RAW }))
      if (d) r.packet(d)
      maxPending = Math.max(maxPending, r.pendingBytes ?? 0)
    }
    expect(maxPending).toBeGreaterThan(50_000)
    expect(maxPending).toBeLessThanOrEqual(limits.maxTotalPendingBytes + limits.maxPendingBytes)
    expect(problems).toEqual([])
  })
})
