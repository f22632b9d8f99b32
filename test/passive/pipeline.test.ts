/**
 * The pipeline's own logic (which dissector gets a flow, replay of a client's first bytes, errors, UDP and frames,
 * progress and abort) with the reader, decoder and reassembler replaced by small fakes, so it does not depend on
 * their details. The end-to-end test over real pcap bytes is pipeline-e2e.test.ts.
 */
import { describe, expect, it } from 'vitest'
import type {
  BannerEvent,
  CaptureReader,
  CaptureReaderHandlers,
  DatagramDissector,
  DecodedPacket,
  Direction,
  FlowKey,
  FrameDissector,
  StreamDissector,
  StreamSink,
} from '../../src/passive/contract.js'
import type { TcpReassembler } from '../../src/passive/decode/tcp-reassembly.js'
import { analyzeCapture, createPassivePipeline, type PipelineParts } from '../../src/passive/pipeline.js'
import { pkt } from './analyze/build.js'

const text = (s: string) => new TextEncoder().encode(s)

/** Fakes: every pushed chunk is one packet record; the decoder returns the prepared packet of that number. */
function fakes(packets: DecodedPacket[]): Partial<PipelineParts> {
  return {
    createCaptureReader(h: CaptureReaderHandlers): CaptureReader {
      const info = { format: 'pcap' as const, gzip: false, linkTypes: [1], interfaces: [], bytes: 0, packets: 0 }
      return {
        info,
        push(chunk) {
          info.bytes += chunk.length
          info.packets++
          h.onPacket({
            number: info.packets,
            offset: info.bytes,
            interfaceId: 0,
            linkType: 1,
            timeUs: 0,
            capturedLength: chunk.length,
            originalLength: chunk.length,
            data: chunk,
          })
        },
        end() {},
      }
    },
    createPacketDecoder: () => ({ decode: (c) => packets[c.number - 1] ?? null }),
    createTcpReassembler(sink: StreamSink): TcpReassembler {
      const flows = new Map<string, { flow: FlowKey; open: boolean }>()
      return {
        get openFlows() {
          return flows.size
        },
        packet(p) {
          const ka = `${p.src}:${p.srcPort}>${p.dst}:${p.dstPort}`
          const kb = `${p.dst}:${p.dstPort}>${p.src}:${p.srcPort}`
          let f = flows.get(ka) ?? flows.get(kb)
          const at = { packet: p.number, timeUs: p.timeUs }
          if (!f) {
            const flow: FlowKey = {
              transport: 'tcp',
              client: p.src,
              clientPort: p.srcPort,
              server: p.dst,
              serverPort: p.dstPort,
            }
            f = { flow, open: sink.open(flow, at) }
            flows.set(ka, f)
          }
          const dir: Direction = p.src === f.flow.client && p.srcPort === f.flow.clientPort ? 'client' : 'server'
          if (f.open && p.payload.length > 0) sink.data(f.flow, dir, p.payload, at, false)
        },
        flush() {
          for (const f of flows.values()) sink.close(f.flow, { packet: 0, timeUs: 0 })
          flows.clear()
        },
      }
    },
  }
}

/** A stream dissector for a made-up protocol: the server greets with `greeting`; each data call is recorded. */
function recorder(protocol: 'ftp' | 'telnet', greeting: string, seen: string[]): StreamDissector {
  return {
    protocol,
    detect: (first, dir) => dir === 'server' && new TextDecoder().decode(first).startsWith(greeting),
    open(flow, emit) {
      return {
        data(dir, bytes, at) {
          seen.push(`${dir}:${new TextDecoder().decode(bytes)}`)
          if (dir === 'server')
            emit({
              kind: 'banner',
              protocol,
              side: 'server',
              text: new TextDecoder().decode(bytes),
              flow,
              mac: null,
              at,
            })
          return 'more'
        },
        end() {
          seen.push('end')
        },
      }
    },
  }
}

const c = (payload: string, n: Partial<DecodedPacket> = {}) =>
  pkt({ src: '10.0.0.1', dst: '10.0.0.2', srcPort: 40000, dstPort: 2121, payload: text(payload), ...n })
const s = (payload: string, n: Partial<DecodedPacket> = {}) =>
  pkt({ src: '10.0.0.2', dst: '10.0.0.1', srcPort: 2121, dstPort: 40000, payload: text(payload), ...n })

function run(packets: DecodedPacket[], parts: Partial<PipelineParts>) {
  const p = createPassivePipeline({}, { ...fakes(packets), ...parts })
  for (let i = 0; i < packets.length; i++) p.push(new Uint8Array(1))
  return p.end()
}

