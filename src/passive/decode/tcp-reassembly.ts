/**
 * TCP reassembly good enough for application-layer identification (ADR 0044): each direction's bytes in sequence
 * order, each byte once. In-order data is handed on as the packet's own view (no copy); only out-of-order segments
 * are copied and held, at most `maxPendingBytes` per direction, after which the hole is skipped (`gap`).
 * Retransmissions are dropped, partial overlaps trimmed; a held segment whose bytes differ from what was delivered
 * for the same sequence numbers is a `tcp-overlap-conflict` (the first delivered copy stands). Sequence numbers wrap
 * (32-bit arithmetic). Flows close on RST, on FIN from both sides, when idle (capture time) or, beyond `maxFlows`,
 * oldest first (`flow-table-full`).
 */
import type {
  CaptureProblem,
  DecodedPacket,
  Direction,
  FlowKey,
  PacketRef,
  ReassemblyLimits,
  StreamSink,
} from '../contract.js'

export const DEFAULT_REASSEMBLY_LIMITS: ReassemblyLimits = {
  maxFlows: 65_536,
  maxPendingBytes: 256 * 1024,
  maxStreamBytes: 1024 * 1024,
  idleUs: 120_000_000,
}

/**
 * Out-of-order bytes held over all flows together (maxFlows × maxPendingBytes would be 32 GiB by default): beyond
 * it, the direction that just grew skips its holes at once.
 */
export const DEFAULT_MAX_TOTAL_PENDING_BYTES = 64 * 1024 * 1024

export interface TcpReassembler {
  /** One decoded TCP packet (protocol 6). */
  packet(p: DecodedPacket): void
  /** Closes every open flow (end of capture). */
  flush(): void
  readonly openFlows: number
  /** Out-of-order bytes held now, over every flow (for tests of the bounds). */
  readonly pendingBytes?: number
}

/** Bytes of the last delivered segment kept to compare retransmissions with. */
const COMPARE_BYTES = 64
const FIN = 1
const SYN = 2
const RST = 4
const ACK = 16

interface Side {
  /** Next sequence number expected (unsigned 32-bit), or null before the first byte or SYN. */
  next: number | null
  pending: { seq: number; data: Uint8Array }[]
  pendingBytes: number
  delivered: number
  fin: boolean
  /** The last segment delivered, to compare a late overlapping copy with. */
  lastSeq: number
  /** Its first bytes, copied into a buffer of the side's own (no allocation per segment). */
  last: Uint8Array | null
  lastLen: number
}

interface Flow {
  key: FlowKey
  wanted: boolean
  client: Side
  server: Side
  lastUs: number
  /** The map key, and whether the flow was closed (the one-entry cache below must not return it then). */
  id: string
  closed: boolean
}

const side = (): Side => ({
  next: null,
  pending: [],
  pendingBytes: 0,
  delivered: 0,
  fin: false,
  lastSeq: 0,
  last: null,
  lastLen: 0,
})

/** Signed distance from a to b in sequence space. */
const diff = (b: number, a: number) => (b - a) | 0

