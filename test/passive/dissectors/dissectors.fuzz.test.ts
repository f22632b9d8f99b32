/**
 * Every dissector on truncated, corrupted and random input: never a throw, never an absurd event, and bounded
 * state (a flow that cannot be read ends).
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { DecodedPacket } from '../../../src/passive/contract.js'
import { createPacketDecoder } from '../../../src/passive/decode/index.js'
import { DATAGRAM_DISSECTORS, FRAME_DISSECTORS, STREAM_DISSECTORS } from '../../../src/passive/dissectors/index.js'
import { createCaptureReader } from '../../../src/passive/readers/index.js'
import { pkt } from '../analyze/build.js'

/** Payloads of the lab capture (real protocol bytes) to mutate. */
function labPayloads(): { tcp: Uint8Array[]; udp: Uint8Array[]; l2: Uint8Array[] } {
  const out = { tcp: [] as Uint8Array[], udp: [] as Uint8Array[], l2: [] as Uint8Array[] }
  const decoder = createPacketDecoder(() => {})
  const r = createCaptureReader({
    onPacket: (p) => {
      const d = decoder.decode(p)
      if (!d) return
      if (d.l2Payload) out.l2.push(d.l2Payload.slice())
      else if (d.payload.length > 0) (d.protocol === 6 ? out.tcp : out.udp).push(d.payload.slice())
    },
    onProblem: () => {},
  })
  r.push(readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'captures', 'lab-traffic.pcap')))
  r.end()
  return out
}
const payloads = labPayloads()
const flow = { transport: 'tcp' as const, client: '10.0.0.1', clientPort: 40000, server: '10.0.0.2', serverPort: 104 }

function feedAll(bytes: Uint8Array, piece: number): void {
  for (const d of STREAM_DISSECTORS) {
    for (const dir of ['client', 'server'] as const) {
      d.detect(bytes.subarray(0, 64), dir, flow)
      const events: unknown[] = []
      const parser = d.open(flow, (e) => events.push(e), { client: null, server: null })
      for (let i = 0; i < bytes.length; i += piece)
        if (parser.data(dir, bytes.subarray(i, i + piece), { packet: 1, timeUs: 1 }, i > 0 && i % 3 === 0) === 'done')
          break
      parser.end()
      for (const e of events) expect(JSON.stringify(e).length).toBeLessThan(64 * 1024)
    }
  }
  const p: DecodedPacket = pkt({ protocol: 17, srcPort: 53, dstPort: 161, payload: bytes })
  for (const port of [53, 67, 123, 137, 161, 514, 5353, 5355])
    for (const d of DATAGRAM_DISSECTORS) {
      const q = { ...p, srcPort: port, dstPort: port }
      if (d.detect(bytes, q)) d.parse(bytes, q, () => {})
    }
  for (const d of FRAME_DISSECTORS)
    for (const [etherType, snap] of [
      [0x0806, null],
      [0x88cc, null],
      [0, 0x2000],
    ] as const) {
      const f = pkt({ ipVersion: null, l2Payload: bytes, etherType, snapProtocol: snap })
      if (d.detect(f)) d.parse(f, () => {})
    }
}

describe('dissectors never crash', () => {
  it('survives every truncation of real lab payloads', () => {
    for (const b of [...payloads.tcp, ...payloads.udp, ...payloads.l2].slice(0, 120))
      for (let cut = 0; cut <= Math.min(b.length, 200); cut += 3) feedAll(b.subarray(0, cut), 17)
  })

  it('survives byte edits of real payloads and random bytes, in random pieces', () => {
    const all = [...payloads.tcp, ...payloads.udp, ...payloads.l2]
    fc.assert(
      fc.property(
        fc.constantFrom(...all),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }),
        fc.integer({ min: 1, max: 97 }),
        (b, edits, piece) => {
          const copy = b.slice()
          for (const [at, v] of edits) if (copy.length) copy[at % copy.length] = v
          feedAll(copy, piece)
        },
      ),
      { numRuns: 300 },
    )
    fc.assert(fc.property(fc.uint8Array({ maxLength: 600 }), fc.integer({ min: 1, max: 64 }), feedAll), {
      numRuns: 300,
    })
  })
})
