/**
 * A small DICOM Upper Layer codec: just the PDUs a Verification (C-ECHO) association needs, PS3.8 §9.3.
 * Hand-written because it is about 200 lines, auditable byte by byte, and avoids a heavy dependency; see
 * docs/decisions/0003-hand-written-probe-codecs.md.
 */
import { ByteReader, type Parsed, ParseError, parseSafely } from './wire.js'

export const VERIFICATION_SOP_CLASS = '1.2.840.10008.1.1'
export const APPLICATION_CONTEXT = '1.2.840.10008.3.1.1.1'
export const IMPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2'
export const EXPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2.1'
/** Mamori's Implementation Class UID: a UUID-derived UID under 2.25 (PS3.5 §B.2), fixed for this codec. */
export const MAMORI_IMPLEMENTATION_UID = '2.25.198382751685685185696773127088334871257'
export const MAMORI_VERSION_NAME = 'MAMORI_0_1'
/** Largest PDU we accept from a peer; a Verification exchange never needs more. */
export const MAX_PDU_READ = 65_536

export const PDU_ASSOCIATE_RQ = 0x01
export const PDU_ASSOCIATE_AC = 0x02
export const PDU_ASSOCIATE_RJ = 0x03
export const PDU_P_DATA_TF = 0x04
export const PDU_RELEASE_RQ = 0x05
export const PDU_RELEASE_RP = 0x06
export const PDU_ABORT = 0x07

function aeTitle(title: string): Buffer {
  // AE titles are 16 bytes, space padded (PS3.8 §9.3.2, PS3.5 §6.2 "AE" VR).
  return Buffer.from(title.slice(0, 16).padEnd(16, ' '), 'ascii')
}

function item(type: number, body: Buffer): Buffer {
  const head = Buffer.alloc(4)
  head.writeUInt8(type, 0)
  head.writeUInt16BE(body.length, 2)
  return Buffer.concat([head, body])
}

function pdu(type: number, body: Buffer): Buffer {
  const head = Buffer.alloc(6)
  head.writeUInt8(type, 0)
  head.writeUInt32BE(body.length, 2)
  return Buffer.concat([head, body])
}

/**
 * A-ASSOCIATE-RQ (PS3.8 §9.3.2): protocol version 1, called/calling AE, 32 reserved bytes, then the
 * Application Context item (0x10, §9.3.2.1), one Presentation Context item (0x20, §9.3.2.2) proposing
 * Verification with Implicit and Explicit VR Little Endian, and User Information (0x50, §9.3.2.3) with
 * Maximum Length (0x51, PS3.7 §D.1), Implementation Class UID (0x52) and Version Name (0x55) (PS3.7 §D.3.3.2).
 */
export function encodeAssociateRq(calledAe: string, callingAe: string, maxPdu = 16_384): Uint8Array {
  const fixed = Buffer.alloc(68)
  fixed.writeUInt16BE(1, 0)
  aeTitle(calledAe).copy(fixed, 4)
  aeTitle(callingAe).copy(fixed, 20)
  const appCtx = item(0x10, Buffer.from(APPLICATION_CONTEXT, 'ascii'))
  const presCtx = item(
    0x20,
    Buffer.concat([
      Buffer.from([1, 0, 0, 0]), // presentation context ID 1 (odd, §9.3.2.2), 3 reserved bytes
      item(0x30, Buffer.from(VERIFICATION_SOP_CLASS, 'ascii')),
      item(0x40, Buffer.from(IMPLICIT_VR_LITTLE_ENDIAN, 'ascii')),
      item(0x40, Buffer.from(EXPLICIT_VR_LITTLE_ENDIAN, 'ascii')),
    ]),
  )
  const maxLen = Buffer.alloc(4)
  maxLen.writeUInt32BE(maxPdu, 0)
  const userInfo = item(
    0x50,
    Buffer.concat([
      item(0x51, maxLen),
      item(0x52, Buffer.from(MAMORI_IMPLEMENTATION_UID, 'ascii')),
      item(0x55, Buffer.from(MAMORI_VERSION_NAME, 'ascii')),
    ]),
  )
  return pdu(PDU_ASSOCIATE_RQ, Buffer.concat([fixed, appCtx, presCtx, userInfo]))
}

/** Fields of an A-ASSOCIATE-AC we care about. */
export interface AssociateAc {
  /** Result per presentation context ID (0 acceptance, 1 user-rejection, 2 no-reason, 3 abstract syntax not supported, 4 transfer syntaxes not supported). */
  presentationContexts: { id: number; result: number; transferSyntax: string | null }[]
  maxPduLength: number | null
  implementationClassUid: string | null
  implementationVersionName: string | null
}

/** A-ASSOCIATE-RJ fields (PS3.8 §9.3.4, Table 9-21). */
export interface AssociateRj {
  result: number
  source: number
  reason: number
  text: string
}