export function createTcpReassembler(
  sink: StreamSink,
  onProblem: (p: CaptureProblem) => void,
  limits: Partial<ReassemblyLimits> & { maxTotalPendingBytes?: number } = {},
): TcpReassembler {
  const L: ReassemblyLimits = { ...DEFAULT_REASSEMBLY_LIMITS, ...limits }
  const maxTotalPending = limits.maxTotalPendingBytes ?? DEFAULT_MAX_TOTAL_PENDING_BYTES
  const flows = new Map<string, Flow>()
  let pendingTotal = 0
  let sinceSweep = 0
  let current: DecodedPacket | null = null
  let last: Flow | null = null

  const at = (p: DecodedPacket): PacketRef => ({ packet: p.number, timeUs: p.timeUs })

  function emit(f: Flow, dir: Direction, s: Side, data: Uint8Array, ref: PacketRef, gap: boolean): void {
    if (s.delivered >= L.maxStreamBytes || data.length === 0) return
    const room = L.maxStreamBytes - s.delivered
    const part = data.length > room ? data.subarray(0, room) : data
    s.delivered += part.length
    sink.data(f.key, dir, part, ref, gap)
  }

  /** Delivers held segments that are now in order (and, with `skip`, jumps the first hole). */
  function drain(f: Flow, dir: Direction, s: Side, ref: PacketRef, skip: boolean): void {
    let gap = false
    while (s.pending.length > 0 && s.next !== null) {
      const head = s.pending[0] as { seq: number; data: Uint8Array }
      let rel = diff(head.seq, s.next)
      if (rel > 0) {
        if (!skip) return
        s.next = head.seq
        rel = 0
        gap = true
        skip = false
      }
      s.pending.shift()
      s.pendingBytes -= head.data.length
      pendingTotal -= head.data.length
      if (rel + head.data.length <= 0) {
        conflictCheck(s, head.seq, head.data, ref)
        continue
      }
      const data = rel < 0 ? head.data.subarray(-rel) : head.data
      if (rel < 0) conflictCheck(s, head.seq, head.data.subarray(0, -rel), ref)
      emit(f, dir, s, data, ref, gap)
      gap = false
      s.next = (s.next + data.length) >>> 0
    }
  }

  /** A copy of bytes already delivered: report when they differ from the last delivered segment's bytes. */
  function conflictCheck(s: Side, seq: number, data: Uint8Array, ref: PacketRef): void {
    if (!s.last) return
    const start = diff(seq, s.lastSeq)
    for (let i = 0; i < data.length; i++) {
      const j = start + i
      if (j < 0 || j >= s.lastLen) continue
      if (s.last[j] !== data[i]) {
        onProblem({
          code: 'tcp-overlap-conflict',
          offset: current?.offset ?? 0,
          packet: ref.packet,
          detail: `${data.length} bytes at sequence ${seq} differ from the copy already used`,
          severity: 'skipped',
        })
        return
      }
    }
  }

  function segment(f: Flow, dir: Direction, s: Side, seq: number, data: Uint8Array, ref: PacketRef): void {
    if (s.next === null) s.next = seq
    const rel = diff(seq, s.next)
    if (rel + data.length <= 0) {
      conflictCheck(s, seq, data, ref) // a retransmission: dropped
      return
    }
    if (rel <= 0) {
      const fresh = rel < 0 ? data.subarray(-rel) : data
      if (rel < 0) conflictCheck(s, seq, data.subarray(0, -rel), ref)
      emit(f, dir, s, fresh, ref, false)
      // A short copy of what was delivered, to compare a retransmitted copy with (a view would pin the chunk).
      s.lastSeq = s.next
      if (!s.last) s.last = new Uint8Array(COMPARE_BYTES)
      s.lastLen = Math.min(fresh.length, COMPARE_BYTES)
      s.last.set(fresh.length > COMPARE_BYTES ? fresh.subarray(0, COMPARE_BYTES) : fresh)
      s.next = (s.next + fresh.length) >>> 0
      if (s.pending.length) drain(f, dir, s, ref, false)
      return
    }
    // Out of order: hold a copy, sorted by sequence; past the limit, skip the hole.
    if (s.delivered >= L.maxStreamBytes) return
    const copy = data.slice()
    let i = s.pending.length
    while (i > 0 && diff((s.pending[i - 1] as { seq: number }).seq, seq) > 0) i--
    s.pending.splice(i, 0, { seq, data: copy })
    s.pendingBytes += copy.length
    pendingTotal += copy.length
    while (s.pendingBytes > L.maxPendingBytes && s.pending.length > 0) drain(f, dir, s, ref, true)
    while (pendingTotal > maxTotalPending && s.pending.length > 0) drain(f, dir, s, ref, true)
  }

  function close(id: string, f: Flow, ref: PacketRef): void {
    flows.delete(id)
    f.closed = true
    if (f.wanted) {
      for (const [dir, s] of [
        ['client', f.client],
        ['server', f.server],
      ] as const) {
        while (s.pending.length) drain(f, dir, s, ref, true)
      }
      sink.close(f.key, ref)
    }
    pendingTotal -= f.client.pendingBytes + f.server.pendingBytes
    f.client.pendingBytes = 0
    f.server.pendingBytes = 0
  }

  function sweep(now: number, ref: PacketRef): void {
    for (const [id, f] of flows) if (now - f.lastUs > L.idleUs) close(id, f, ref)
  }

  return {
    get openFlows() {
      return flows.size
    },
    get pendingBytes() {
      return pendingTotal
    },
    packet(p) {
      current = p
      const ref = at(p)
      if (++sinceSweep >= 4096) {
        sinceSweep = 0
        sweep(p.timeUs, ref)
      }
      // Segments come in bursts of one connection: the last flow is checked before building a key.
      let f: Flow | undefined
      let id: string
      const l = last
      if (
        l !== null &&
        !l.closed &&
        ((p.srcPort === l.key.clientPort &&
          p.dstPort === l.key.serverPort &&
          p.src === l.key.client &&
          p.dst === l.key.server) ||
          (p.srcPort === l.key.serverPort &&
            p.dstPort === l.key.clientPort &&
            p.src === l.key.server &&
            p.dst === l.key.client))
      ) {
        f = l
        id = l.id
      } else {
        const aFirst = p.src < p.dst || (p.src === p.dst && p.srcPort <= p.dstPort)
        id = aFirst ? `${p.src}|${p.srcPort}|${p.dst}|${p.dstPort}` : `${p.dst}|${p.dstPort}|${p.src}|${p.srcPort}`
        f = flows.get(id)
      }
      if (!f) {
        if (p.tcpFlags & RST) return // nothing to open for a lone reset
        if (flows.size >= L.maxFlows) {
          const [oldId, old] = flows.entries().next().value as [string, Flow]
          close(oldId, old, ref)
          onProblem({
            code: 'flow-table-full',
            offset: p.offset,
            packet: p.number,
            detail: `${L.maxFlows} connections open at once`,
            severity: 'skipped',
          })
        }
        // The client sent the SYN; a SYN-ACK comes from the server; mid-stream, a well-known port is the server's.
        const syn = (p.tcpFlags & SYN) !== 0
        const senderIsServer = syn ? (p.tcpFlags & ACK) !== 0 : p.srcPort < 1024 && p.dstPort >= 1024
        const key: FlowKey = senderIsServer
          ? { transport: 'tcp', client: p.dst, clientPort: p.dstPort, server: p.src, serverPort: p.srcPort }
          : { transport: 'tcp', client: p.src, clientPort: p.srcPort, server: p.dst, serverPort: p.dstPort }
        f = { key, wanted: false, client: side(), server: side(), lastUs: p.timeUs, id, closed: false }
        flows.set(id, f)
        f.wanted = sink.open(key, ref)
      }
      // Least recently used first in the table (what flow-table-full forgets): a flow moves to the end when a burst
      // of it starts (not on every packet of the burst).
      if (f !== last && f.lastUs !== p.timeUs) {
        flows.delete(id)
        flows.set(id, f)
      }
      f.lastUs = p.timeUs
      last = f
      const dir: Direction = p.src === f.key.client && p.srcPort === f.key.clientPort ? 'client' : 'server'
      const s = dir === 'client' ? f.client : f.server
      if (p.tcpFlags & SYN) s.next = (p.seq + 1) >>> 0
      if (f.wanted && p.payload.length > 0) {
        const seq = p.tcpFlags & SYN ? (p.seq + 1) >>> 0 : p.seq
        segment(f, dir, s, seq, p.payload, ref)
      }
      if (p.tcpFlags & RST) return close(id, f, ref)
      if (p.tcpFlags & FIN) {
        s.fin = true
        if (f.client.fin && f.server.fin) close(id, f, ref)
      }
    },
    flush() {
      const ref: PacketRef = { packet: current?.number ?? 0, timeUs: current?.timeUs ?? 0 }
      for (const [id, f] of [...flows]) close(id, f, ref)
    },
  }
}