describe('passive pipeline', () => {
  it('gives a flow to the dissector that detects the server greeting (server speaks first)', () => {
    const seen: string[] = []
    const r = run([c('', { tcpFlags: 0x02 }), s('220 hello'), c('USER x')], {
      streamDissectors: [recorder('telnet', 'NOPE', []), recorder('ftp', '220', seen)],
    })
    expect(seen).toEqual(['server:220 hello', 'client:USER x', 'end'])
    expect(r.stats.events.banner).toBe(1)
    expect(r.conversations[0]!.protocol).toBe('ftp')
    expect(r.hosts.find((h) => h.address === '10.0.0.2')!.services[0]!.protocol).toBe('ftp')
  })

  it("replays the client's first bytes when only the server's reply picks the dissector", () => {
    const seen: string[] = []
    run([c('', { tcpFlags: 0x02 }), c('HELO'), c(' more'), s('220 hi')], {
      streamDissectors: [recorder('ftp', '220', seen)],
    })
    expect(seen).toEqual(['client:HELO', 'client: more', 'server:220 hi', 'end'])
  })

  it('a first segment too short to tell waits for the next one (an MLLP start byte written alone)', () => {
    const seen: string[] = []
    const mllp: StreamDissector = {
      protocol: 'hl7',
      detect: (first, dir) => dir === 'client' && first.length >= 4 && first[0] === 0x0b && first[1] === 0x4d,
      open: () => ({
        data(dir, bytes) {
          seen.push(`${dir}:${[...bytes].map((b) => (b === 0x0b ? '<VT>' : String.fromCharCode(b))).join('')}`)
          return 'more'
        },
        end() {},
      }),
    }
    const r = run([c('', { tcpFlags: 0x02 }), c('\x0b'), c('MSH|^~\\&|MON'), s('\x0bMSH|ACK')], {
      streamDissectors: [mllp],
    })
    expect(seen).toEqual(['client:<VT>', 'client:MSH|^~\\&|MON', 'server:<VT>MSH|ACK'])
    expect(r.conversations[0]!.protocol).toBe('hl7')
  })

  it('bytes kept before a dissector is chosen are bounded; what was dropped is passed on as a gap', () => {
    const gaps: boolean[] = []
    const late: StreamDissector = {
      protocol: 'ftp',
      detect: (first, dir) => dir === 'server' && new TextDecoder().decode(first).startsWith('220'),
      open: () => ({
        data(_dir, _bytes, _at, gap) {
          gaps.push(gap)
          return 'more'
        },
        end() {},
      }),
    }
    // The client sends 3 KiB the dissectors cannot place, then the server greets.
    const big = 'x'.repeat(1000)
    run([c('', { tcpFlags: 0x02 }), c(big), c(big), c(big), s('220 ready'), c('QUIT')], { streamDissectors: [late] })
    // 2 KiB are kept (the third chunk only in part) and replayed; the client's next bytes come after a gap, the
    // server's greeting does not.
    expect(gaps).toEqual([false, false, false, false, true])
  })

  it('a flow no dissector wants is only counted', () => {
    const seen: string[] = []
    const r = run([c('', { tcpFlags: 0x02 }), c('abc'), s('xyz'), s('220 late')], {
      streamDissectors: [recorder('ftp', '220', seen)],
    })
    expect(seen).toEqual([])
    expect(r.conversations[0]!.packets).toBe(4)
    expect(r.conversations[0]!.protocol).toBeNull()
  })

  it('a dissector that throws is reported with its packet and protocol; the flow is then only counted', () => {
    const calls: string[] = []
    const thrower: StreamDissector = {
      protocol: 'smb',
      detect: () => true,
      open: () => ({
        data(_dir, bytes) {
          calls.push(new TextDecoder().decode(bytes))
          throw new Error('odd length field')
        },
        end() {},
      }),
    }
    const packets = [c('', { tcpFlags: 0x02 }), c('one'), c('two')]
    const r = run(packets, { streamDissectors: [thrower] })
    expect(calls).toEqual(['one'])
    expect(r.problems).toEqual([
      expect.objectContaining({
        code: 'dissector-error',
        packet: packets[1]!.number,
        detail: 'smb: odd length field',
        severity: 'skipped',
      }),
    ])
  })

  it('a detect that throws is reported and the next dissector is asked', () => {
    const seen: string[] = []
    const bad: StreamDissector = {
      protocol: 'rdp',
      detect() {
        throw new Error('boom')
      },
      open: () => {
        throw new Error('never')
      },
    }
    const r = run([c('', { tcpFlags: 0x02 }), s('220 x')], { streamDissectors: [bad, recorder('ftp', '220', seen)] })
    expect(seen[0]).toBe('server:220 x')
    expect(r.stats.problems['dissector-error']).toBe(1)
  })

  it('UDP datagrams and non-IP frames go to their dissectors; a throwing one is a dissector-error', () => {
    const got: string[] = []
    const dns: DatagramDissector = {
      protocol: 'dns',
      detect: (_p, packet) => packet.dstPort === 53,
      parse(_p, packet, emit) {
        got.push(`dns ${packet.number}`)
        emit({
          kind: 'name',
          source: 'dns',
          name: 'pacs.local',
          address: '10.0.0.2',
          mac: null,
          flow: null,
          at: { packet: packet.number, timeUs: packet.timeUs },
        })
      },
    }
    const snmp: DatagramDissector = {
      protocol: 'snmp',
      detect: (_p, packet) => packet.dstPort === 161,
      parse() {
        throw new RangeError('offset out of bounds')
      },
    }
    const arp: FrameDissector = {
      protocol: 'arp',
      detect: (p) => p.etherType === 0x0806,
      parse(p) {
        got.push(`arp ${p.number}`)
      },
    }
    const packets = [
      pkt({ protocol: 17, dstPort: 53, payload: new Uint8Array(12) }),
      pkt({ protocol: 17, dstPort: 161, payload: new Uint8Array(12) }),
      pkt({ ipVersion: null, etherType: 0x0806, src: '', dst: '', protocol: 0, l2Payload: new Uint8Array(28) }),
    ]
    const r = run(packets, { datagramDissectors: [dns, snmp], frameDissectors: [arp] })
    expect(got).toEqual([`dns ${packets[0]!.number}`, `arp ${packets[2]!.number}`])
    expect(r.hosts.find((h) => h.address === '10.0.0.2')!.names).toEqual([{ name: 'pacs.local', source: 'dns' }])
    expect(r.problems.map((p) => [p.code, p.packet, p.detail])).toEqual([
      ['dissector-error', packets[1]!.number, 'snmp: offset out of bounds'],
    ])
    expect(r.stats.notIp).toBe(1)
  })

  it('a decoder that throws on a packet is a malformed-packet problem, and the next packet is still read', () => {
    const packets = [pkt(), pkt()]
    const p = createPassivePipeline(
      {},
      {
        ...fakes(packets),
        createPacketDecoder: () => ({
          decode(cp) {
            if (cp.number === 1) throw new Error('bad header')
            return packets[1]!
          },
        }),
      },
    )
    p.push(new Uint8Array(1))
    p.push(new Uint8Array(1))
    const r = p.end()
    expect(r.problems.map((x) => [x.code, x.packet])).toEqual([['malformed-packet', 1]])
    expect(r.stats.packets).toBe(1)
  })

  it('analyzeCapture reads an async source with progress, and stops when aborted', async () => {
    const packets = [c('', { tcpFlags: 0x02 }), s('220 x'), c('y')]
    async function* source() {
      for (let i = 0; i < packets.length; i++) yield new Uint8Array(10)
    }
    const progress: number[] = []
    const counted: number[] = []
    const parts = { ...fakes(packets), streamDissectors: [recorder('ftp', '220', [])] }
    const result = await analyzeCapture(
      source(),
      { onProgress: (x) => progress.push(x.bytes), onPacket: (n) => counted.push(n) },
      parts,
    )
    expect(result.stats.packets).toBe(3)
    expect(result.stats.events.banner).toBe(1)
    expect(progress).toEqual([10, 20, 30])
    expect(counted).toEqual([1, 2, 3])
    const controller = new AbortController()
    controller.abort(new Error('cancelled by the user'))
    await expect(analyzeCapture(source(), { signal: controller.signal }, parts)).rejects.toThrow(
      'cancelled by the user',
    )
  })

  it('banner events reach the host that sent them', () => {
    const r = run([c('', { tcpFlags: 0x02 }), s('220 hello')], { streamDissectors: [recorder('ftp', '220', [])] })
    const server = r.hosts.find((h) => h.address === '10.0.0.2')!
    expect((server.events[0] as BannerEvent).text).toBe('220 hello')
  })

  it("fills stats.fragmentsReassembled from the decoder's own count when it keeps one", () => {
    const packets = [pkt(), pkt()]
    const p = createPassivePipeline(
      {},
      {
        ...fakes(packets),
        createPacketDecoder: () => ({ decode: (c) => packets[c.number - 1] ?? null, fragmentsReassembled: 3 }),
      },
    )
    p.push(new Uint8Array(1))
    p.push(new Uint8Array(1))
    expect(p.end().stats.fragmentsReassembled).toBe(3)
    expect(run([pkt()], {}).stats.fragmentsReassembled).toBe(0)
  })
})