/** Any PDU a peer may answer with, decoded. */
export type DicomReply =
  | { type: 'associate-ac'; ac: AssociateAc }
  | { type: 'associate-rj'; rj: AssociateRj }
  | { type: 'abort'; source: number; reason: number }
  | {
      type: 'p-data'
      command: { commandField: number | null; status: number | null; messageIdBeingRespondedTo: number | null }
    }
  | { type: 'release-rp' }
  | { type: 'release-rq' }

function uidText(bytes: Uint8Array): string {
  // UIDs are padded with a trailing NUL to an even length (PS3.5 §9.1); AE/version names with spaces.
  return Buffer.from(bytes)
    .toString('latin1')
    .replace(/[\0 ]+$/, '')
    .replace(/[^\x20-\x7e]/g, '?')
    .slice(0, 64)
}

const REJECT_REASONS: Record<string, string> = {
  '1/1': 'service-user: no reason given',
  '1/2': 'service-user: application context name not supported',
  '1/3': 'service-user: calling AE title not recognized',
  '1/7': 'service-user: called AE title not recognized',
  '2/1': 'service-provider (ACSE): no reason given',
  '2/2': 'service-provider (ACSE): protocol version not supported',
  '3/1': 'service-provider (presentation): temporary congestion',
  '3/2': 'service-provider (presentation): local limit exceeded',
}

/** Human text for an A-ASSOCIATE-RJ (PS3.8 Table 9-21). */
export function rejectText(result: number, source: number, reason: number): string {
  const kind = result === 1 ? 'rejected-permanent' : result === 2 ? 'rejected-transient' : `result ${result}`
  return `${kind}; ${REJECT_REASONS[`${source}/${reason}`] ?? `source ${source}, reason ${reason}`}`
}

/** True once `buf` holds a whole PDU (6-byte header + length) or more than we are willing to read. */
export function isPduComplete(buf: Uint8Array): boolean {
  if (buf.length < 6) return false
  const len = ((buf[2]! << 24) >>> 0) + (buf[3]! << 16) + (buf[4]! << 8) + buf[5]!
  return buf.length >= 6 + len || 6 + len > MAX_PDU_READ
}

function parseAc(r: ByteReader): AssociateAc {
  r.skip(68, 'A-ASSOCIATE-AC fixed fields') // version, reserved, echoed AE titles, 32 reserved (§9.3.3)
  const ac: AssociateAc = {
    presentationContexts: [],
    maxPduLength: null,
    implementationClassUid: null,
    implementationVersionName: null,
  }
  let items = 0
  while (r.remaining > 0) {
    if (++items > 256) throw new ParseError('more than 256 items in A-ASSOCIATE-AC')
    const at = r.offset
    const type = r.u8('item type')
    r.skip(1, 'item reserved')
    const len = r.u16be('item length')
    const body = r.sub(len, `item 0x${type.toString(16)} at offset ${at}`)
    if (type === 0x21) {
      // Presentation Context item (AC), §9.3.3.2: ID, reserved, result/reason, reserved, transfer syntax sub-item.
      const id = body.u8('presentation context ID')
      body.skip(1)
      const result = body.u8('result/reason')
      body.skip(1)
      let transferSyntax: string | null = null
      if (body.remaining >= 4) {
        body.skip(2, 'transfer syntax sub-item header')
        const tsLen = body.u16be('transfer syntax length')
        transferSyntax = uidText(body.bytes(Math.min(tsLen, body.remaining), 'transfer syntax'))
      }
      ac.presentationContexts.push({ id, result, transferSyntax })
    } else if (type === 0x50) {
      // User Information item, §9.3.3.3; sub-items per PS3.7 Annex D.
      let subs = 0
      while (body.remaining > 0) {
        if (++subs > 64) throw new ParseError('more than 64 user information sub-items')
        const subType = body.u8('sub-item type')
        body.skip(1)
        const subLen = body.u16be('sub-item length')
        const sub = body.sub(subLen, `user information sub-item 0x${subType.toString(16)}`)
        if (subType === 0x51 && subLen >= 4) ac.maxPduLength = sub.u32be('maximum length')
        else if (subType === 0x52) ac.implementationClassUid = uidText(sub.bytes(sub.remaining))
        else if (subType === 0x55) ac.implementationVersionName = uidText(sub.bytes(sub.remaining))
      }
    }
  }
  return ac
}

/**
 * Walks the PDVs of a P-DATA-TF (§9.3.5, Annex E.2) and reads the command set (implicit VR little endian,
 * PS3.7 §6.3.1): Command Field (0000,0100), Message ID Being Responded To (0000,0120), Status (0000,0900).
 */
