/**
 * SMB NEGOTIATE messages, hand-written (docs/decisions/0003-hand-written-probe-codecs.md): the SMB1 request
 * and response of MS-CIFS §2.2.4.52, the SMB2 request and response of MS-SMB2 §2.2.3/§2.2.4, and the NetBIOS
 * session framing of RFC 1002 §4.3.
 */
import { ByteReader, type Parsed, ParseError, parseSafely } from './wire.js'

/** The SMB1 dialects we offer; no SMB2 strings, so an SMB1-capable server must pick one of these. */
export const SMB1_DIALECTS = ['PC NETWORK PROGRAM 1.0', 'LANMAN1.0', 'NT LM 0.12'] as const
/** SMB2/3 dialect revisions we offer (MS-SMB2 §2.2.3). */
export const SMB2_DIALECTS = [0x0202, 0x0210, 0x0300, 0x0302, 0x0311] as const

/** Dialect revision to its usual name. */
export function smb2DialectName(d: number): string {
  const names: Record<number, string> = {
    514: '2.0.2',
    528: '2.1',
    768: '3.0',
    770: '3.0.2',
    785: '3.1.1',
    767: '2.???',
  }
  return names[d] ?? `0x${d.toString(16).padStart(4, '0')}`
}

/** Wraps an SMB message in the 4-byte session-message header (RFC 1002 §4.3.1; "direct TCP" on 445). */
export function frame(message: Uint8Array): Uint8Array {
  const head = Buffer.alloc(4)
  head.writeUInt32BE(message.length & 0x00ffffff, 0)
  return Buffer.concat([head, message])
}

/** True once a whole session message (header + length) is buffered. */
export function isFrameComplete(b: Uint8Array): boolean {
  if (b.length < 4) return false
  const len = (b[1]! << 16) + (b[2]! << 8) + b[3]!
  return b.length >= 4 + len
}

function netbiosName(name: string, suffix: number): Buffer {
  // First-level encoding (RFC 1001 §14.1): 16 bytes (15 padded + suffix), each nibble as 'A' + nibble.
  const raw = Buffer.alloc(16, 0x20)
  Buffer.from(name.slice(0, 15), 'ascii').copy(raw)
  raw[15] = suffix
  const out = Buffer.alloc(34)
  out[0] = 32
  for (let i = 0; i < 16; i++) {
    out[1 + i * 2] = 0x41 + (raw[i]! >> 4)
    out[2 + i * 2] = 0x41 + (raw[i]! & 0x0f)
  }
  return out
}

/** NetBIOS SESSION REQUEST (RFC 1002 §4.3.2) to "*SMBSERVER", needed before SMB on port 139. */
export function encodeSessionRequest(): Uint8Array {
  const body = Buffer.concat([netbiosName('*SMBSERVER', 0x20), netbiosName('MAMORI', 0x00)])
  const head = Buffer.from([0x81, 0, 0, body.length])
  return Buffer.concat([head, body])
}

/**
 * SMB1 NEGOTIATE request (MS-CIFS §2.2.4.52.1): 32-byte header (§2.2.3.1) with command 0x72, Flags 0x18,
 * Flags2 0xC001 (Unicode, NT status, long names; no extended security, so an NT LM 0.12 answer carries the
 * domain and server name in clear), WordCount 0, then each dialect as 0x02 + name + NUL.
 */
export function encodeSmb1Negotiate(): Uint8Array {
  const header = Buffer.alloc(32)
  header.write('\xffSMB', 0, 'latin1')
  header.writeUInt8(0x72, 4)
  header.writeUInt8(0x18, 9)
  header.writeUInt16LE(0xc001, 10)
  header.writeUInt16LE(0xfeff, 26) // PIDLow, any value
  const dialects = Buffer.concat(SMB1_DIALECTS.map((d) => Buffer.from(`\x02${d}\0`, 'latin1')))
  const params = Buffer.alloc(3)
  params.writeUInt8(0, 0)
  params.writeUInt16LE(dialects.length, 1)
  return frame(Buffer.concat([header, params, dialects]))
}

