import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createCaptureReader } from '../../../src/passive/readers/index.js'
import { writePcap, writePcapng } from '../pcap-writer.js'

/** Runs the reader over bytes in chunks; it must never throw, and every packet it hands on lies inside the input. */
function survive(bytes: Uint8Array, chunk: number): { packets: number; fatal: number } {
  let packets = 0
  let fatal = 0
  const r = createCaptureReader({
    onPacket: (p) => {
      expect(p.data.length).toBeLessThanOrEqual(bytes.length)
      packets++
    },
    onProblem: (p) => {
      expect(p.offset).toBeGreaterThanOrEqual(0)
      expect(p.offset).toBeLessThanOrEqual(bytes.length)
      if (p.severity === 'fatal') fatal++
    },
  })
  for (let i = 0; i < bytes.length; i += chunk) r.push(bytes.subarray(i, i + chunk))
  r.end()
  return { packets, fatal }
}

const sample = (n: number) => Array.from({ length: n }, (_, i) => ({ data: new Uint8Array(20 + (i % 7) * 13).fill(i) }))
const pcap = writePcap(sample(8))
const pcapng = writePcapng(
  [{ linkType: 1 }, { linkType: 113, tsresol: 9 }],
  sample(8).map((p, i) => ({ ...p, iface: i % 2 })),
)

describe('readers never crash on truncated or corrupted input', () => {
  it('survives every truncation of a pcap and a pcapng, never inventing packets', () => {
    for (const file of [pcap, pcapng])
      for (let cut = 0; cut <= file.length; cut++) {
        const { packets } = survive(file.subarray(0, cut), 11)
        expect(packets).toBeLessThanOrEqual(8)
      }
  })

  it('survives random byte edits, random chunk sizes and random bytes', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(pcap, pcapng),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 12 }),
        fc.integer({ min: 1, max: 300 }),
        (file, edits, chunk) => {
          const bytes = file.slice()
          for (const [at, value] of edits) bytes[at % bytes.length] = value
          survive(bytes, chunk)
        },
      ),
      { numRuns: 400 },
    )
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), fc.integer({ min: 1, max: 64 }), (bytes, chunk) => {
        survive(bytes, chunk)
      }),
      { numRuns: 300 },
    )
  })

  it('keeps memory flat on a long stream: 200 MB pushed in 1 MiB chunks retain no more than a record', () => {
    const one = writePcap(Array.from({ length: 1700 }, () => ({ data: new Uint8Array(600).fill(7) })))
    const body = one.subarray(24)
    const r = createCaptureReader({ onPacket: () => {}, onProblem: (p) => expect.fail(p.detail) })
    r.push(one.subarray(0, 24))
    const before = process.memoryUsage().arrayBuffers
    let peak = 0
    for (let sent = 0; sent < 200 * 1024 * 1024; sent += body.length) {
      // Split each chunk at an odd place so records straddle pushes.
      r.push(body.subarray(0, 777))
      r.push(body.subarray(777))
      peak = Math.max(peak, process.memoryUsage().arrayBuffers - before)
    }
    r.end()
    expect(r.info.packets).toBeGreaterThan(300_000)
    // The input itself is ~1 MiB per push: what is alive at any time (the reader's one held record plus buffers
    // the garbage collector has not yet reclaimed) stays far below the 200 MB that went through.
    expect(peak).toBeLessThan(64 * 1024 * 1024)
  })
})

describe('readCapture never throws on damaged gzip', () => {
  it('ends every damaged or cut gzip stream with problems, never an exception or a hang', async () => {
    const { gzipSync } = await import('node:zlib')
    const { readCapture } = await import('../../../src/passive/readers/index.js')
    const gz = gzipSync(pcapng)
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 6 }),
        fc.integer({ min: 2, max: gz.length }),
        fc.integer({ min: 1, max: 200 }),
        async (edits, cut, chunk) => {
          const bytes = gz.slice(0, cut)
          // Keep the magic so the gzip path is taken; damage the rest.
          for (const [at, value] of edits) bytes[2 + (at % Math.max(1, bytes.length - 2))] = value
          async function* source() {
            for (let i = 0; i < bytes.length; i += chunk) yield bytes.subarray(i, i + chunk)
          }
          const codes: string[] = []
          const info = await readCapture(
            source(),
            { onPacket: () => {}, onProblem: (p) => codes.push(p.code) },
            { maxDecompressedBytes: 10_000 },
          )
          expect(info.gzip).toBe(true)
          if (cut < gz.length) expect(codes.length).toBeGreaterThan(0)
        },
      ),
      { numRuns: 150 },
    )
  })
})
