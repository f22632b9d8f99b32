import { createServer, type Server, type Socket } from 'node:net'

/**
 * The lab's HL7 v2 interface engine: accepts MLLP-framed messages and answers each with an ACK whose MSH-3/MSH-4
 * (sending application/facility) name a fictional app, so a scanner can fingerprint it.
 *
 * MLLP framing (HL7 v2.5.1 Appendix C, "Minimal Lower Layer Protocol"): <VT 0x0B> message <FS 0x1C><CR 0x0D>.
 * Segments end with CR. The ACK follows HL7 v2.5 §2.9.2 (original acknowledgment mode): MSH + MSA with
 * AA (accepted) or AR (rejected, e.g. when the frame does not start with an MSH segment).
 */
export interface Hl7ResponderOptions {
  sendingApplication: string
  sendingFacility: string
  /** Largest accepted frame; a peer that sends more is disconnected. Default 1 MiB. */
  maxFrameBytes?: number
  /** Clock for MSH-7, injectable for tests. */
  now?: () => Date
}

export const VT = 0x0b
export const FS = 0x1c
export const CR = 0x0d
/** End block: FS followed by CR. */
const END_BLOCK = Buffer.from([FS, CR])

/** The fields of an inbound MSH segment that the ACK echoes. */
export interface MshFields {
  fieldSeparator: string
  encodingCharacters: string
  sendingApplication: string
  sendingFacility: string
  receivingApplication: string
  receivingFacility: string
  messageType: string
  controlId: string
  processingId: string
  version: string
}

/**
 * Parses the MSH segment at the start of `message` (HL7 v2.5 §2.14.9). Returns null when the message does not
 * start with "MSH" followed by a field separator. Never throws, whatever the input.
 */
export function parseMsh(message: string): MshFields | null {
  if (!message.startsWith('MSH') || message.length < 4) return null
  const sep = message.charAt(3)
  // MSH-1 is the separator itself; letters, digits and CR cannot be separators.
  if (/[A-Za-z0-9\r\n]/.test(sep)) return null
  const segment = message.split(/\r\n|\r|\n/)[0] ?? ''
  // fields[0] = 'MSH', fields[1] = MSH-2 (encoding characters), fields[n] = MSH-(n+1).
  const fields = segment.split(sep)
  const f = (n: number) => fields[n - 1] ?? ''
  return {
    fieldSeparator: sep,
    encodingCharacters: f(2),
    sendingApplication: f(3),
    sendingFacility: f(4),
    receivingApplication: f(5),
    receivingFacility: f(6),
    messageType: f(9),
    controlId: f(10),
    processingId: f(11),
    version: f(12),
  }
}

/** HL7 TS (YYYYMMDDHHMMSS) in UTC. */
function hl7Timestamp(d: Date): string {
  return d.toISOString().replace(/[-:T]/g, '').replace(/\..*$/, '')
}

/** Strips the separator and encoding characters so echoed values cannot break our own ACK's structure. */
function clean(value: string, forbidden: string): string {
  let out = ''
  for (const ch of value.slice(0, 180)) if (!forbidden.includes(ch) && ch !== '\r' && ch !== '\n') out += ch
  return out
}

/** Builds the ACK for one inbound message (without MLLP framing). */
export function buildAck(message: string, opts: Hl7ResponderOptions, controlSeq: number): string {
  const msh = parseMsh(message)
  const sep = '|'
  const bad = '|^~\\&'
  const now = hl7Timestamp((opts.now ?? (() => new Date()))())
  const trigger = msh ? clean(msh.messageType.split(msh.encodingCharacters.charAt(0) || '^')[1] ?? '', bad) : ''
  const ackType = trigger ? `ACK^${trigger}^ACK` : 'ACK'
  const header = [
    'MSH',
    '^~\\&',
    clean(opts.sendingApplication, bad),
    clean(opts.sendingFacility, bad),
    msh ? clean(msh.sendingApplication, bad) : '',
    msh ? clean(msh.sendingFacility, bad) : '',
    now,
    '',
    ackType,
    `ACK${controlSeq}`,
    msh ? clean(msh.processingId, bad) || 'P' : 'P',
    msh ? clean(msh.version, bad) || '2.5' : '2.5',
  ].join(sep)
  const msa = msh
    ? ['MSA', 'AA', clean(msh.controlId, bad)].join(sep)
    : ['MSA', 'AR', '', 'Message does not start with an MSH segment'].join(sep)
  return `${header}\r${msa}\r`
}

/** Wraps a message in an MLLP frame. */
export function frame(message: string): Buffer {
  return Buffer.concat([Buffer.from([VT]), Buffer.from(message, 'utf8'), Buffer.from([FS, CR])])
}

/**
 * Splits the bytes received so far into complete MLLP frames and the unconsumed rest. Bytes before a VT are
 * discarded (MLLP receivers resynchronise on the start block). Never throws.
 */
export function takeFrames(buf: Buffer): { frames: Buffer[]; rest: Buffer } {
  const frames: Buffer[] = []
  let pos = 0
  for (;;) {
    const start = buf.indexOf(VT, pos)
    if (start < 0) return { frames, rest: Buffer.alloc(0) }
    const end = buf.indexOf(END_BLOCK, start + 1)
    if (end < 0) return { frames, rest: buf.subarray(start) }
    frames.push(buf.subarray(start + 1, end))
    pos = end + END_BLOCK.length
  }
}

/** Creates (does not start) the MLLP responder. Call `.listen(port, host)` on the result. */
export function createHl7Responder(opts: Hl7ResponderOptions): Server {
  const max = opts.maxFrameBytes ?? 1024 * 1024
  let seq = 0
  return createServer((socket: Socket) => {
    let pending: Buffer = Buffer.alloc(0)
    socket.setTimeout(60_000, () => socket.destroy())
    socket.on('error', () => socket.destroy())
    socket.on('data', (chunk: Buffer) => {
      pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk])
      const { frames, rest } = takeFrames(pending)
      pending = rest
      for (const f of frames) {
        seq += 1
        socket.write(frame(buildAck(f.toString('utf8'), opts, seq)))
      }
      if (pending.length > max) socket.destroy()
    })
  })
}
