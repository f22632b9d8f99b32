import { createInflateRaw } from 'node:zlib'
import { MamoriError, type MessageParams } from '../core/errors.js'
import { bilingual } from '../core/messages/translate.js'
import { isZip, MAX_XLSX_UNCOMPRESSED } from './table-result.js'

/**
 * Checks an .xlsx (ZIP) before exceljs opens it, trusting nothing the file declares:
 * - the central directory and every entry's local file header must agree (name, compression method, flags, sizes,
 *   CRC) and entries must not overlap — readers that trust one or the other (or reuse bytes for several entries, the
 *   "overlapping" zip bomb) would otherwise see different files;
 * - every entry is inflated as a stream and its output bytes are counted and thrown away: the inflation stops as soon
 *   as an entry gives more than it declared or all entries together pass `maxInflated`, so a small upload cannot make
 *   the server inflate gigabytes whatever its directory says.
 * Written here over node:zlib rather than with an unzip library: yauzl (the careful one) counts actual bytes against
 * the declared size but reads a local header only to skip it, so the local-vs-central and overlap checks would be
 * hand-written anyway, and exceljs (JSZip) still has to read the workbook from memory afterwards.
 */

export type ZipCheckCode = 'XLSX_ZIP_DAMAGED' | 'XLSX_ZIP_MISMATCH' | 'XLSX_TOO_LARGE' | 'XLSX_ZIP_UNSUPPORTED'

/**
 * A refusal carries its catalog code and parameters (`errors.<code>`) and, rendered from them, the English and
 * Japanese texts the import preview shows.
 */
export type ZipCheck =
  | { ok: true; entries: number; inflated: number }
  | { ok: false; code: ZipCheckCode; params: MessageParams; en: string; ja: string; entry: string | null }

const CEN_SIG = 0x02014b50
const LOC_SIG = 0x04034b50
const EOCD_SIG = 0x06054b50

interface Entry {
  name: string
  nameBytes: Uint8Array
  flags: number
  method: number
  crc: number
  csize: number
  usize: number
  offset: number
  dataStart: number
}

function refused(code: ZipCheckCode, params: MessageParams, entry: string | null): ZipCheck {
  return { ok: false, code, params, ...bilingual(`errors.${code}`, params), entry }
}

const damaged = (en: string, ja: string, entry: string | null = null): ZipCheck =>
  refused('XLSX_ZIP_DAMAGED', { why: { en, ja } }, entry)

/** What a part's local header and the ZIP directory disagree on, in both languages. */
const DISAGREEMENT = {
  offset: { en: 'offset', ja: '位置' },
  name: { en: 'name', ja: '名前' },
  'compression method': { en: 'compression method', ja: '圧縮方式' },
  flags: { en: 'flags', ja: 'フラグ' },
  'compressed size': { en: 'compressed size', ja: '圧縮後のサイズ' },
  size: { en: 'size', ja: 'サイズ' },
  checksum: { en: 'checksum', ja: 'チェックサム' },
  'overlapping parts': { en: 'overlapping parts', ja: '部品の重なり' },
} as const

const mismatch = (entry: string, what: keyof typeof DISAGREEMENT): ZipCheck =>
  refused('XLSX_ZIP_MISMATCH', { entry, what: DISAGREEMENT[what] }, entry)

const tooLarge = (limit: number, entry: string | null): ZipCheck =>
  refused('XLSX_TOO_LARGE', { mb: Math.round(limit / 1024 / 1024) }, entry)

const unsupported = (en: string, ja: string, entry: string): ZipCheck =>
  refused('XLSX_ZIP_UNSUPPORTED', { why: { en, ja } }, entry)

/** Inflates `data` (raw DEFLATE) counting the output, stopping once it passes `limit`; keeps nothing. */
function inflatedLength(data: Uint8Array, limit: number): Promise<{ n: number; over: boolean } | { error: string }> {
  return new Promise((resolve) => {
    const z = createInflateRaw({ chunkSize: 64 * 1024 })
    let n = 0
    let settled = false
    const settle = (v: { n: number; over: boolean } | { error: string }) => {
      if (settled) return
      settled = true
      resolve(v)
    }
    z.on('data', (c: Buffer) => {
      n += c.length
      if (n > limit) {
        settle({ n, over: true })
        z.destroy()
      }
    })
    z.on('end', () => settle({ n, over: false }))
    z.on('error', (e) => settle({ error: e.message }))
    z.on('close', () => settle({ n, over: n > limit }))
    z.end(data)
  })
}

