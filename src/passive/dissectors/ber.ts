/**
 * A bounded BER reader for SNMP (X.690): tag, definite length (long form up to 4 bytes), value view. Never reads
 * past the buffer; returns null on anything malformed.
 */
export interface Tlv {
  tag: number
  start: number
  end: number
}

export function tlv(b: Uint8Array, o: number, limit = b.length): Tlv | null {
  if (o + 2 > limit) return null
  const tag = b[o] ?? 0
  let len = b[o + 1] ?? 0
  let p = o + 2
  if (len & 0x80) {
    const n = len & 0x7f
    if (n === 0 || n > 4 || p + n > limit) return null
    len = 0
    for (let i = 0; i < n; i++) len = len * 256 + (b[p + i] ?? 0)
    p += n
  }
  if (p + len > limit) return null
  return { tag, start: p, end: p + len }
}

export function int(b: Uint8Array, t: Tlv): number {
  let v = 0
  for (let i = t.start; i < Math.min(t.end, t.start + 6); i++) v = v * 256 + (b[i] ?? 0)
  return v
}

/** Dotted text of an OBJECT IDENTIFIER value. */
export function oid(b: Uint8Array, t: Tlv): string {
  if (t.end <= t.start) return ''
  const first = b[t.start] ?? 0
  const parts = [Math.floor(first / 40), first % 40]
  let v = 0
  for (let i = t.start + 1; i < t.end && parts.length < 64; i++) {
    const c = b[i] ?? 0
    v = v * 128 + (c & 0x7f)
    if (!(c & 0x80)) {
      parts.push(v)
      v = 0
    }
  }
  return parts.join('.')
}