function parsePData(r: ByteReader): DicomReply {
  const command = {
    commandField: null as number | null,
    status: null as number | null,
    messageIdBeingRespondedTo: null as number | null,
  }
  let pdvs = 0
  while (r.remaining > 0) {
    if (++pdvs > 64) throw new ParseError('more than 64 PDV items')
    const len = r.u32be('PDV item length')
    if (len < 2) throw new ParseError(`PDV item length ${len} at offset ${r.offset - 4} is below 2`)
    const pdv = r.sub(len, 'PDV item')
    pdv.u8('presentation context ID')
    const header = pdv.u8('message control header')
    if ((header & 0x01) === 0) continue // a data fragment: C-ECHO has none, ignore
    let elements = 0
    while (pdv.remaining >= 8) {
      if (++elements > 64) throw new ParseError('more than 64 command elements')
      const group = pdv.u16le('element group')
      const element = pdv.u16le('element number')
      const vlen = pdv.u32le('element length')
      const value = pdv.sub(vlen, `element (${group.toString(16)},${element.toString(16)}) value`)
      if (group !== 0) continue
      if (vlen === 2) {
        const v = value.u16le('US value')
        if (element === 0x0100) command.commandField = v
        else if (element === 0x0900) command.status = v
        else if (element === 0x0120) command.messageIdBeingRespondedTo = v
      }
    }
  }
  return { type: 'p-data', command }
}

/** Decodes one PDU from a peer. Never throws; the reason names the field and offset. */
export function parseDicomReply(bytes: Uint8Array): Parsed<DicomReply> {
  return parseSafely(() => {
    const r = new ByteReader(bytes)
    const type = r.u8('PDU type')
    r.skip(1, 'PDU reserved')
    const len = r.u32be('PDU length')
    if (len > MAX_PDU_READ) throw new ParseError(`PDU length ${len} exceeds our ${MAX_PDU_READ}-byte limit`)
    const body = r.sub(len, `PDU type 0x${type.toString(16)} body`)
    switch (type) {
      case PDU_ASSOCIATE_AC:
        return { type: 'associate-ac', ac: parseAc(body) }
      case PDU_ASSOCIATE_RJ: {
        body.skip(1, 'A-ASSOCIATE-RJ reserved')
        const result = body.u8('result')
        const source = body.u8('source')
        const reason = body.u8('reason/diag.')
        return { type: 'associate-rj', rj: { result, source, reason, text: rejectText(result, source, reason) } }
      }
      case PDU_ABORT: {
        body.skip(2, 'A-ABORT reserved')
        return { type: 'abort', source: body.u8('source'), reason: body.u8('reason/diag.') }
      }
      case PDU_P_DATA_TF:
        return parsePData(body)
      case PDU_RELEASE_RP:
        return { type: 'release-rp' }
      case PDU_RELEASE_RQ:
        return { type: 'release-rq' }
      default:
        throw new ParseError(`unexpected PDU type 0x${type.toString(16)} at offset 0`)
    }
  })
}

function element(group: number, elem: number, value: Buffer): Buffer {
  const head = Buffer.alloc(8)
  head.writeUInt16LE(group, 0)
  head.writeUInt16LE(elem, 2)
  head.writeUInt32LE(value.length, 4)
  return Buffer.concat([head, value])
}

function us(v: number): Buffer {
  const b = Buffer.alloc(2)
  b.writeUInt16LE(v, 0)
  return b
}

/**
 * P-DATA-TF carrying a C-ECHO-RQ command set (PS3.7 §9.3.5.1, Table 9.3-12) in implicit VR little endian:
 * Affected SOP Class UID, Command Field 0x0030, Message ID, Command Data Set Type 0x0101 (no data set),
 * preceded by Command Group Length. One PDV, message control header 0x03 (command, last fragment).
 */
export function encodeEchoRq(presentationContextId: number, messageId: number): Uint8Array {
  const sop = Buffer.from(`${VERIFICATION_SOP_CLASS}\0`, 'ascii') // 17 chars + NUL pad to even length
  const body = Buffer.concat([
    element(0x0000, 0x0002, sop),
    element(0x0000, 0x0100, us(0x0030)),
    element(0x0000, 0x0110, us(messageId)),
    element(0x0000, 0x0800, us(0x0101)),
  ])
  const groupLength = Buffer.alloc(4)
  groupLength.writeUInt32LE(body.length, 0)
  const command = Buffer.concat([element(0x0000, 0x0000, groupLength), body])
  const pdvHead = Buffer.alloc(6)
  pdvHead.writeUInt32BE(command.length + 2, 0)
  pdvHead.writeUInt8(presentationContextId, 4)
  pdvHead.writeUInt8(0x03, 5)
  return pdu(PDU_P_DATA_TF, Buffer.concat([pdvHead, command]))
}

/** A-RELEASE-RQ (PS3.8 §9.3.6): 4 reserved bytes. */
export function encodeReleaseRq(): Uint8Array {
  return pdu(PDU_RELEASE_RQ, Buffer.alloc(4))
}

/** A-ABORT (PS3.8 §9.3.8) from the service-user, used when the peer misbehaves. */
export function encodeAbort(): Uint8Array {
  return pdu(PDU_ABORT, Buffer.alloc(4))
}