/** What an SMB1 NEGOTIATE response told us. */
export interface Smb1NegotiateResponse {
  status: number
  /** Index into {@link SMB1_DIALECTS}, or null when the server accepted none (0xFFFF). */
  dialect: string | null
  securityMode: number | null
  capabilities: number | null
  domain: string | null
  serverName: string | null
  serverGuid: string | null
}

/** An SMB2 reply instead of an SMB1 one: the server refuses SMB1 but speaks SMB2 (MS-SMB2 §3.3.5.3.1). */
export type Smb1Outcome = { kind: 'smb1'; response: Smb1NegotiateResponse } | { kind: 'smb2-instead' }

function utf16z(r: ByteReader, max: number): string {
  const chars: number[] = []
  while (r.remaining >= 2 && chars.length < max) {
    const c = r.u16le('UTF-16 character')
    if (c === 0) break
    chars.push(c)
  }
  return String.fromCharCode(...chars).replace(/[^\x20-\x7e\u00a0-\uffef]/g, '?')
}

function asciiz(r: ByteReader, max: number): string {
  let s = ''
  while (r.remaining > 0 && s.length < max) {
    const c = r.u8('character')
    if (c === 0) break
    s += c >= 0x20 && c < 0x7f ? String.fromCharCode(c) : '?'
  }
  return s
}

/** Formats 16 bytes as a Microsoft GUID (first three fields little endian). */
export function guidText(b: Uint8Array): string {
  const h = (i: number, n: number, le: boolean): string => {
    const part = Array.from(b.subarray(i, i + n))
    return (le ? part.reverse() : part).map((x) => x.toString(16).padStart(2, '0')).join('')
  }
  return `${h(0, 4, true)}-${h(4, 2, true)}-${h(6, 2, true)}-${h(8, 2, false)}-${h(10, 6, false)}`
}

/** Parses a framed SMB1 NEGOTIATE response (MS-CIFS §2.2.4.52.2). Never throws. */
export function parseSmb1Negotiate(bytes: Uint8Array): Parsed<Smb1Outcome> {
  return parseSafely(() => {
    const r = new ByteReader(bytes)
    r.skip(4, 'session message header')
    const proto = r.bytes(4, 'protocol id')
    if (proto[0] === 0xfe && proto[1] === 0x53 && proto[2] === 0x4d && proto[3] === 0x42)
      return { kind: 'smb2-instead' }
    if (!(proto[0] === 0xff && proto[1] === 0x53 && proto[2] === 0x4d && proto[3] === 0x42)) {
      throw new ParseError(`protocol id at offset 4 is not \\xffSMB or \\xfeSMB`)
    }
    const command = r.u8('command')
    if (command !== 0x72)
      throw new ParseError(`command 0x${command.toString(16)} at offset 8, expected 0x72 (NEGOTIATE)`)
    const status = r.u32le('status')
    r.skip(1, 'flags')
    const flags2 = r.u16le('flags2')
    r.skip(20, 'rest of the SMB header')
    const response: Smb1NegotiateResponse = {
      status,
      dialect: null,
      securityMode: null,
      capabilities: null,
      domain: null,
      serverName: null,
      serverGuid: null,
    }
    if (status !== 0) return { kind: 'smb1', response }
    const wordCount = r.u8('WordCount')
    const words = r.sub(wordCount * 2, 'parameter words')
    const index = words.u16le('DialectIndex')
    if (index === 0xffff || index >= SMB1_DIALECTS.length) return { kind: 'smb1', response }
    response.dialect = SMB1_DIALECTS[index] ?? null
    if (wordCount !== 17) return { kind: 'smb1', response } // LANMAN/core responses: nothing more we use
    response.securityMode = words.u8('SecurityMode')
    words.skip(2 + 2 + 4 + 4 + 4, 'MaxMpxCount, MaxNumberVcs, MaxBufferSize, MaxRawSize, SessionKey')
    const caps = words.u32le('Capabilities')
    response.capabilities = caps
    words.skip(8 + 2, 'SystemTime, ServerTimeZone')
    const challengeLength = words.u8('ChallengeLength')
    const byteCount = r.u16le('ByteCount')
    const data = r.sub(Math.min(byteCount, r.remaining), 'bytes')
    if (caps & 0x80000000) {
      // CAP_EXTENDED_SECURITY: ServerGUID then a security blob.
      if (data.remaining >= 16) response.serverGuid = guidText(data.bytes(16, 'ServerGUID'))
      return { kind: 'smb1', response }
    }
    data.skip(Math.min(challengeLength, data.remaining), 'Challenge')
    const unicode = (flags2 & 0x8000) !== 0
    response.domain = (unicode ? utf16z(data, 64) : asciiz(data, 64)) || null
    response.serverName = (unicode ? utf16z(data, 64) : asciiz(data, 64)) || null
    return { kind: 'smb1', response }
  })
}

