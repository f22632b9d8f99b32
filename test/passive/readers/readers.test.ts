import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import type { CapturedPacket, CaptureProblem } from '../../../src/passive/contract.js'
import { createCaptureReader, readCapture } from '../../../src/passive/readers/index.js'
import { writePcap, writePcapng } from '../pcap-writer.js'

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'captures')

function read(bytes: Uint8Array, chunk = bytes.length) {
  const packets: (CapturedPacket & { copy: number[] })[] = []
  const problems: CaptureProblem[] = []
  const r = createCaptureReader({
    onPacket: (p) => packets.push({ ...p, copy: [...p.data] }),
    onProblem: (p) => problems.push(p),
  })
  for (let i = 0; i < bytes.length; i += chunk) r.push(bytes.subarray(i, i + chunk))
  r.end()
  return { packets, problems, info: r.info }
}

async function* chunks(bytes: Uint8Array, size: number) {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size)
}

const frames = [Uint8Array.of(1, 2, 3, 4, 5, 6, 7), new Uint8Array(60).fill(9), Uint8Array.of(0xaa)]
const T = 1_764_750_000_123_456

describe('pcap', () => {
  for (const littleEndian of [true, false])
    for (const nano of [false, true])
      it(`reads ${littleEndian ? 'little' : 'big'}-endian ${nano ? 'nano' : 'micro'}second files`, () => {
        const file = writePcap(
          frames.map((data, i) => ({ data, timeUs: T + i })),
          { littleEndian, nano, linkType: 113 },
        )
        const { packets, problems, info } = read(file)
        expect(problems).toEqual([])
        expect(info).toMatchObject({ format: 'pcap', linkTypes: [113], packets: 3, bytes: file.length })
        expect(packets.map((p) => p.copy)).toEqual(frames.map((f) => [...f]))
        expect(packets.map((p) => p.timeUs)).toEqual([T, T + 1, T + 2])
        expect(packets.map((p) => p.number)).toEqual([1, 2, 3])
        expect(packets[1]?.offset).toBe(24 + 16 + 7)
      })

  it('gives the same packets whatever the chunk size (one byte, odd sizes, whole)', () => {
    const file = writePcap(frames.map((data) => ({ data })))
    const whole = read(file).packets.map((p) => p.copy)
    for (const size of [1, 2, 5, 17, 23, 64]) expect(read(file, size).packets.map((p) => p.copy)).toEqual(whole)
  })

  it('reports a file cut inside a packet with its offset, and keeps the packets before it', () => {
    const file = writePcap(frames.map((data) => ({ data })))
    const cut = file.subarray(0, file.length - 5)
    const { packets, problems } = read(cut)
    expect(packets).toHaveLength(2)
    expect(problems).toEqual([
      expect.objectContaining({ code: 'truncated', offset: 24 + 16 + 7 + 16 + 60, packet: 3, severity: 'skipped' }),
    ])
  })

  it('stops at an absurd record length, with the offset, keeping what came before', () => {
    const file = writePcap(frames.map((data) => ({ data })))
    new DataView(file.buffer).setUint32(24 + 16 + 7 + 8, 0x7fffffff, true)
    const { packets, problems } = read(file)
    expect(packets).toHaveLength(1)
    expect(problems[0]).toMatchObject({ code: 'absurd-length', offset: 47, packet: 2, severity: 'fatal' })
    expect(problems[0]?.detail).toContain('2147483647')
  })
})

