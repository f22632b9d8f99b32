/**
 * Byte helpers shared by the probe codecs: bounded readers, evidence formatting and a never-throwing parse
 * boundary. Hostile peers control every length field, so every read is checked against the buffer first.
 */

/** Raised only inside codecs; {@link parseSafely} turns it (and anything else) into a result. */
export class ParseError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ParseError'
  }
}

/** Either the parsed value or the reason parsing stopped (with the offset where it did). */
export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string }

/**
 * Runs a parser and turns every exception into `{ ok: false }`. Parsers are written with explicit offsets and
 * {@link ByteReader}; this boundary guarantees that a malformed reply never reaches the engine as a throw.
 */
export function parseSafely<T>(parse: () => T): Parsed<T> {
  try {
    return { ok: true, value: parse() }
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) }
  }
}

/** Sequential reader with bounds checks; every overrun names the field and the offset. */
export class ByteReader {
  offset: number
  constructor(
    readonly buf: Uint8Array,
    offset = 0,
    readonly end = buf.length,
  ) {
    this.offset = offset
  }

  get remaining(): number {
    return this.end - this.offset
  }

  private need(n: number, what: string): void {
    if (n < 0 || this.offset + n > this.end) {
      throw new ParseError(`${what}: needs ${n} byte(s) at offset ${this.offset}, only ${this.remaining} left`)
    }
  }

  u8(what = 'byte'): number {
    this.need(1, what)
    const v = this.buf[this.offset]!
    this.offset += 1
    return v
  }

  u16be(what = 'uint16'): number {
    this.need(2, what)
    const v = (this.buf[this.offset]! << 8) | this.buf[this.offset + 1]!
    this.offset += 2
    return v
  }

  u16le(what = 'uint16'): number {
    this.need(2, what)
    const v = this.buf[this.offset]! | (this.buf[this.offset + 1]! << 8)
    this.offset += 2
    return v
  }

  u32be(what = 'uint32'): number {
    this.need(4, what)
    const b = this.buf
    const o = this.offset
    const v = ((b[o]! << 24) >>> 0) + (b[o + 1]! << 16) + (b[o + 2]! << 8) + b[o + 3]!
    this.offset += 4
    return v
  }

  u32le(what = 'uint32'): number {
    this.need(4, what)
    const b = this.buf
    const o = this.offset
    const v = ((b[o + 3]! << 24) >>> 0) + (b[o + 2]! << 16) + (b[o + 1]! << 8) + b[o]!
    this.offset += 4
    return v
  }

  bytes(n: number, what = 'bytes'): Uint8Array {
    this.need(n, what)
    const v = this.buf.subarray(this.offset, this.offset + n)
    this.offset += n
    return v
  }

  skip(n: number, what = 'padding'): void {
    this.need(n, what)
    this.offset += n
  }

  /** A reader over the next `n` bytes (a length-prefixed item); the parent skips past them. */
  sub(n: number, what = 'item'): ByteReader {
    this.need(n, what)
    const r = new ByteReader(this.buf, this.offset, this.offset + n)
    this.offset += n
    return r
  }
}

/** Printable ASCII kept, CR/LF shown as \r \n, everything else as \xNN; capped at `max` bytes of input. */
export function toEvidence(bytes: Uint8Array | string, max = 4096): string {
  if (typeof bytes === 'string') return bytes.length > max ? `${bytes.slice(0, max)}…(+${bytes.length - max})` : bytes
  let out = ''
  const n = Math.min(bytes.length, max)
  for (let i = 0; i < n; i++) {
    const c = bytes[i]!
    if (c === 0x0d) out += '\\r'
    else if (c === 0x0a) out += '\\n'
    else if (c === 0x5c) out += '\\\\'
    else if (c >= 0x20 && c < 0x7f) out += String.fromCharCode(c)
    else out += `\\x${c.toString(16).padStart(2, '0')}`
  }
  if (bytes.length > max) out += `…(+${bytes.length - max} bytes)`
  return out
}

/** Lower-case hex, capped (for binary protocols where escaped ASCII would be unreadable). */
export function hex(bytes: Uint8Array, max = 1024): string {
  const n = Math.min(bytes.length, max)
  let out = ''
  for (let i = 0; i < n; i++) out += bytes[i]!.toString(16).padStart(2, '0')
  if (bytes.length > max) out += `…(+${bytes.length - max} bytes)`
  return out
}

/** Decodes printable text without trusting it: control characters other than tab/CR/LF are dropped. */
export function cleanText(bytes: Uint8Array, max = 4096): string {
  const s = Buffer.from(bytes.subarray(0, max)).toString('latin1')
  let out = ''
  for (const ch of s) {
    const c = ch.charCodeAt(0)
    if (c === 9 || c === 10 || c === 13 || (c >= 0x20 && c !== 0x7f)) out += ch
  }
  return out
}

/** The message of an unknown thrown value (socket errors, timeouts) for a result's `reason`. */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/** Lines of a transcript: `>` what we sent, `<` what we got, both as evidence text. */
export class Transcript {
  private readonly lines: string[] = []
  sent(data: Uint8Array | string, binary = false): void {
    this.lines.push(`> ${binary && typeof data !== 'string' ? hex(data) : toEvidence(data)}`)
  }
  received(data: Uint8Array | string, binary = false): void {
    this.lines.push(`< ${binary && typeof data !== 'string' ? hex(data) : toEvidence(data)}`)
  }
  note(text: string): void {
    this.lines.push(`# ${text}`)
  }
  toString(): string {
    return this.lines.join('\n')
  }
}