/** Validates the ZIP structure and inflates every entry under a byte budget. Never throws on bad input. */
export async function checkZip(b: Uint8Array, maxInflated: number): Promise<ZipCheck> {
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength)
  let eocd = -1
  for (let i = b.length - 22; i >= 0 && i >= b.length - 22 - 65_535; i--) {
    if (dv.getUint32(i, true) === EOCD_SIG) {
      eocd = i
      break
    }
  }
  if (eocd < 0)
    return damaged(
      'its ZIP directory is missing, so the file was probably cut short',
      'ZIP の目次がありません。途中で切れている可能性があります',
    )
  const disk = dv.getUint16(eocd + 4, true)
  const cdDisk = dv.getUint16(eocd + 6, true)
  const entriesHere = dv.getUint16(eocd + 8, true)
  const count = dv.getUint16(eocd + 10, true)
  const cdSize = dv.getUint32(eocd + 12, true)
  const cdOffset = dv.getUint32(eocd + 16, true)
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) return tooLarge(maxInflated, null)
  if (disk !== 0 || cdDisk !== 0 || entriesHere !== count)
    return damaged('it is one part of a split ZIP archive', '分割された ZIP の一部です')
  if (cdOffset + cdSize > eocd)
    return damaged('its ZIP directory points outside the file', 'ZIP の目次がファイルの外を指しています')

  const entries: Entry[] = []
  let p = cdOffset
  let declared = 0
  const utf8 = new TextDecoder('utf-8', { fatal: false })
  for (let e = 0; e < count; e++) {
    if (p + 46 > cdOffset + cdSize || dv.getUint32(p, true) !== CEN_SIG)
      return damaged('its ZIP directory is cut short', 'ZIP の目次が途中で切れています')
    const nameLen = dv.getUint16(p + 28, true)
    const extraLen = dv.getUint16(p + 30, true)
    const commentLen = dv.getUint16(p + 32, true)
    if (p + 46 + nameLen > cdOffset + cdSize)
      return damaged('its ZIP directory is cut short', 'ZIP の目次が途中で切れています')
    const nameBytes = b.subarray(p + 46, p + 46 + nameLen)
    const ent: Entry = {
      name: utf8.decode(nameBytes).slice(0, 200),
      nameBytes,
      flags: dv.getUint16(p + 8, true),
      method: dv.getUint16(p + 10, true),
      crc: dv.getUint32(p + 16, true),
      csize: dv.getUint32(p + 20, true),
      usize: dv.getUint32(p + 24, true),
      offset: dv.getUint32(p + 42, true),
      dataStart: 0,
    }
    if (ent.csize === 0xffffffff || ent.usize === 0xffffffff || ent.offset === 0xffffffff)
      return tooLarge(maxInflated, ent.name)
    if (ent.flags & 0x1)
      return unsupported(
        'a password. Remove the password in Excel (File > Info > Protect Workbook), save, and retry.',
        'パスワード保護。Excel でパスワードを解除して保存し直してから取り込んでください。',
        ent.name,
      )
    if (ent.method !== 0 && ent.method !== 8)
      return unsupported(
        `a compression method (${ent.method}) that Excel does not write. Save it again from Excel and retry.`,
        `Excel の使わない圧縮方式(${ent.method})。Excel で保存し直してから取り込んでください。`,
        ent.name,
      )
    declared += ent.usize
    entries.push(ent)
    p += 46 + nameLen + extraLen + commentLen
  }
  if (declared > maxInflated) return tooLarge(maxInflated, null)

  // Local headers: each must say what the directory says, and the entries' bytes must not overlap.
  for (const ent of entries) {
    const o = ent.offset
    if (o + 30 > cdOffset || dv.getUint32(o, true) !== LOC_SIG) return mismatch(ent.name, 'offset')
    const nameLen = dv.getUint16(o + 26, true)
    const extraLen = dv.getUint16(o + 28, true)
    const localName = b.subarray(o + 30, o + 30 + nameLen)
    if (nameLen !== ent.nameBytes.length || !localName.every((x, i) => x === ent.nameBytes[i]))
      return mismatch(ent.name, 'name')
    if (dv.getUint16(o + 8, true) !== ent.method) return mismatch(ent.name, 'compression method')
    if ((dv.getUint16(o + 6, true) & 0x9) !== (ent.flags & 0x9)) return mismatch(ent.name, 'flags')
    // With a data descriptor (flag bit 3) the local header may leave CRC and sizes as zero.
    const deferred = (ent.flags & 0x8) !== 0
    const lcrc = dv.getUint32(o + 14, true)
    const lcsize = dv.getUint32(o + 18, true)
    const lusize = dv.getUint32(o + 22, true)
    if (!(deferred && lcsize === 0) && lcsize !== ent.csize) return mismatch(ent.name, 'compressed size')
    if (!(deferred && lusize === 0) && lusize !== ent.usize) return mismatch(ent.name, 'size')
    if (!(deferred && lcrc === 0) && lcrc !== ent.crc) return mismatch(ent.name, 'checksum')
    ent.dataStart = o + 30 + nameLen + extraLen
    if (ent.dataStart + ent.csize > cdOffset) return mismatch(ent.name, 'compressed size')
  }
  const byOffset = [...entries].sort((x, y) => x.offset - y.offset)
  for (let i = 1; i < byOffset.length; i++) {
    const prev = byOffset[i - 1]!
    if (prev.dataStart + prev.csize > byOffset[i]!.offset) return mismatch(byOffset[i]!.name, 'overlapping parts')
  }

  // Inflate for real, counting bytes: what an entry actually holds must be what it declares.
  let inflated = 0
  for (const ent of entries) {
    const data = b.subarray(ent.dataStart, ent.dataStart + ent.csize)
    if (ent.method === 0) {
      if (ent.csize !== ent.usize) return mismatch(ent.name, 'size')
      inflated += ent.usize
      continue
    }
    const budget = Math.min(ent.usize, maxInflated - inflated)
    const r = await inflatedLength(data, budget)
    if ('error' in r)
      return damaged(
        `the part "${ent.name}" cannot be decompressed: ${r.error}`,
        `部品「${ent.name}」を展開できません`,
        ent.name,
      )
    if (r.over) return r.n > ent.usize ? mismatch(ent.name, 'size') : tooLarge(maxInflated, ent.name)
    if (r.n !== ent.usize) return mismatch(ent.name, 'size')
    inflated += r.n
  }
  return { ok: true, entries: entries.length, inflated }
}