/**
 * SMB2 NEGOTIATE request (MS-SMB2 §2.2.3): 64-byte sync header (§2.2.1.2, command 0), StructureSize 36,
 * five dialects, SecurityMode 1 (signing enabled), a client GUID, and for 3.1.1 the mandatory
 * PREAUTH_INTEGRITY_CAPABILITIES context (§2.2.3.1.1, SHA-512) plus ENCRYPTION_CAPABILITIES (§2.2.3.1.2).
 */
export function encodeSmb2Negotiate(clientGuid: Uint8Array, salt: Uint8Array): Uint8Array {
  const header = Buffer.alloc(64)
  header.write('\xfeSMB', 0, 'latin1')
  header.writeUInt16LE(64, 4)
  header.writeUInt16LE(1, 14) // CreditRequest
  const body = Buffer.alloc(36)
  body.writeUInt16LE(36, 0)
  body.writeUInt16LE(SMB2_DIALECTS.length, 2)
  body.writeUInt16LE(1, 4)
  Buffer.from(clientGuid.subarray(0, 16)).copy(body, 12)
  const dialects = Buffer.alloc(SMB2_DIALECTS.length * 2)
  for (const [i, d] of SMB2_DIALECTS.entries()) dialects.writeUInt16LE(d, i * 2)
  const contextOffset = 64 + 36 + dialects.length
  const pad1 = Buffer.alloc((8 - (contextOffset % 8)) % 8)
  const preauthData = Buffer.alloc(6 + 32)
  preauthData.writeUInt16LE(1, 0) // HashAlgorithmCount
  preauthData.writeUInt16LE(32, 2) // SaltLength
  preauthData.writeUInt16LE(1, 4) // SHA-512
  Buffer.from(salt.subarray(0, 32)).copy(preauthData, 6)
  const preauth = Buffer.concat([ctxHeader(1, preauthData.length), preauthData])
  const pad2 = Buffer.alloc((8 - (preauth.length % 8)) % 8)
  const encData = Buffer.alloc(6)
  encData.writeUInt16LE(2, 0)
  encData.writeUInt16LE(0x0002, 2) // AES-128-GCM
  encData.writeUInt16LE(0x0001, 4) // AES-128-CCM
  const enc = Buffer.concat([ctxHeader(2, encData.length), encData])
  body.writeUInt32LE(contextOffset + pad1.length, 28)
  body.writeUInt16LE(2, 32)
  return frame(Buffer.concat([header, body, dialects, pad1, preauth, pad2, enc]))
}

function ctxHeader(type: number, length: number): Buffer {
  const b = Buffer.alloc(8)
  b.writeUInt16LE(type, 0)
  b.writeUInt16LE(length, 2)
  return b
}

/** What an SMB2 NEGOTIATE response told us (MS-SMB2 §2.2.4). */
export interface Smb2NegotiateResponse {
  status: number
  dialect: number | null
  signingRequired: boolean | null
  serverGuid: string | null
}

