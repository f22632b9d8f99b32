import Encoding from 'encoding-japanese'
import iconv from 'iconv-lite'
import type { ImportProblemDto } from '../../api/import.js'
import { bilingual } from '../core/messages/translate.js'
import { parseCsvRecords } from './csv-records.js'
import { tableFailure as fatal, MAX_COLUMNS, MAX_ROWS, type TableResult, type TableRow } from './table-result.js'

/** CSV bytes → rows: text encoding detection (UTF-8/16, Shift_JIS, EUC-JP), delimiter, records. */

export interface DecodedText {
  text: string
  encoding: string
}

/**
 * Decodes CSV bytes. Order matters: a BOM is certain; then a strict UTF-8 decode (a Shift_JIS file with kanji almost
 * never passes it, while ASCII-only files decode the same either way); then encoding-japanese's detector for
 * Shift_JIS (CP932, what Japanese Excel writes as "CSV (コンマ区切り)") and EUC-JP.
 */
export function decodeText(bytes: Uint8Array): DecodedText | { error: string; errorJa: string } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return strictUtf8(bytes.subarray(3), 'utf-8-bom')
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    if (bytes.length % 2 !== 0) return decodeError('fileUtf16LeOdd')
    return {
      text: iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset + 2, bytes.length - 2), 'utf-16le'),
      encoding: 'utf-16le',
    }
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    if (bytes.length % 2 !== 0) return decodeError('fileUtf16BeOdd')
    return {
      text: iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset + 2, bytes.length - 2), 'utf-16be'),
      encoding: 'utf-16be',
    }
  }
  // UTF-16 without a BOM: in text that is mostly ASCII (headers, digits, punctuation), every other byte is zero.
  const bom16 = utf16WithoutBom(bytes)
  if (bom16)
    return { text: iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length), bom16), encoding: bom16 }
  const utf8 = strictUtf8(bytes, 'utf-8')
  if (!('error' in utf8)) return utf8
  const detected = Encoding.detect(bytes, ['SJIS', 'EUCJP'])
  if (detected === 'SJIS' || detected === 'EUCJP') {
    const encoding = detected === 'SJIS' ? 'shift_jis' : 'euc-jp'
    const text = iconv.decode(
      Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length),
      detected === 'SJIS' ? 'cp932' : 'euc-jp',
    )
    return { text, encoding }
  }
  return decodeError('fileNotText')
}

/** Why the bytes are not text, from the message catalog (`import.<key>`). */
function decodeError(key: string): { error: string; errorJa: string } {
  const t = bilingual(`import.${key}`)
  return { error: t.en, errorJa: t.ja }
}

/** 'utf-16le' / 'utf-16be' when the first bytes look like BOM-less UTF-16 (zeros only at odd / even offsets). */
function utf16WithoutBom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, 4000) & ~1
  if (n < 8) return null
  let zeroOdd = 0
  let zeroEven = 0
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) zeroEven++
    if (bytes[i + 1] === 0) zeroOdd++
  }
  const pairs = n / 2
  // Text in UTF-8 or Shift_JIS has no zero bytes at all; UTF-16 has them on one side only (commas, digits, line
  // ends), even when most characters are kanji.
  if (zeroOdd >= Math.max(8, pairs * 0.1) && zeroEven === 0) return bytes.length % 2 === 0 ? 'utf-16le' : null
  if (zeroEven >= Math.max(8, pairs * 0.1) && zeroOdd === 0) return bytes.length % 2 === 0 ? 'utf-16be' : null
  return null
}

const utf8Decoder = new TextDecoder('utf-8', { fatal: true })

function strictUtf8(bytes: Uint8Array, encoding: string): DecodedText | { error: string; errorJa: string } {
  try {
    return { text: utf8Decoder.decode(bytes), encoding }
  } catch {
    return decodeError('fileBadUtf8')
  }
}

/** Position of the first character that does not belong in a text file (NUL, other C0 controls, U+FFFD), or -1. */
export function firstBinaryChar(text: string): number {
  // \t \n \r and \f (some exports) are fine; everything else below 0x20 means binary data, as does U+FFFD,
  // which decoders put where a byte sequence was invalid.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: detecting control characters is the point
  return text.search(/[\u0000-\u0008\u000b\u000e-\u001f\ufffd]/)
}

/** Tab-separated when the first line has more tabs than commas (Excel's "Unicode テキスト" is UTF-16 + tabs). */
function delimiterOf(text: string): string {
  const nl = text.indexOf('\n')
  const first = nl < 0 ? text : text.slice(0, nl)
  const tabs = first.split('\t').length
  const commas = first.split(',').length
  const semis = first.split(';').length
  if (tabs > commas && tabs > semis) return '\t'
  if (semis > commas) return ';'
  return ','
}

function lineAndColumn(text: string, offset: number): { line: number; col: number } {
  let line = 1
  let last = -1
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++
      last = i
    }
  }
  return { line, col: offset - last }
}

export function parseCsvBytes(bytes: Uint8Array): TableResult {
  const decoded = decodeText(bytes)
  if ('error' in decoded) return fatal({ en: decoded.error, ja: decoded.errorJa })
  const { text, encoding } = decoded
  const bad = firstBinaryChar(text)
  if (bad >= 0) {
    const { line, col } = lineAndColumn(text, bad)
    const code = text.charCodeAt(bad).toString(16).toUpperCase().padStart(4, '0')
    return fatal(bilingual('import.fileBinary', { code, line, col }), null, line)
  }
  const parsed = parseCsvRecords(text, delimiterOf(text))
  if ('error' in parsed) {
    const why = { en: parsed.error, ja: parsed.errorJa }
    return fatal(bilingual('import.fileCsvUnreadable', { why, line: parsed.line }), null, parsed.line)
  }
  const records = parsed.records
  const rows: TableRow[] = []
  const problems: ImportProblemDto[] = []
  // Row numbers are record numbers (Excel shows a cell with line breaks as one row), counting blank lines.
  records.forEach((cells, i) => {
    if (cells.every((c) => c.trim() === '')) return
    rows.push({ row: i + 1, cells })
  })
  if (rows.length > MAX_ROWS) {
    return fatal(bilingual('import.fileTooManyRows', { rows: rows.length, max: MAX_ROWS }))
  }
  const wide = rows.find((r) => r.cells.length > MAX_COLUMNS)
  if (wide) {
    const params = { row: wide.row, columns: wide.cells.length, max: MAX_COLUMNS }
    return fatal(bilingual('import.fileTooManyColumns', params), null, wide.row)
  }
  return { table: { format: 'csv', encoding, sheet: null, rows }, problems }
}