const checked = new WeakMap<Uint8Array, { max: number; result: Promise<ZipCheck> }>()

/** checkZip, done once per byte array (the import service checks before planning; the parser then reuses it). */
export function checkZipOnce(b: Uint8Array, maxInflated: number): Promise<ZipCheck> {
  const hit = checked.get(b)
  if (hit && hit.max === maxInflated) return hit.result
  const result = checkZip(b, maxInflated)
  checked.set(b, { max: maxInflated, result })
  return result
}

/**
 * For the import entry points (API, CLI): an .xlsx whose ZIP headers disagree, that inflates past the cap or uses
 * what Excel never writes is refused outright (HTTP 400, CLI exit 3) instead of previewed: it is not a damaged
 * ledger but a file built to attack the server. A merely damaged file (cut short) is left to the preview's message.
 */
export async function unsafeWorkbookError(bytes: Uint8Array, fileName: string): Promise<MamoriError | null> {
  if (!isZip(bytes)) return null
  const zip = await checkZipOnce(bytes, MAX_XLSX_UNCOMPRESSED)
  if (zip.ok || zip.code === 'XLSX_ZIP_DAMAGED') return null
  return MamoriError.of(zip.code, zip.params, [
    { where: zip.entry ? `${fileName}: ${zip.entry}` : fileName, message: zip.en, messageJa: zip.ja },
  ])
}
