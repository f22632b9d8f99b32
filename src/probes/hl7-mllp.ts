import type { Hl7MllpFacts } from '../core/discovery/rules/facts.js'
import type { Probe } from './probe.js'
import { connectFor, readUntilSafe } from './session.js'
import { cleanText, errorText, hex, type Parsed, ParseError, parseSafely, Transcript } from './wire.js'

/** 2575 is IANA's hl7 port; the others are common MLLP listener defaults (Mirth, interface engines). */
const PORTS = [2575, 2576, 6661, 6662, 6663, 7777, 8211] as const
const VT = 0x0b
const FS = 0x1c
const CR = 0x0d
const MAX_REPLY = 65_536

/** Formats a date as HL7 TS (YYYYMMDDHHMMSS, HL7 v2.3 §2.8.44). */
function hl7Timestamp(d: Date): string {
  const p = (n: number): string => String(n).padStart(2, '0')
  return `${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}`
}

/**
 * The message we send: an NMQ^N01 "application management query" (HL7 v2.3 chapter 14) with only MSH and an
 * NCK (system clock) segment. Why NMQ: it is the one v2 message whose purpose is checking that an interface is
 * alive. Unlike ADT/ORM/ORU it cannot create, change or cancel anything, and unlike QRY it cannot return patient
 * data. Processing ID 'D' (debugging, MSH-11) marks it as a test. Receivers that do not know NMQ answer AR/AE,
 * which still proves an HL7 listener and tells us its MSH-3/MSH-4.
 */
export function buildNmqMessage(now: Date, controlId: string): string {
  const ts = hl7Timestamp(now)
  return [`MSH|^~\\&|MAMORI|SCAN|||${ts}||NMQ^N01|${controlId}|D|2.3`, `NCK|${ts}`].join('\r')
}

/** Frames a message for MLLP: VT, message, FS CR (HL7 v2 Implementation Guide, Appendix C "MLLP"). */
export function frameMllp(message: string): Uint8Array {
  return Buffer.concat([Buffer.from([VT]), Buffer.from(message, 'latin1'), Buffer.from([CR]), Buffer.from([FS, CR])])
}

/** True once a complete MLLP frame (…FS CR) has arrived. */
export function isMllpFrameComplete(b: Uint8Array): boolean {
  for (let i = 1; i < b.length; i++) if (b[i - 1] === FS && b[i] === CR) return true
  return false
}

/**
 * Parses the reply: strips MLLP framing when present, then reads MSH (field separator = MSH's 4th character)
 * and MSA. MSH-3/MSH-4 are the sender's application and facility, MSH-9 the message type, MSH-12 the version,
 * MSA-1 the acknowledgment code and MSA-3 its text (HL7 v2.3 §2.24.8, §2.24.10).
 */
export function parseHl7Reply(bytes: Uint8Array): Parsed<Hl7MllpFacts> {
  return parseSafely(() => {
    let start = 0
    let end = Math.min(bytes.length, MAX_REPLY)
    const framed = bytes[0] === VT
    if (framed) {
      start = 1
      let fs = -1
      for (let i = 1; i < end; i++) {
        if (bytes[i] === FS) {
          fs = i
          break
        }
      }
      if (fs < 0) throw new ParseError('MLLP start byte 0x0B without an end byte 0x1C')
      end = fs
    }
    const text = cleanText(bytes.subarray(start, end), MAX_REPLY)
    const segments = text.split(/\r\n|\r|\n/).filter((s) => s.length > 0)
    const msh = segments.find((s) => s.startsWith('MSH'))
    if (!msh) throw new ParseError(`no MSH segment in the reply (first bytes: ${hex(bytes.subarray(0, 16))})`)
    const sep = msh[3]
    if (sep === undefined || /[A-Za-z0-9\s]/.test(sep))
      throw new ParseError(`MSH field separator ${JSON.stringify(sep ?? '')} is not valid`)
    const f = msh.split(sep)
    const field = (i: number): string | null => {
      const v = f[i]
      return v === undefined || v === '' ? null : v.slice(0, 200)
    }
    const msa = segments.find((s) => s.startsWith(`MSA${sep}`))
    const m = msa?.split(sep) ?? []
    return {
      mllpFraming: framed,
      // Because MSH-1 is the separator itself, MSH-n is split index n-1.
      sendingApplication: field(2),
      sendingFacility: field(3),
      messageType: field(8),
      version: field(11),
      ackCode: m[1] ? m[1].slice(0, 2) : null,
      ackText: m[3] ? m[3].slice(0, 200) : null,
    }
  })
}

/**
 * hl7-mllp: sends one side-effect-free HL7 v2 NMQ^N01 message in an MLLP frame and reads the acknowledgment.
 *
 * @example Sample output (facts)
 * ```
 * { mllpFraming: true, ackCode: 'AR', ackText: 'Unsupported message type', sendingApplication: 'LABSYS',
 *   sendingFacility: 'CENTRAL-LAB', messageType: 'ACK^N01', version: '2.3' }
 * ```
 */
export const hl7Mllp = {
  id: 'hl7-mllp',
  protocol: 'hl7',
  transport: 'tcp',
  safety: 'safe',
  ports: PORTS,
  summary: 'Detects an HL7 v2 MLLP listener and reports the sending application and facility from its ACK.',
  sends:
    'One HL7 v2 NMQ^N01 (network management query, processing ID D) in an MLLP frame: no patient data, no order, no update.',
  applies: (t) =>
    t.transport === 'tcp' &&
    (t.service === 'hl7' || t.service === 'mllp' || t.service === 'hl7-mllp' || PORTS.some((p) => p === t.port)),
  async run(target, ctx) {
    const conn = await connectFor(target, ctx)
    if ('reason' in conn) return { kind: 'unreachable', reason: conn.reason }
    const { socket } = conn
    const tr = new Transcript()
    try {
      const controlId = `MAMORI${Date.now().toString(36).toUpperCase()}`
      const frame = frameMllp(buildNmqMessage(new Date(), controlId))
      tr.sent(frame)
      await socket.write(frame)
      const reply = await readUntilSafe(socket, isMllpFrameComplete, ctx.timeoutMs, MAX_REPLY)
      if (reply.length === 0) return { kind: 'absent', evidence: `${tr.toString()}\n# no reply` }
      tr.received(reply)
      const parsed = parseHl7Reply(reply)
      if (parsed.ok) return { kind: 'observed', facts: parsed.value, evidence: tr.toString() }
      // A VT start byte means MLLP was spoken even if the content is broken.
      if (reply[0] === VT)
        return { kind: 'incomplete', facts: { mllpFraming: true }, evidence: hex(reply), reason: parsed.reason }
      return { kind: 'absent', evidence: tr.toString() }
    } catch (error) {
      return { kind: 'incomplete', facts: {}, evidence: tr.toString(), reason: errorText(error) }
    } finally {
      socket.close()
    }
  },
} as const satisfies Probe<Hl7MllpFacts>
