/**
 * Writes small pcap and pcapng files for tests and the benchmark: both byte orders, micro- or nanoseconds, several
 * interfaces with their link types, enhanced, simple and obsolete packet blocks, options (if_name, if_tsresol,
 * if_tsoffset). Concatenate two `writePcapng` outputs for a file of two sections.
 */
export interface WrittenPacket {
  data: Uint8Array
  timeUs?: number
  /** pcapng interface index (default 0). */
  iface?: number
  originalLength?: number
}

export function writePcap(
  packets: WrittenPacket[],
  opts: { littleEndian?: boolean; nano?: boolean; linkType?: number; snapLength?: number } = {},
): Uint8Array {
  const le = opts.littleEndian ?? true
  const size = 24 + packets.reduce((n, p) => n + 16 + p.data.length, 0)
  const out = new Uint8Array(size)
  const dv = new DataView(out.buffer)
  dv.setUint32(0, opts.nano ? 0xa1b23c4d : 0xa1b2c3d4, le)
  dv.setUint16(4, 2, le)
  dv.setUint16(6, 4, le)
  dv.setUint32(16, opts.snapLength ?? 262_144, le)
  dv.setUint32(20, opts.linkType ?? 1, le)
  let o = 24
  for (const p of packets) {
    const t = p.timeUs ?? 1_700_000_000_000_000
    dv.setUint32(o, Math.floor(t / 1e6), le)
    dv.setUint32(o + 4, opts.nano ? (t % 1e6) * 1000 : t % 1e6, le)
    dv.setUint32(o + 8, p.data.length, le)
    dv.setUint32(o + 12, p.originalLength ?? p.data.length, le)
    out.set(p.data, o + 16)
    o += 16 + p.data.length
  }
  return out
}

const pad4 = (n: number) => (n + 3) & ~3

function option(code: number, value: Uint8Array, le: boolean): Uint8Array {
  const out = new Uint8Array(4 + pad4(value.length))
  const dv = new DataView(out.buffer)
  dv.setUint16(0, code, le)
  dv.setUint16(2, value.length, le)
  out.set(value, 4)
  return out
}

function block(type: number, body: Uint8Array, le: boolean): Uint8Array {
  const total = 12 + pad4(body.length)
  const out = new Uint8Array(total)
  const dv = new DataView(out.buffer)
  dv.setUint32(0, type, le)
  dv.setUint32(4, total, le)
  out.set(body, 8)
  dv.setUint32(total - 4, total, le)
  return out
}

const concat = (parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let o = 0
  for (const p of parts) {
    out.set(p, o)
    o += p.length
  }
  return out
}

export interface WrittenInterface {
  linkType: number
  name?: string
  /** if_tsresol byte: 6 (µs, default), 9 (ns), or 0x80 | n for 2^-n. */
  tsresol?: number
  /** if_tsoffset: seconds added to every timestamp of this interface. */
  tsoffset?: number
  snapLength?: number
}

export function writePcapng(
  interfaces: WrittenInterface[],
  packets: (WrittenPacket & { simple?: boolean; obsolete?: boolean })[],
  opts: { littleEndian?: boolean } = {},
): Uint8Array {
  const le = opts.littleEndian ?? true
  const shbBody = new Uint8Array(16)
  const sdv = new DataView(shbBody.buffer)
  sdv.setUint32(0, 0x1a2b3c4d, le)
  sdv.setUint16(4, 1, le)
  sdv.setUint16(6, 0, le)
  sdv.setBigInt64(8, -1n, le)
  // The SHB's type reads the same in both orders.
  const parts: Uint8Array[] = [block(0x0a0d0d0a, shbBody, le)]
  for (const i of interfaces) {
    const head = new Uint8Array(8)
    const hdv = new DataView(head.buffer)
    hdv.setUint16(0, i.linkType, le)
    hdv.setUint32(4, i.snapLength ?? 0, le)
    const opts: Uint8Array[] = []
    if (i.name) opts.push(option(2, new TextEncoder().encode(i.name), le))
    if (i.tsresol !== undefined) opts.push(option(9, Uint8Array.of(i.tsresol), le))
    if (i.tsoffset !== undefined) {
      const v = new Uint8Array(8)
      new DataView(v.buffer).setBigInt64(0, BigInt(i.tsoffset), le)
      opts.push(option(14, v, le))
    }
    if (opts.length) opts.push(new Uint8Array(4))
    parts.push(block(1, concat([head, ...opts]), le))
  }
  for (const p of packets) {
    const iface = interfaces[p.iface ?? 0]
    if (p.simple) {
      const head = new Uint8Array(4)
      new DataView(head.buffer).setUint32(0, p.originalLength ?? p.data.length, le)
      parts.push(block(3, concat([head, p.data]), le))
      continue
    }
    const r = iface?.tsresol ?? 6
    const perSecond = r & 0x80 ? 2n ** BigInt(r & 0x7f) : 10n ** BigInt(r)
    // Exact integer arithmetic: ns times are beyond a double's 2^53. Rounded up so a reader rounding down gets timeUs.
    const us = BigInt(Math.trunc(p.timeUs ?? 1_700_000_000_000_000)) - BigInt(iface?.tsoffset ?? 0) * 1_000_000n
    const units = (us * perSecond + 999_999n) / 1_000_000n
    const head = new Uint8Array(20)
    const hdv = new DataView(head.buffer)
    // An obsolete packet block (type 2) has a 16-bit interface id and a 16-bit drops count where the EPB has 32 bits.
    if (p.obsolete) hdv.setUint16(0, p.iface ?? 0, le)
    else hdv.setUint32(0, p.iface ?? 0, le)
    hdv.setUint32(4, Number(units >> 32n), le)
    hdv.setUint32(8, Number(units & 0xffffffffn), le)
    hdv.setUint32(12, p.data.length, le)
    hdv.setUint32(16, p.originalLength ?? p.data.length, le)
    parts.push(
      block(p.obsolete ? 2 : 6, concat([head, p.data, new Uint8Array(pad4(p.data.length) - p.data.length)]), le),
    )
  }
  return concat(parts)
}
