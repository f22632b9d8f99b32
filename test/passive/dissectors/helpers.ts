/** Feeding dissectors by hand: a stream dissector over scripted bytes (split as asked), a datagram, a frame. */
import type {
  DatagramDissector,
  Direction,
  FlowKey,
  FrameDissector,
  PassiveEvent,
  StreamDissector,
} from '../../../src/passive/contract.js'
import { pkt } from '../analyze/build.js'

export const FLOW: FlowKey = {
  transport: 'tcp',
  client: '10.1.0.5',
  clientPort: 50000,
  server: '10.1.0.9',
  serverPort: 104,
}

/** Runs a stream dissector over (direction, bytes) turns, each cut into pieces of `piece` bytes. */
export function stream(
  d: StreamDissector,
  turns: [Direction, Uint8Array][],
  piece = Number.POSITIVE_INFINITY,
  flow: FlowKey = FLOW,
): PassiveEvent[] {
  const events: PassiveEvent[] = []
  const first = turns[0]
  if (!first) return events
  if (!d.detect(first[1].subarray(0, 64), first[0], flow)) throw new Error(`${d.protocol} did not detect its own bytes`)
  const parser = d.open(flow, (e) => events.push(e), { client: '00:00:5e:00:53:01', server: '00:00:5e:00:53:02' })
  let n = 0
  outer: for (const [dir, bytes] of turns) {
    for (let i = 0; i < bytes.length; i += piece) {
      n++
      if (
        parser.data(dir, bytes.subarray(i, Math.min(bytes.length, i + piece)), { packet: n, timeUs: n }, false) ===
        'done'
      )
        break outer
    }
  }
  parser.end()
  return events
}

/** Runs a datagram dissector over one UDP payload between two addresses. */
export function datagram(
  d: DatagramDissector,
  payload: Uint8Array,
  ports: { src: number; dst: number },
  addresses = { src: '10.1.0.5', dst: '10.1.0.9' },
): PassiveEvent[] {
  const p = pkt({
    protocol: 17,
    srcPort: ports.src,
    dstPort: ports.dst,
    src: addresses.src,
    dst: addresses.dst,
    payload,
    srcMac: '00:00:5e:00:53:01',
  })
  const events: PassiveEvent[] = []
  if (!d.detect(payload, p)) return events
  d.parse(payload, p, (e) => events.push(e))
  return events
}

/** Runs a frame dissector over a non-IP frame's payload. */
export function frame(
  d: FrameDissector,
  l2Payload: Uint8Array,
  opts: { etherType?: number; snapProtocol?: number | null } = {},
): PassiveEvent[] {
  const p = pkt({
    ipVersion: null,
    src: '',
    dst: '',
    protocol: 0,
    etherType: opts.etherType ?? 0,
    snapProtocol: opts.snapProtocol ?? null,
    l2Payload,
    srcMac: '00:00:5e:00:53:07',
  })
  const events: PassiveEvent[] = []
  if (!d.detect(p)) return events
  d.parse(p, (e) => events.push(e))
  return events
}

export const bytes = (...parts: (number[] | Uint8Array | string)[]): Uint8Array => {
  const chunks = parts.map((p) => (typeof p === 'string' ? new TextEncoder().encode(p) : Uint8Array.from(p)))
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0))
  let o = 0
  for (const c of chunks) {
    out.set(c, o)
    o += c.length
  }
  return out
}

export const u16 = (n: number) => [(n >> 8) & 255, n & 255]
export const u32 = (n: number) => [(n >>> 24) & 255, (n >> 16) & 255, (n >> 8) & 255, n & 255]