describe('pcapng', () => {
  const ifaces = [
    { linkType: 1, name: 'eth0' },
    { linkType: 113, tsresol: 9 },
    { linkType: 276, tsresol: 0x80 | 20 },
  ]
  for (const littleEndian of [true, false])
    it(`reads several interfaces and link types (${littleEndian ? 'little' : 'big'}-endian)`, () => {
      const file = writePcapng(
        ifaces,
        [
          { data: frames[0] as Uint8Array, iface: 0, timeUs: T },
          { data: frames[1] as Uint8Array, iface: 1, timeUs: T + 5 },
          { data: frames[2] as Uint8Array, iface: 2, timeUs: T + 9 },
          { data: frames[1] as Uint8Array, simple: true },
        ],
        { littleEndian },
      )
      const { packets, problems, info } = read(file, 13)
      expect(problems).toEqual([])
      expect(info.format).toBe('pcapng')
      expect(info.linkTypes).toEqual([1, 113, 276])
      expect(info.interfaces[0]?.name).toBe('eth0')
      expect(packets.map((p) => p.linkType)).toEqual([1, 113, 276, 1])
      expect(packets.map((p) => p.copy)).toEqual(
        [frames[0], frames[1], frames[2], frames[1]].map((f) => [...(f as Uint8Array)]),
      )
      expect(packets[0]?.timeUs).toBe(T)
      expect(packets[1]?.timeUs).toBe(T + 5)
      // 2^-20 s resolution: within a microsecond.
      expect(Math.abs((packets[2]?.timeUs ?? 0) - (T + 9))).toBeLessThanOrEqual(1)
    })

  it('skips a packet of an interface nobody described and goes on', () => {
    const file = writePcapng(
      [{ linkType: 1 }],
      [{ data: frames[0] as Uint8Array, iface: 3 }, { data: frames[1] as Uint8Array }],
    )
    const { packets, problems } = read(file)
    expect(packets).toHaveLength(1)
    expect(packets[0]?.number).toBe(2)
    expect(problems).toEqual([expect.objectContaining({ code: 'unknown-interface', packet: 1, severity: 'skipped' })])
  })

  it('stops at a block whose two lengths differ, or that is not a multiple of 4, naming the offset', () => {
    const file = writePcapng([{ linkType: 1 }], [{ data: frames[0] as Uint8Array }, { data: frames[1] as Uint8Array }])
    const secondEpb = 28 + 20 + 32 + 8
    const bad = file.slice()
    const total = new DataView(bad.buffer).getUint32(secondEpb + 4, true)
    new DataView(bad.buffer).setUint32(secondEpb + 4, total - 4, true)
    const r1 = read(bad)
    expect(r1.packets).toHaveLength(1)
    expect(r1.problems[0]).toMatchObject({ code: 'corrupt-block-length', offset: secondEpb, severity: 'fatal' })
    const odd = file.slice()
    new DataView(odd.buffer).setUint32(secondEpb + 4, 90, true)
    expect(read(odd).problems[0]).toMatchObject({ code: 'corrupt-block-length', offset: secondEpb })
  })
})

describe('format by content, not by name', () => {
  it('refuses a file with no capture magic, showing its first bytes', () => {
    const { packets, problems } = read(new TextEncoder().encode('Not a capture at all'))
    expect(packets).toEqual([])
    expect(problems).toEqual([
      expect.objectContaining({
        code: 'unknown-format',
        offset: 0,
        severity: 'fatal',
        detail: expect.stringContaining('4e 6f 74 20'),
      }),
    ])
  })

  it('reports an empty file', () => {
    expect(read(new Uint8Array(0)).problems[0]).toMatchObject({ code: 'unknown-format', detail: 'empty file' })
  })

  it('reads the lab capture the same as pcap, pcapng and gzip under a misleading .pcap name', async () => {
    const runs = await Promise.all(
      ['lab-traffic.pcap', 'lab-traffic.pcapng', 'lab-traffic-pcapng.pcap.gz'].map(async (name) => {
        const packets: number[] = []
        const info = await readCapture(chunks(readFileSync(join(FIXTURES, name)), 4096), {
          onPacket: (p) => packets.push(p.capturedLength),
          onProblem: (p) => {
            throw new Error(`${name}: ${p.code} ${p.detail}`)
          },
        })
        return { info, packets }
      }),
    )
    expect(runs[0]?.info.format).toBe('pcap')
    expect(runs[1]?.info.format).toBe('pcapng')
    expect(runs[2]?.info).toMatchObject({ format: 'pcapng', gzip: true })
    expect(runs[0]?.packets.length).toBeGreaterThan(250)
    expect(runs[1]?.packets).toEqual(runs[0]?.packets)
    expect(runs[2]?.packets).toEqual(runs[0]?.packets)
  })

  it('reads concatenated gzip members, and stops a damaged gzip stream with gzip-corrupt', async () => {
    const file = writePcap(frames.map((data) => ({ data })))
    const two = new Uint8Array([...gzipSync(file.subarray(0, 30)), ...gzipSync(file.subarray(30))])
    let n = 0
    await readCapture(chunks(two, 7), { onPacket: () => n++, onProblem: (p) => expect.fail(p.detail) })
    expect(n).toBe(3)
    const broken = gzipSync(file).slice()
    broken[20] = (broken[20] ?? 0) ^ 0xff
    const problems: CaptureProblem[] = []
    await readCapture(chunks(broken, 9), { onPacket: () => {}, onProblem: (p) => problems.push(p) })
    expect(problems.some((p) => p.code === 'gzip-corrupt' && p.severity === 'fatal')).toBe(true)
  })

  it('stops a gzip bomb at the decompression limit', async () => {
    const huge = writePcap([{ data: new Uint8Array(200_000) }, { data: new Uint8Array(200_000) }])
    const problems: CaptureProblem[] = []
    await readCapture(
      chunks(gzipSync(huge), 1024),
      { onPacket: () => {}, onProblem: (p) => problems.push(p) },
      { maxDecompressedBytes: 100_000 },
    )
    expect(problems).toEqual([
      expect.objectContaining({ code: 'gzip-corrupt', detail: expect.stringContaining('100000') }),
    ])
  })
})
