/**
 * IP fragment reassembly (IPv4 and IPv6), bounded: at most MAX_DATAGRAMS pending, MAX_BYTES each, and a datagram
 * that has not completed within TIMEOUT_US of capture time is dropped (`fragment-dropped`). Overlapping fragments
 * keep the bytes that arrived first (as RFC 5722 asks receivers to distrust overlaps).
 */
import type { CapturedPacket, CaptureProblem } from '../contract.js'

export const FRAGMENT_LIMITS = { MAX_DATAGRAMS: 1024, MAX_BYTES: 65_535, TIMEOUT_US: 30_000_000 } as const

interface Pending {
  parts: { off: number; data: Uint8Array }[]
  /** Payload length once the last fragment (MF clear) arrived. */
  total: number | null
  bytes: number
  firstUs: number
}

export interface FragmentTable {
  /** Adds one fragment's payload; returns the whole payload when this completes the datagram, else null. */
  add(key: string, offset: number, more: boolean, data: Uint8Array, packet: CapturedPacket): Uint8Array | null
  readonly pending: number
}

export function createFragmentTable(onProblem: (p: CaptureProblem) => void): FragmentTable {
  const table = new Map<string, Pending>()

  const drop = (key: string, packet: CapturedPacket, why: string) => {
    table.delete(key)
    onProblem({
      code: 'fragment-dropped',
      offset: packet.offset,
      packet: packet.number,
      detail: why,
      severity: 'skipped',
    })
  }

  /** Drops datagrams older than the timeout, oldest first (the Map keeps arrival order): O(1) when none is due. */
  function expire(now: number, packet: CapturedPacket): void {
    for (const [key, p] of table) {
      if (now - p.firstUs <= FRAGMENT_LIMITS.TIMEOUT_US) return
      drop(key, packet, `a datagram waited more than ${FRAGMENT_LIMITS.TIMEOUT_US / 1e6} s for its other fragments`)
    }
  }

  return {
    get pending() {
      return table.size
    },
    add(key, offset, more, data, packet) {
      if (table.size > 0) expire(packet.timeUs, packet)
      let p = table.get(key)
      if (!p) {
        if (table.size >= FRAGMENT_LIMITS.MAX_DATAGRAMS) {
          if (table.size >= FRAGMENT_LIMITS.MAX_DATAGRAMS) {
            const oldest = table.keys().next().value as string
            drop(oldest, packet, `more than ${FRAGMENT_LIMITS.MAX_DATAGRAMS} datagrams were waiting for fragments`)
          }
        }
        p = { parts: [], total: null, bytes: 0, firstUs: packet.timeUs }
        table.set(key, p)
      }
      const end = offset + data.length
      if (end > FRAGMENT_LIMITS.MAX_BYTES) {
        drop(key, packet, `fragment at offset ${offset} reaches beyond ${FRAGMENT_LIMITS.MAX_BYTES} bytes`)
        return null
      }
      if (!more) {
        if (p.total !== null && p.total !== end) {
          drop(key, packet, `two last fragments say ${p.total} and ${end} bytes`)
          return null
        }
        p.total = end
      }
      p.parts.push({ off: offset, data: data.slice() })
      p.bytes += data.length
      if (p.total === null) return null
      // Complete when the parts cover 0..total without a hole.
      const sorted = [...p.parts].sort((a, b) => a.off - b.off)
      let covered = 0
      for (const part of sorted) {
        if (part.off > covered) return null
        covered = Math.max(covered, part.off + part.data.length)
      }
      if (covered < p.total) return null
      const whole = new Uint8Array(p.total)
      const have = new Uint8Array(p.total)
      // Arrival order: the first copy of any byte wins.
      for (const part of p.parts) {
        for (let i = 0; i < part.data.length; i++) {
          const at = part.off + i
          if (at >= p.total || have[at]) continue
          whole[at] = part.data[i] ?? 0
          have[at] = 1
        }
      }
      table.delete(key)
      return whole
    },
  }
}
