import { createInflateRaw, inflateRawSync } from 'node:zlib'

/**
 * Reads parts of an .xlsx (ZIP) without exceljs, once ../zip-check.ts has found its headers consistent and its
 * inflated size within the cap: the part list (for vbaProject.bin), the sheet names and files (xl/workbook.xml and
 * its relationships), and each worksheet's used size, counted while inflating so that a 100,000-row sheet is refused
 * after reading its first few thousand rows, without ever holding the sheet in memory.
 */

export interface ZipPart {
  name: string
  method: number
  dataStart: number
  csize: number
  usize: number
}

/** The parts of a ZIP whose structure checkZip accepted (sizes and offsets are then trustworthy). */
export function zipParts(b: Uint8Array): ZipPart[] {
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength)
  let eocd = -1
  for (let i = b.length - 22; i >= 0 && i >= b.length - 22 - 65_535; i--) {
    if (dv.getUint32(i, true) === 0x06054b50) {
      eocd = i
      break
    }
  }
  if (eocd < 0) return []
  const count = dv.getUint16(eocd + 10, true)
  let p = dv.getUint32(eocd + 16, true)
  const utf8 = new TextDecoder()
  const parts: ZipPart[] = []
  for (let e = 0; e < count && p + 46 <= b.length; e++) {
    const nameLen = dv.getUint16(p + 28, true)
    const offset = dv.getUint32(p + 42, true)
    const localNameLen = dv.getUint16(offset + 26, true)
    const localExtraLen = dv.getUint16(offset + 28, true)
    parts.push({
      name: utf8.decode(b.subarray(p + 46, p + 46 + nameLen)),
      method: dv.getUint16(p + 10, true),
      csize: dv.getUint32(p + 20, true),
      usize: dv.getUint32(p + 24, true),
      dataStart: offset + 30 + localNameLen + localExtraLen,
    })
    p += 46 + nameLen + dv.getUint16(p + 30, true) + dv.getUint16(p + 32, true)
  }
  return parts
}

/** A small part's text (workbook.xml, its .rels); null when absent or over `max` bytes. */
export function partText(b: Uint8Array, parts: ZipPart[], name: string, max = 4 << 20): string | null {
  const part = parts.find((x) => x.name === name)
  if (!part || part.usize > max) return null
  const data = b.subarray(part.dataStart, part.dataStart + part.csize)
  const raw = part.method === 0 ? data : inflateRawSync(data, { maxOutputLength: max })
  return Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('utf8')
}

const unescapeXml = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&')

/** Sheet names in workbook order with the ZIP part of each (from xl/workbook.xml and xl/_rels/workbook.xml.rels). */
export function sheetParts(b: Uint8Array, parts: ZipPart[]): { name: string; part: string }[] {
  const wb = partText(b, parts, 'xl/workbook.xml')
  const rels = partText(b, parts, 'xl/_rels/workbook.xml.rels')
  if (!wb || !rels) return []
  const targets = new Map<string, string>()
  for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = /\bId="([^"]*)"/.exec(m[0])?.[1]
    const target = /\bTarget="([^"]*)"/.exec(m[0])?.[1]
    if (id && target) targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target}`)
  }
  const out: { name: string; part: string }[] = []
  for (const m of wb.matchAll(/<sheet\b[^>]*>/g)) {
    const name = /\bname="([^"]*)"/.exec(m[0])?.[1]
    const rid = /\br:id="([^"]*)"/.exec(m[0])?.[1] ?? /\b\w+:id="([^"]*)"/.exec(m[0])?.[1]
    const part = rid ? targets.get(rid) : undefined
    if (name !== undefined && part) out.push({ name: unescapeXml(name), part })
  }
  return out
}

const colNumber = (letters: string) => {
  let n = 0
  for (const ch of letters) n = n * 26 + ch.charCodeAt(0) - 64
  return n
}

/**
 * Used rows (rows with at least one value) and the rightmost used column of a worksheet part, counted as the part
 * inflates; stops as soon as either passes its limit. Tags are ASCII, so the XML is scanned as latin1 pieces with a
 * short overlap between pieces.
 */
export function sheetUsedSize(
  b: Uint8Array,
  part: ZipPart,
  maxRows: number,
  maxColumns: number,
): Promise<{ rows: number; columns: number; over: boolean }> {
  return new Promise((resolve) => {
    let rows = 0
    let columns = 0
    let col = 0
    let rowHasValue = false
    let carry = ''
    let done = false
    const TOKEN = /<c\b[^>]*>|<(?:v|is|f)[\s>]|<\/row>|<row\b/g
    const finish = (over: boolean) => {
      if (done) return
      done = true
      resolve({ rows, columns, over })
    }
    const scan = (text: string, final: boolean) => {
      const limit = final ? text.length : Math.max(0, text.length - 256)
      TOKEN.lastIndex = 0
      for (let m = TOKEN.exec(text); m && m.index < limit; m = TOKEN.exec(text)) {
        const t = m[0]
        if (t.startsWith('<row')) {
          col = 0
          rowHasValue = false
        } else if (t === '</row>') {
          if (rowHasValue) rows++
        } else if (t.startsWith('<c')) {
          const r = /\br="([A-Z]{1,3})\d+"/.exec(t)
          col = r ? colNumber(r[1]!) : col + 1
        } else {
          rowHasValue = true
          if (col > columns) columns = col
        }
        if (rows > maxRows || columns > maxColumns) return true
      }
      carry = text.slice(limit)
      return false
    }
    const data = b.subarray(part.dataStart, part.dataStart + part.csize)
    if (part.method === 0) {
      finish(scan(Buffer.from(data).toString('latin1'), true))
      return
    }
    const z = createInflateRaw({ chunkSize: 64 * 1024 })
    z.on('data', (c: Buffer) => {
      if (done) return
      if (scan(carry + c.toString('latin1'), false)) {
        finish(true)
        z.destroy()
      }
    })
    z.on('end', () => finish(scan(carry, true)))
    z.on('error', () => finish(false))
    z.on('close', () => finish(false))
    z.end(data)
  })
}
