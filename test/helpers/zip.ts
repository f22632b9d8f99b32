import { crc32, createDeflateRaw, deflateRawSync } from 'node:zlib'

/**
 * A tiny ZIP writer for hostile test files (APPNOTE.TXT §4.3): every field can be made to lie. Each part says what
 * its local header and its central-directory entry declare; by default both tell the truth.
 */
export interface ZipPart {
  name: string
  /** The bytes stored (already deflated when method is 8 and `raw` is set). */
  data: Buffer
  /** data is already compressed (deflate) and `size`/`crc` must be given. */
  raw?: boolean
  method?: 0 | 8
  size?: number
  crc?: number
  /** Lies told by the central directory only. */
  central?: { name?: string; size?: number; method?: number; offsetOf?: string }
  /** Lies told by the local header only. */
  local?: { name?: string; size?: number; method?: number }
}

export function buildZip(parts: ZipPart[]): Buffer {
  const locals: Buffer[] = []
  const offsets = new Map<string, number>()
  const centrals: Buffer[] = []
  let offset = 0
  const specs = parts.map((p) => {
    const method = p.method ?? 8
    const stored = p.raw ? p.data : method === 8 ? deflateRawSync(p.data) : p.data
    const size = p.size ?? p.data.length
    const crc = p.crc ?? crc32(p.data)
    return { p, method, stored, size, crc }
  })
  for (const { p, method, stored, size, crc } of specs) {
    const name = Buffer.from(p.local?.name ?? p.name)
    const h = Buffer.alloc(30)
    h.writeUInt32LE(0x04034b50, 0)
    h.writeUInt16LE(20, 4)
    h.writeUInt16LE(0x0800, 6) // UTF-8 names
    h.writeUInt16LE(p.local?.method ?? method, 8)
    h.writeUInt32LE(crc, 14)
    h.writeUInt32LE(stored.length, 18)
    h.writeUInt32LE(p.local?.size ?? size, 22)
    h.writeUInt16LE(name.length, 26)
    offsets.set(p.name, offset)
    locals.push(h, name, stored)
    offset += 30 + name.length + stored.length
  }
  for (const { p, method, stored, size, crc } of specs) {
    const name = Buffer.from(p.central?.name ?? p.name)
    const c = Buffer.alloc(46)
    c.writeUInt32LE(0x02014b50, 0)
    c.writeUInt16LE(20, 4)
    c.writeUInt16LE(20, 6)
    c.writeUInt16LE(0x0800, 8)
    c.writeUInt16LE(p.central?.method ?? method, 10)
    c.writeUInt32LE(crc, 16)
    c.writeUInt32LE(stored.length, 20)
    c.writeUInt32LE(p.central?.size ?? size, 24)
    c.writeUInt16LE(name.length, 28)
    c.writeUInt32LE(offsets.get(p.central?.offsetOf ?? p.name)!, 42)
    centrals.push(c, name)
  }
  const cd = Buffer.concat(centrals)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(parts.length, 8)
  end.writeUInt16LE(parts.length, 10)
  end.writeUInt32LE(cd.length, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, cd, end])
}

/** `bytes` zero bytes, raw-deflated (streamed: the zeros are never all in memory). 200 MB gives about 200 KB. */
export async function deflatedZeros(bytes: number): Promise<Buffer> {
  const z = createDeflateRaw({ level: 9 })
  const out: Buffer[] = []
  z.on('data', (c: Buffer) => out.push(c))
  const done = new Promise<void>((resolve, reject) => {
    z.on('end', resolve)
    z.on('error', reject)
  })
  const chunk = Buffer.alloc(1024 * 1024)
  for (let left = bytes; left > 0; left -= chunk.length) {
    const ok = z.write(left >= chunk.length ? chunk : chunk.subarray(0, left))
    if (!ok) await new Promise((r) => z.once('drain', r))
  }
  z.end()
  await done
  return Buffer.concat(out)
}
