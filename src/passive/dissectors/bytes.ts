/**
 * Small helpers the dissectors share: bounded buffering of a direction's bytes, printable text, big/little-endian
 * reads that never throw past the end.
 */

/** Printable ASCII (control bytes dropped, trimmed), at most `max` characters. */
export function printable(bytes: Uint8Array, max = 256): string {
  let s = ''
  for (let i = 0; i < bytes.length && s.length < max; i++) {
    const c = bytes[i] ?? 0
    if (c >= 0x20 && c < 0x7f) s += String.fromCharCode(c)
    else if (c === 0x09) s += ' '
  }
  return s.trim()
}

/** Latin-1 text of a view (for protocol text: headers, commands). */
export function latin1(bytes: Uint8Array, start = 0, end = bytes.length): string {
  // Node's latin1 decoder is native: much faster than building the string a character at a time.
  return Buffer.from(bytes.buffer, bytes.byteOffset + start, Math.max(0, Math.min(end, bytes.length) - start)).toString(
    'latin1',
  )
}

/** UTF-16LE text of a view, printable only, at most 256 characters. */
export function utf16le(bytes: Uint8Array): string {
  let s = ''
  for (let i = 0; i + 1 < bytes.length && s.length < 256; i += 2) {
    const c = (bytes[i] ?? 0) | ((bytes[i + 1] ?? 0) << 8)
    if (c >= 0x20 && c !== 0x7f) s += String.fromCharCode(c)
  }
  return s.trim()
}

export const u16be = (b: Uint8Array, o: number) => ((b[o] ?? 0) << 8) | (b[o + 1] ?? 0)
export const u16le = (b: Uint8Array, o: number) => (b[o] ?? 0) | ((b[o + 1] ?? 0) << 8)
export const u24be = (b: Uint8Array, o: number) => ((b[o] ?? 0) << 16) | ((b[o + 1] ?? 0) << 8) | (b[o + 2] ?? 0)
export const u32be = (b: Uint8Array, o: number) => (u16be(b, o) * 65536 + u16be(b, o + 2)) >>> 0
export const u32le = (b: Uint8Array, o: number) => (u16le(b, o) + u16le(b, o + 2) * 65536) >>> 0

/**
 * Collects a direction's bytes for a message-framed protocol, bounded: `append` copies (streams may split a message
 * anywhere), `take(n)` removes and returns the first n bytes, `drop(n)` skips them. Over `max` bytes held, `append`
 * returns false and the caller should give up on the flow.
 */
export class ByteQueue {
  private buf = new Uint8Array(0)
  constructor(private readonly max: number) {}
  get length(): number {
    return this.buf.length
  }
  get bytes(): Uint8Array {
    return this.buf
  }
  append(data: Uint8Array): boolean {
    if (this.buf.length + data.length > this.max) return false
    const next = new Uint8Array(this.buf.length + data.length)
    next.set(this.buf)
    next.set(data, this.buf.length)
    this.buf = next
    return true
  }
  take(n: number): Uint8Array {
    const out = this.buf.subarray(0, n)
    this.buf = this.buf.subarray(n)
    return out
  }
  clear(): void {
    this.buf = new Uint8Array(0)
  }
}

/** Index of `needle` in `hay` from `from`, or -1. */
export function indexOf(hay: Uint8Array, needle: readonly number[], from = 0): number {
  const first = needle[0]
  outer: for (
    let i = hay.indexOf(first ?? 0, from);
    i >= 0 && i + needle.length <= hay.length;
    i = hay.indexOf(first ?? 0, i + 1)
  ) {
    for (let j = 1; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer
    return i
  }
  return -1
}