/** Parses a framed SMB2 NEGOTIATE response. Never throws. */
export function parseSmb2Negotiate(bytes: Uint8Array): Parsed<Smb2NegotiateResponse> {
  return parseSafely(() => {
    const r = new ByteReader(bytes)
    r.skip(4, 'session message header')
    const proto = r.bytes(4, 'protocol id')
    if (!(proto[0] === 0xfe && proto[1] === 0x53 && proto[2] === 0x4d && proto[3] === 0x42)) {
      throw new ParseError('protocol id at offset 4 is not \\xfeSMB')
    }
    const structureSize = r.u16le('StructureSize')
    if (structureSize !== 64)
      throw new ParseError(`SMB2 header StructureSize ${structureSize} at offset 8, expected 64`)
    r.skip(2, 'CreditCharge')
    const status = r.u32le('Status')
    const command = r.u16le('Command')
    if (command !== 0) throw new ParseError(`SMB2 command ${command} at offset 16, expected 0 (NEGOTIATE)`)
    r.skip(64 - 14, 'rest of the SMB2 header')
    if (status !== 0) return { status, dialect: null, signingRequired: null, serverGuid: null }
    const size = r.u16le('response StructureSize')
    if (size !== 65) throw new ParseError(`NEGOTIATE response StructureSize ${size} at offset 68, expected 65`)
    const securityMode = r.u16le('SecurityMode')
    const dialect = r.u16le('DialectRevision')
    r.skip(2, 'NegotiateContextCount')
    const guid = r.bytes(16, 'ServerGuid')
    return { status, dialect, signingRequired: (securityMode & 0x02) !== 0, serverGuid: guidText(guid) }
  })
}

/**
 * NTLMSSP NEGOTIATE_MESSAGE (MS-NLMP §2.2.1.1) with no domain or workstation name: it asks the server for its
 * CHALLENGE_MESSAGE, which carries its names and OS version. No credentials are sent. Flags: UNICODE,
 * REQUEST_TARGET, NTLM, ALWAYS_SIGN, EXTENDED_SESSIONSECURITY, VERSION, 128, KEY_EXCH, 56 (§2.2.2.5).
 */
export function encodeNtlmNegotiate(): Uint8Array {
  const b = Buffer.alloc(40)
  b.write('NTLMSSP\0', 0, 'latin1')
  b.writeUInt32LE(1, 8)
  b.writeUInt32LE(0xe2088205, 12)
  // DomainNameFields and WorkstationFields stay zero (16..31); Version (§2.2.2.10): 10.0 build 0, revision 15.
  b[32] = 10
  b[33] = 0
  b[39] = 15
  return b
}

/**
 * SMB2 SESSION_SETUP request (MS-SMB2 §2.2.5): StructureSize 25, SecurityMode 1 (signing enabled), no
 * capabilities, and the security blob right after the 24 fixed bytes (offset 88 from the SMB2 header).
 */
export function encodeSmb2SessionSetup(blob: Uint8Array, messageId = 1): Uint8Array {
  const header = Buffer.alloc(64)
  header.write('\xfeSMB', 0, 'latin1')
  header.writeUInt16LE(64, 4)
  header.writeUInt16LE(0x0001, 12) // Command SESSION_SETUP
  header.writeUInt16LE(1, 14) // CreditRequest
  header.writeUInt32LE(messageId, 24)
  const body = Buffer.alloc(24)
  body.writeUInt16LE(25, 0)
  body[3] = 0x01
  body.writeUInt16LE(64 + 24, 12)
  body.writeUInt16LE(blob.length, 14)
  return frame(Buffer.concat([header, body, blob]))
}

/** Names and version the server disclosed in its NTLM CHALLENGE_MESSAGE (MS-NLMP §2.2.1.2, §2.2.2.1). */
export interface NtlmServerInfo {
  netbiosComputer: string | null
  netbiosDomain: string | null
  dnsComputer: string | null
  dnsDomain: string | null
  /** 'major.minor.build' from the VERSION structure, when the server sent one. */
  version: string | null
}

function utf16At(msg: ByteReader, length: number): string {
  const raw = msg.bytes(length - (length % 2), 'UTF-16 string')
  return Buffer.from(raw)
    .toString('utf16le')
    .replace(/[^\x20-\x7e\u00a0-\uffef]/g, '?')
    .slice(0, 256)
}

