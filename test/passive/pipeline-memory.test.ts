/**
 * Memory stays within the caps however long the capture: one million packets over 100,000 flows and 200,000
 * addresses, counted (not timed). The reader and decoder are replaced by a generator (one reused packet object, as
 * the real decoder does), so this measures the pipeline's and the analyzer's own tables.
 */
import { describe, expect, it } from 'vitest'
import { toHostObservations } from '../../src/passive/analyze/observations.js'
import type { CaptureReader, CaptureReaderHandlers, DecodedPacket } from '../../src/passive/contract.js'
import { createPassivePipeline, type PipelineParts } from '../../src/passive/pipeline.js'

const PACKETS = Number(process.env.MEM_PACKETS ?? 1_000_000)
const FLOWS = 100_000
const EMPTY = new Uint8Array(0)
const PAYLOAD = new Uint8Array(32)

/** Packet n of the stream: flow n % FLOWS, client → server on even n, the answer on odd n; addresses all distinct. */
function generator(): Partial<PipelineParts> {
  const p: DecodedPacket = {
    number: 0,
    offset: 0,
    timeUs: 0,
    wireLength: 74,
    srcMac: null,
    dstMac: null,
    vlan: null,
    vlans: [],
    etherType: 0x0800,
    l2Payload: null,
    snapProtocol: null,
    ipVersion: 4,
    src: '',
    dst: '',
    ttl: 64,
    protocol: 17,
    srcPort: 0,
    dstPort: 0,
    tcpFlags: 0,
    seq: 0,
    ack: 0,
    payload: EMPTY,
  }
  return {
    createCaptureReader(h: CaptureReaderHandlers): CaptureReader {
      const info = { format: 'pcap' as const, gzip: false, linkTypes: [1], interfaces: [], bytes: 0, packets: 0 }
      return {
        info,
        push(chunk) {
          // Each byte pushed stands for one packet record.
          for (let i = 0; i < chunk.length; i++) {
            info.packets++
            info.bytes += 90
            h.onPacket({
              number: info.packets,
              offset: info.bytes,
              interfaceId: 0,
              linkType: 1,
              timeUs: info.packets,
              capturedLength: 74,
              originalLength: 74,
              data: EMPTY,
            })
          }
        },
        end() {},
      }
    },
    createPacketDecoder: () => ({
      decode(c) {
        const n = c.number
        const flow = n % FLOWS
        const client = `10.${(flow >> 8) & 255}.${flow & 255}.1`
        const server = `10.${(flow >> 8) & 255}.${flow & 255}.2`
        const fromClient = ((n / FLOWS) | 0) % 2 === 0
        p.number = n
        p.offset = c.offset
        p.timeUs = c.timeUs
        p.src = fromClient ? client : server
        p.dst = fromClient ? server : client
        p.srcPort = fromClient ? 40000 + (flow % 20000) : 5000 + (flow % 1000)
        p.dstPort = fromClient ? 5000 + (flow % 1000) : 40000 + (flow % 20000)
        p.payload = PAYLOAD
        return p
      },
    }),
    datagramDissectors: [],
    streamDissectors: [],
    frameDissectors: [],
  }
}

describe('passive pipeline memory', () => {
  it('one million packets over 100,000 flows stay within the host, conversation and flow caps', () => {
    const pipeline = createPassivePipeline(
      { analyzer: { maxHosts: 50_000, maxConversations: 60_000, maxFlowRoles: 70_000 } },
      generator(),
    )
    const chunk = new Uint8Array(10_000)
    let largest = { flows: 0, hosts: 0, conversations: 0, flowRoles: 0 }
    for (let sent = 0; sent < PACKETS; sent += chunk.length) {
      pipeline.push(chunk)
      const s = pipeline.size
      largest = {
        flows: Math.max(largest.flows, s.flows),
        hosts: Math.max(largest.hosts, s.hosts),
        conversations: Math.max(largest.conversations, s.conversations),
        flowRoles: Math.max(largest.flowRoles, s.flowRoles),
      }
    }
    const r = pipeline.end()
    expect(r.stats.packets).toBe(PACKETS)
    expect(largest.hosts).toBe(50_000)
    expect(largest.conversations).toBe(60_000)
    expect(largest.flowRoles).toBe(70_000)
    expect(largest.flows).toBe(0)
    expect(r.hosts).toHaveLength(50_000)
    expect(r.conversations).toHaveLength(60_000)
    expect(r.overflow.hosts).toBeGreaterThan(0)
    expect(r.overflow.conversations).toBeGreaterThan(0)
    // Each kept host holds a bounded number of services (its answering port), never one per packet.
    expect(Math.max(...r.hosts.map((h) => h.services.length))).toBeLessThanOrEqual(1)
    // Every kept host becomes one observation (each reads only its own conversations).
    const observations = toHostObservations(r, { label: 'generated.pcap', captureId: null })
    expect(observations).toHaveLength(50_000)
    expect(observations.every((o) => o.complete === false)).toBe(true)
  }, 120_000)

  it('TCP through the real reassembler: the flows being dissected never exceed its flow table', () => {
    const parts = generator()
    const decode = parts.createPacketDecoder!(() => {}).decode
    // The same stream as TCP: a SYN opens each flow, then data both ways (every flow wanted by a dissector).
    parts.createPacketDecoder = () => ({
      decode(c) {
        const p = decode(c)!
        const round = (c.number / FLOWS) | 0
        p.protocol = 6
        p.tcpFlags = round === 0 ? 0x02 : 0x18
        p.seq = round === 0 ? 1000 : 1001 + (round - 1) * 32
        return p
      },
    })
    parts.streamDissectors = [
      {
        protocol: 'ftp',
        detect: () => true,
        open: () => ({ data: () => 'more', end() {} }),
      },
    ]
    const maxFlows = 5_000
    const pipeline = createPassivePipeline(
      { limits: { maxFlows }, analyzer: { maxHosts: 50_000, maxConversations: 60_000, maxFlowRoles: 70_000 } },
      parts,
    )
    const chunk = new Uint8Array(10_000)
    let largest = 0
    for (let sent = 0; sent < PACKETS; sent += chunk.length) {
      pipeline.push(chunk)
      largest = Math.max(largest, pipeline.size.flows)
    }
    const r = pipeline.end()
    expect(r.stats.packets).toBe(PACKETS)
    expect(largest).toBeGreaterThan(0)
    expect(largest).toBeLessThanOrEqual(maxFlows)
    expect(pipeline.size.flows).toBe(0)
    expect(r.stats.problems['flow-table-full']).toBeGreaterThan(0)
    expect(r.problems.filter((p) => p.code === 'flow-table-full').length).toBeLessThanOrEqual(50)
  }, 120_000)
})
