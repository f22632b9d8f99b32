import type { Direction, Emit, FlowKey, Hl7MessageEvent, PacketRef, StreamDissector } from '../contract.js'
import { latin1, printable } from './bytes.js'

/**
 * HL7 v2 over MLLP (<VT> message <FS><CR>), or bare `MSH|` messages: only the MSH segment is read (applications,
 * facilities, message type, version). The rest of a message — patient data — is skipped unread.
 */
const VT = 0x0b
const FS = 0x1c
const MAX_MSH = 2048
const MAX_MESSAGES = 200

function looksLikeMsh(b: Uint8Array, o: number): boolean {
  if (b[o] !== 0x4d || b[o + 1] !== 0x53 || b[o + 2] !== 0x48) return false
  const sep = b[o + 3] ?? 0
  // A separator is punctuation: not a letter, digit, CR or space.
  return sep > 0x20 && sep < 0x7f && !/[A-Za-z0-9]/.test(String.fromCharCode(sep))
}

/** The MSH segment's fields as an event (fields beyond MSH-12 ignored). */
export function parseMsh(
  text: string,
  base: { at: PacketRef; flow: FlowKey; mac: string | null },
): Hl7MessageEvent | null {
  if (!text.startsWith('MSH') || text.length < 8) return null
  const sep = text.charAt(3)
  const fields = text.split(/\r|\n/)[0]?.split(sep) ?? []
  const comp = fields[1]?.charAt(0) || '^'
  const f = (n: number) => {
    const v = printable(
      Uint8Array.from(fields[n - 1] ?? '', (c) => c.charCodeAt(0) & 0xff),
      128,
    )
    return v.length > 0
      ? v
          .split(comp)
          .filter(Boolean)
          .join(comp === '^' ? '^' : comp) || null
      : null
  }
  const type = (fields[8] ?? '').split(comp).slice(0, 2).filter(Boolean).join('^')
  return {
    kind: 'hl7-message',
    ...base,
    sendingApplication: f(3),
    sendingFacility: f(4),
    receivingApplication: f(5),
    receivingFacility: f(6),
    messageType: type || null,
    version: f(12),
    ack: /^ACK/.test(type) || /\rMSA\|/.test(text),
  }
}

export const hl7Dissector: StreamDissector = {
  protocol: 'hl7',
  detect: (first) => (first[0] === VT && looksLikeMsh(first, 1)) || looksLikeMsh(first, 0),
  open(flow, emit: Emit, mac) {
    type State = { mode: 'seek' | 'msh' | 'skip'; msh: string }
    const st: Record<Direction, State> = { client: { mode: 'seek', msh: '' }, server: { mode: 'seek', msh: '' } }
    let messages = 0
    return {
      data(dir, bytes, at) {
        const s = st[dir]
        let i = 0
        while (i < bytes.length) {
          if (s.mode === 'seek') {
            const vt = bytes.indexOf(VT, i)
            if (vt >= 0) {
              s.mode = 'msh'
              s.msh = ''
              i = vt + 1
              continue
            }
            // Bare HL7 (no MLLP): a message starts with MSH at the start of the data.
            if (i === 0 && looksLikeMsh(bytes, 0)) {
              s.mode = 'msh'
              s.msh = ''
              continue
            }
            return 'more'
          }
          if (s.mode === 'msh') {
            let j = i
            while (j < bytes.length && bytes[j] !== 0x0d && bytes[j] !== 0x0a && bytes[j] !== FS) j++
            s.msh += latin1(bytes, i, Math.min(j, i + MAX_MSH))
            if (j === bytes.length && s.msh.length < MAX_MSH) return 'more'
            const ev = parseMsh(s.msh, { at: { ...at }, flow, mac: dir === 'client' ? mac.client : mac.server })
            if (ev) emit(ev)
            if (++messages >= MAX_MESSAGES) return 'done'
            s.mode = 'skip'
            i = j
            continue
          }
          const fs = bytes.indexOf(FS, i)
          if (fs < 0) return 'more'
          s.mode = 'seek'
          i = fs + 1
        }
        return 'more'
      },
      end() {},
    }
  },
}
