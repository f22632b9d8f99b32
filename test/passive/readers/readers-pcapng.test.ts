import { gzipSync } from 'node:zlib'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { CapturedPacket, CaptureProblem } from '../../../src/passive/contract.js'
import { MAX_PROBLEMS_PER_CODE } from '../../../src/passive/contract.js'
import { createCaptureReader, readCapture } from '../../../src/passive/readers/index.js'
import { writePcap, writePcapng } from '../pcap-writer.js'

/** Reads bytes pushed in the given chunk sizes (cycled); copies every packet's bytes as the view dies after the call. */
function read(bytes: Uint8Array, sizes: number[] = [bytes.length]) {
  const packets: (Omit<CapturedPacket, 'data'> & { bytes: number[] })[] = []
  const problems: CaptureProblem[] = []
  const r = createCaptureReader({
    onPacket: ({ data, ...rest }) => packets.push({ ...rest, bytes: [...data] }),
    onProblem: (p) => problems.push(p),
  })
  let k = 0
  for (let i = 0; i < bytes.length; k++) {
    const size = Math.max(1, sizes[k % sizes.length] ?? 1)
    r.push(bytes.subarray(i, i + size))
    i += size
  }
  r.end()
  return { packets, problems, info: r.info }
}

const T = 1_764_750_000_000_000
const a = Uint8Array.of(1, 2, 3, 4, 5)
const b = new Uint8Array(41).fill(0xbb)
const dv = (u: Uint8Array) => new DataView(u.buffer, u.byteOffset, u.byteLength)

/** Two sections: little-endian (Ethernet, with an OPB) then big-endian (SLL2 with a 100 s if_tsoffset, and raw IP). */
const sectionOne = writePcapng(
  [{ linkType: 1, name: 'span0' }],
  [
    { data: a, timeUs: T },
    { data: b, timeUs: T + 1, obsolete: true },
  ],
  { littleEndian: true },
)
const sectionTwo = writePcapng(
  [{ linkType: 276, tsoffset: 100, tsresol: 9 }, { linkType: 101 }],
  [
    { data: b, iface: 0, timeUs: T + 2_000_000 },
    { data: a, iface: 1, timeUs: T + 3 },
  ],
  { littleEndian: false },
)
const twoSections = new Uint8Array([...sectionOne, ...sectionTwo])

describe('pcapng sections, obsolete packet blocks and timestamp options', () => {
  it('switches byte order and interfaces at each section header', () => {
    const { packets, problems, info } = read(twoSections)
    expect(problems).toEqual([])
    expect(info.format).toBe('pcapng')
    expect(info.linkTypes).toEqual([1, 276, 101])
    expect(info.bytes).toBe(twoSections.length)
    // Interface ids run over the whole file, as Wireshark numbers them.
    expect(info.interfaces.map((i) => [i.id, i.linkType, i.name])).toEqual([
      [0, 1, 'span0'],
      [1, 276, null],
      [2, 101, null],
    ])
    expect(packets.map((p) => [p.number, p.interfaceId, p.linkType, p.bytes.length])).toEqual([
      [1, 0, 1, 5],
      [2, 0, 1, 41],
      [3, 1, 276, 41],
      [4, 2, 101, 5],
    ])
    // if_tsoffset (100 s) is added back: the written times come out whole.
    expect(packets.map((p) => p.timeUs)).toEqual([T, T + 1, T + 2_000_000, T + 3])
    // SHB 28, IDB with if_tsresol and if_tsoffset 44, IDB 20.
    expect(packets[2]?.offset).toBe(sectionOne.length + 28 + 44 + 20)
  })

  it('gives a simple packet block (no timestamp of its own) the previous packet time, and its original length', () => {
    const file = writePcapng(
      // An SPB's captured length is min(original length, the interface's snap length): the block's padding is not data.
      [{ linkType: 1, snapLength: 41 }],
      [
        { data: a, simple: true },
        { data: a, timeUs: T + 7 },
        { data: b, simple: true, originalLength: 1514 },
      ],
    )
    const { packets, problems } = read(file)
    expect(problems).toEqual([])
    expect(packets.map((p) => [p.timeUs, p.capturedLength, p.originalLength])).toEqual([
      [0, 5, 5],
      [T + 7, 5, 5],
      [T + 7, 41, 1514],
    ])
  })

  it('gives the same packets, offsets and problems whatever the chunk sizes', () => {
    const cut = twoSections.subarray(0, twoSections.length - 6)
    const whole = read(cut)
    expect(whole.problems.map((p) => p.code)).toEqual(['truncated'])
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 97 }), { minLength: 1, maxLength: 20 }), (sizes) => {
        const got = read(cut, sizes)
        expect(got.packets).toEqual(whole.packets)
        expect(got.problems).toEqual(whole.problems)
        expect(got.info.bytes).toBe(whole.info.bytes)
      }),
      { numRuns: 200 },
    )
  })
})

