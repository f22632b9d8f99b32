import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createCaptureReader } from '../../../src/passive/readers/index.js'

/** Files written by editcap/mergecap, with tshark's view of every packet (see the fixtures' README). */
const DIR = join(import.meta.dirname, '..', '..', 'fixtures', 'captures', 'readers')

function expected(name: string) {
  return readFileSync(join(DIR, `${name}.tshark.tsv`), 'utf8')
    .trim()
    .split('\n')
    .map((line) => {
      const [number, iface, epoch, len, capLen] = line.split('\t') as [string, string, string, string, string]
      const [sec, frac = ''] = epoch.split('.')
      // Whole microseconds, rounded down as the reader does, computed on the text (no float rounding).
      const timeUs = Number(sec) * 1_000_000 + Number(frac.padEnd(6, '0').slice(0, 6))
      return {
        number: Number(number),
        interfaceId: Number(iface),
        timeUs,
        originalLength: Number(len),
        capturedLength: Number(capLen),
      }
    })
}

function read(bytes: Uint8Array, chunk: number) {
  const packets: ReturnType<typeof expected> = []
  const problems: string[] = []
  const r = createCaptureReader({
    onPacket: (p) => {
      expect(p.data.length).toBe(p.capturedLength)
      packets.push({
        number: p.number,
        interfaceId: p.interfaceId,
        timeUs: p.timeUs,
        originalLength: p.originalLength,
        capturedLength: p.capturedLength,
      })
    },
    onProblem: (p) => problems.push(`${p.code} ${p.detail}`),
  })
  for (let i = 0; i < bytes.length; i += chunk) r.push(bytes.subarray(i, i + chunk))
  r.end()
  return { packets, problems, info: r.info }
}

describe('files written by Wireshark tools read as tshark reads them', () => {
  const cases = [
    { name: 'editcap-us.pcap', format: 'pcap', linkTypes: [1] },
    { name: 'editcap-ns.pcap', format: 'pcap', linkTypes: [1] },
    { name: 'mergecap-two-interfaces.pcap', format: 'pcapng', linkTypes: [1, 113] },
  ] as const
  for (const c of cases)
    it(`${c.name}: every packet's number, interface, time, lengths`, () => {
      const bytes = readFileSync(join(DIR, c.name))
      const want = expected(c.name)
      expect(want.length).toBeGreaterThan(10)
      for (const chunk of [1, 13, 4096]) {
        const { packets, problems, info } = read(bytes, chunk)
        expect(problems).toEqual([])
        expect(info).toMatchObject({ format: c.format, linkTypes: c.linkTypes, bytes: bytes.length })
        expect(packets).toEqual(want)
      }
    })

  it('keeps the nanoseconds it cannot carry out of the microsecond (rounded down)', () => {
    const { packets } = read(readFileSync(join(DIR, 'editcap-ns.pcap')), 4096)
    // editcap shifted every time by 789 ns: the reader must not round them up to the next microsecond.
    expect(packets[0]?.timeUs).toBe(1_796_290_158_746_551)
  })

  it('keeps the snap length: captured 64 bytes of longer frames on the second interface', () => {
    const { packets, info } = read(readFileSync(join(DIR, 'mergecap-two-interfaces.pcap')), 4096)
    const second = packets.filter((p) => p.interfaceId === 1)
    expect(second.length).toBe(8)
    expect(second.every((p) => p.capturedLength <= 64 && p.originalLength >= p.capturedLength)).toBe(true)
    expect(info.interfaces.map((i) => i.linkType)).toEqual([1, 113])
  })
})
