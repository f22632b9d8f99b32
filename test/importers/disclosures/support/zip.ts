import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib'
import { zipParts } from '../../../../src/importers/disclosures/xlsx-parts.js'

/**
 * A minimal ZIP writer and reader for building disclosure fixtures and fuzz inputs (APPNOTE.TXT §4.3): stored or
 * deflated entries with a fixed timestamp, so the same input gives the same bytes (exceljs stamps the current time).
 * `declaredSize` lets a test write a part whose directory lies about its size.
 */
export interface ZipEntry {
  name: string
  data: Uint8Array
  store?: boolean
  /** Uncompressed size to declare instead of the real one. */
  declaredSize?: number
}

// 2024-01-01 00:00 in MS-DOS date/time format.
const DOS_TIME = 0
const DOS_DATE = ((2024 - 1980) << 9) | (1 << 5) | 1

export function writeZip(entries: readonly ZipEntry[]): Uint8Array {
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8')
    const body = e.store ? Buffer.from(e.data) : deflateRawSync(e.data, { level: 9 })
    const crc = crc32(e.data)
    const usize = e.declaredSize ?? e.data.length
    const method = e.store ? 0 : 8
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt16LE(0x0800, 6) // UTF-8 names
    local.writeUInt16LE(method, 8)
    local.writeUInt16LE(DOS_TIME, 10)
    local.writeUInt16LE(DOS_DATE, 12)
    local.writeUInt32LE(crc, 14)
    local.writeUInt32LE(body.length, 18)
    local.writeUInt32LE(usize, 22)
    local.writeUInt16LE(name.length, 26)
    locals.push(local, name, body)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(20, 4)
    central.writeUInt16LE(20, 6)
    central.writeUInt16LE(0x0800, 8)
    central.writeUInt16LE(method, 10)
    central.writeUInt16LE(DOS_TIME, 12)
    central.writeUInt16LE(DOS_DATE, 14)
    central.writeUInt32LE(crc, 16)
    central.writeUInt32LE(body.length, 20)
    central.writeUInt32LE(usize, 24)
    central.writeUInt16LE(name.length, 28)
    central.writeUInt32LE(offset, 42)
    centrals.push(central, name)
    offset += 30 + name.length + body.length
  }
  const cd = Buffer.concat(centrals)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(entries.length, 8)
  end.writeUInt16LE(entries.length, 10)
  end.writeUInt32LE(cd.length, 12)
  end.writeUInt32LE(offset, 16)
  return new Uint8Array(Buffer.concat([...locals, cd, end]))
}

/** The entries of a (well-formed) ZIP, e.g. a workbook exceljs wrote. */
export function readZip(bytes: Uint8Array): ZipEntry[] {
  return zipParts(bytes).map((p) => {
    const raw = bytes.subarray(p.dataStart, p.dataStart + p.csize)
    return { name: p.name, data: p.method === 0 ? new Uint8Array(raw) : new Uint8Array(inflateRawSync(raw)) }
  })
}

/** Re-zips a workbook with fixed timestamps (deterministic bytes), optionally with extra parts. */
export function normaliseWorkbook(bytes: Uint8Array, extra: readonly ZipEntry[] = []): Uint8Array {
  return writeZip([...readZip(bytes), ...extra])
}