describe('pcapng damage, located', () => {
  const file = writePcapng([{ linkType: 1 }], [{ data: a }, { data: b }])
  const secondEpb = 28 + 20 + 32 + 8

  it('stops at a packet block whose captured length exceeds the block, naming the packet', () => {
    const bad = file.slice()
    dv(bad).setUint32(secondEpb + 8 + 12, 4000, true)
    const { packets, problems } = read(bad, [7])
    expect(packets).toHaveLength(1)
    expect(problems).toEqual([
      expect.objectContaining({ code: 'corrupt-block-length', offset: secondEpb, packet: 2, severity: 'fatal' }),
    ])
    expect(problems[0]?.detail).toContain('4000')
  })

  it('stops at a block length below 12 or beyond 256 MiB', () => {
    for (const length of [8, 0x20000000]) {
      const bad = file.slice()
      dv(bad).setUint32(secondEpb + 4, length, true)
      const { packets, problems } = read(bad, [5, 3, 1000])
      expect(packets).toHaveLength(1)
      expect(problems).toEqual([
        expect.objectContaining({ code: 'corrupt-block-length', offset: secondEpb, severity: 'fatal' }),
      ])
      expect(problems[0]?.detail).toContain(String(length))
    }
  })

  it('keeps at most MAX_PROBLEMS_PER_CODE problems of one code but goes on reading', () => {
    const many = writePcapng(
      [{ linkType: 1 }],
      [...Array.from({ length: 70 }, () => ({ data: a, iface: 9 })), { data: b }],
    )
    const { packets, problems } = read(many, [64])
    expect(problems).toHaveLength(MAX_PROBLEMS_PER_CODE)
    expect(problems.every((p) => p.code === 'unknown-interface')).toBe(true)
    expect(problems.map((p) => p.packet)).toEqual(Array.from({ length: MAX_PROBLEMS_PER_CODE }, (_, i) => i + 1))
    expect(packets.map((p) => p.number)).toEqual([71])
  })
})

describe('pcap edge cases and gzip given to the synchronous reader', () => {
  it('accepts a record longer than a small snap length while under 256 KiB', () => {
    const file = writePcap([{ data: new Uint8Array(3000) }], { snapLength: 96 })
    const { packets, problems } = read(file, [1000])
    expect(problems).toEqual([])
    expect(packets[0]?.bytes.length).toBe(3000)
  })

  it('reports a file cut inside the pcap header', () => {
    const file = writePcap([{ data: a }])
    const { packets, problems } = read(file.subarray(0, 10))
    expect(packets).toEqual([])
    expect(problems).toEqual([expect.objectContaining({ code: 'truncated', offset: 0 })])
  })

  it('says to use readCapture when handed gzip bytes', () => {
    const { problems } = read(gzipSync(writePcap([{ data: a }])), [1])
    expect(problems).toEqual([
      expect.objectContaining({
        code: 'unknown-format',
        severity: 'fatal',
        detail: expect.stringMatching(/^gzip: use readCapture \(first bytes 1f 8b/),
      }),
    ])
  })
})

describe('readCapture over a large gzip stream', () => {
  /** Packets of bytes that do not compress, so the compressed source is large and the inflater pushes back. */
  function noisy(n: number) {
    let x = 12345
    return writePcap(
      Array.from({ length: n }, () => ({
        data: Uint8Array.from({ length: 1400 }, () => {
          x = (Math.imul(x, 1103515245) + 12345) >>> 0
          return x >>> 24
        }),
      })),
    )
  }

  it('stops at the decompression limit while the source still has megabytes to give, and closes the source', async () => {
    const gz = gzipSync(noisy(2000))
    expect(gz.length).toBeGreaterThan(2_000_000)
    let closed = false
    let given = 0
    async function* source() {
      try {
        for (let i = 0; i < gz.length; i += 16_384) {
          given += 16_384
          yield gz.subarray(i, i + 16_384)
        }
      } finally {
        closed = true
      }
    }
    const problems: CaptureProblem[] = []
    let packets = 0
    const info = await readCapture(
      source(),
      { onPacket: () => packets++, onProblem: (p) => problems.push(p) },
      { maxDecompressedBytes: 300_000 },
    )
    expect(problems).toEqual([
      expect.objectContaining({ code: 'gzip-corrupt', severity: 'fatal', detail: expect.stringContaining('300000') }),
    ])
    expect(packets).toBeGreaterThan(100)
    expect(packets).toBeLessThan(220)
    expect(info.gzip).toBe(true)
    expect(closed).toBe(true)
    expect(given).toBeLessThan(gz.length)
  })

  it('reads a large gzip stream whole with progress in compressed bytes', async () => {
    const file = noisy(1500)
    const gz = gzipSync(file)
    async function* source() {
      for (let i = 0; i < gz.length; i += 65_536) yield gz.subarray(i, i + 65_536)
    }
    const progress: number[] = []
    let packets = 0
    const info = await readCapture(
      source(),
      { onPacket: () => packets++, onProblem: (p) => expect.fail(p.detail) },
      { onProgress: (n) => progress.push(n) },
    )
    expect(packets).toBe(1500)
    expect(info.bytes).toBe(file.length)
    expect(progress.at(-1)).toBe(gz.length)
    expect(progress).toEqual([...progress].sort((x, y) => x - y))
  })
})