/**
 * Finds the NTLMSSP CHALLENGE_MESSAGE inside an SMB2 SESSION_SETUP response (raw, or wrapped in SPNEGO: we
 * search for the signature rather than decode the DER wrapper) and reads its AV pairs and version.
 */
export function parseSmb2SessionSetupChallenge(bytes: Uint8Array): Parsed<NtlmServerInfo> {
  return parseSafely(() => {
    const r = new ByteReader(bytes)
    r.skip(4, 'session message header')
    const proto = r.bytes(4, 'protocol id')
    if (!(proto[0] === 0xfe && proto[1] === 0x53 && proto[2] === 0x4d && proto[3] === 0x42)) {
      throw new ParseError('protocol id at offset 4 is not \\xfeSMB')
    }
    const buf = Buffer.from(bytes)
    const at = buf.indexOf('NTLMSSP\0', 8, 'latin1')
    if (at < 0) throw new ParseError('no NTLMSSP message in the SESSION_SETUP response')
    const msg = new ByteReader(bytes, at)
    msg.skip(8, 'NTLMSSP signature')
    const type = msg.u32le('MessageType')
    if (type !== 2) throw new ParseError(`NTLMSSP message type ${type} at offset ${at + 8}, expected 2 (CHALLENGE)`)
    msg.skip(8, 'TargetNameFields')
    const flags = msg.u32le('NegotiateFlags')
    msg.skip(16, 'ServerChallenge, Reserved')
    const infoLen = msg.u16le('TargetInfoLen')
    msg.skip(2, 'TargetInfoMaxLen')
    const infoOffset = msg.u32le('TargetInfoBufferOffset')
    const info: NtlmServerInfo = {
      netbiosComputer: null,
      netbiosDomain: null,
      dnsComputer: null,
      dnsDomain: null,
      version: null,
    }
    if (flags & 0x02000000 && msg.remaining >= 8) {
      const major = msg.u8('ProductMajorVersion')
      const minor = msg.u8('ProductMinorVersion')
      const build = msg.u16le('ProductBuild')
      info.version = `${major}.${minor}.${build}`
    }
    if (infoLen > 0) {
      if (at + infoOffset > bytes.length)
        throw new ParseError(`TargetInfo offset ${infoOffset} is past the end of the message`)
      const pairs = new ByteReader(bytes, at + infoOffset, Math.min(bytes.length, at + infoOffset + infoLen))
      for (let n = 0; n < 32 && pairs.remaining >= 4; n++) {
        const id = pairs.u16le('AvId')
        const len = pairs.u16le('AvLen')
        if (id === 0) break // MsvAvEOL
        const value = pairs.sub(len, `AV pair ${id}`)
        if (id === 1) info.netbiosComputer = utf16At(value, len)
        else if (id === 2) info.netbiosDomain = utf16At(value, len)
        else if (id === 3) info.dnsComputer = utf16At(value, len)
        else if (id === 4) info.dnsDomain = utf16At(value, len)
      }
    }
    return info
  })
}

/**
 * A readable OS name from the NTLM VERSION (MS-NLMP §2.2.2.10). Windows reports its real version; Samba
 * reports 6.1.0 whatever it runs on, so build 0 is shown as such rather than guessed.
 */
export function osFromNtlmVersion(version: string | null): string | null {
  if (version === null) return null
  const [major, minor, build] = version.split('.').map(Number)
  const names: Record<string, string> = {
    '5.0': 'Windows 2000',
    '5.1': 'Windows XP',
    '5.2': 'Windows XP x64 / Server 2003',
    '6.0': 'Windows Vista / Server 2008',
    '6.1': 'Windows 7 / Server 2008 R2',
    '6.2': 'Windows 8 / Server 2012',
    '6.3': 'Windows 8.1 / Server 2012 R2',
    '10.0': (build ?? 0) >= 22000 ? 'Windows 11 / Server 2022 or later' : 'Windows 10 / Server 2016–2019',
  }
  if (build === 0) return `NT ${major}.${minor} build 0: Samba (Linux/Unix file sharing)`
  const name = names[`${major}.${minor}`]
  return name ? `${name} (build ${build})` : `Windows NT ${version}`
}
