import type { DicomAssociateEvent, Direction, Emit, FlowKey, PacketRef, StreamDissector } from '../contract.js'
import { ByteQueue, printable, u16be, u32be } from './bytes.js'

/**
 * DICOM upper layer (PS3.8 §9.3): A-ASSOCIATE-RQ (type 1), -AC (2) and -RJ (3) — AE titles, abstract syntaxes
 * (SOP class UIDs), implementation class UID and version name. Stops after the association answer: P-DATA carries
 * patient data and is never read.
 */
const MAX_PDU = 64 * 1024

function plausible(b: Uint8Array): boolean {
  if (b.length < 10) return false
  const type = b[0] ?? 0
  if (b[1] !== 0) return false
  const len = u32be(b, 2)
  if (type === 3) return len === 4
  if (type !== 1 && type !== 2) return false
  // Protocol version 1, and a length that can hold the fixed fields.
  return len >= 68 && len < 1 << 20 && u16be(b, 6) === 1
}

function ae(b: Uint8Array, o: number): string | null {
  const s = printable(b.subarray(o, o + 16), 16)
  return s.length > 0 ? s : null
}

/** Parses one whole PDU (header included) into an event, or null when it is not an associate PDU. */
export function parseAssociatePdu(
  pdu: Uint8Array,
  base: { at: PacketRef; flow: FlowKey; mac: string | null },
): DicomAssociateEvent | null {
  const type = pdu[0]
  if (type === 3) {
    return {
      kind: 'dicom-associate',
      pdu: 'rj',
      ...base,
      callingAeTitle: null,
      calledAeTitle: null,
      implementationClassUid: null,
      implementationVersionName: null,
      abstractSyntaxes: [],
      reject: { result: pdu[7] ?? 0, source: pdu[8] ?? 0, reason: pdu[9] ?? 0 },
    }
  }
  if (type !== 1 && type !== 2) return null
  const ev: DicomAssociateEvent = {
    kind: 'dicom-associate',
    pdu: type === 1 ? 'rq' : 'ac',
    ...base,
    calledAeTitle: ae(pdu, 10),
    callingAeTitle: ae(pdu, 26),
    implementationClassUid: null,
    implementationVersionName: null,
    abstractSyntaxes: [],
    reject: null,
  }
  const end = Math.min(pdu.length, 6 + u32be(pdu, 2))
  let p = 74
  while (p + 4 <= end) {
    const item = pdu[p] ?? 0
    const len = u16be(pdu, p + 2)
    const body = p + 4
    if (body + len > end) break
    if (item === 0x20) {
      // Presentation context (RQ): id, reserved ×3, then sub-items; 0x30 is the abstract syntax.
      let q = body + 4
      while (q + 4 <= body + len) {
        const sub = pdu[q] ?? 0
        const sl = u16be(pdu, q + 2)
        if (sub === 0x30 && ev.abstractSyntaxes.length < 64)
          ev.abstractSyntaxes.push(printable(pdu.subarray(q + 4, q + 4 + sl), 64))
        q += 4 + sl
      }
    } else if (item === 0x50) {
      let q = body
      while (q + 4 <= body + len) {
        const sub = pdu[q] ?? 0
        const sl = u16be(pdu, q + 2)
        const v = printable(pdu.subarray(q + 4, q + 4 + sl), 64)
        if (sub === 0x52) ev.implementationClassUid = v || null
        else if (sub === 0x55) ev.implementationVersionName = v || null
        q += 4 + sl
      }
    }
    p = body + len
  }
  return ev
}

export const dicomDissector: StreamDissector = {
  protocol: 'dicom',
  detect: (first) => plausible(first),
  open(flow, emit: Emit, mac) {
    const queues = { client: new ByteQueue(MAX_PDU + 6), server: new ByteQueue(MAX_PDU + 6) }
    let answered = false
    return {
      data(dir: Direction, bytes, at) {
        const q = queues[dir]
        if (!q.append(bytes)) return 'done'
        // Ten bytes tell a PDU's type, length and protocol version; fewer wait for more.
        while (q.length >= 10) {
          const b = q.bytes
          if (!plausible(b) && !(b[0] && b[0] >= 4 && b[0] <= 7)) return 'done'
          const total = 6 + u32be(b, 2)
          if (total > MAX_PDU + 6) return 'done'
          if (q.length < total) return 'more'
          const pdu = q.take(total)
          const ev = parseAssociatePdu(pdu, { at: { ...at }, flow, mac: dir === 'client' ? mac.client : mac.server })
          if (ev) emit(ev)
          if (ev && ev.pdu !== 'rq') answered = true
          if (answered || !ev) return 'done'
        }
        return 'more'
      },
      end() {},
    }
  },
}
