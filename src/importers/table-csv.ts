import { isUtf8 } from 'node:buffer'
import Encoding from 'encoding-japanese'
import iconv from 'iconv-lite'
import type { ImportProblemDto } from '../../api/import.js'
import { bilingual } from '../core/messages/translate.js'
import { CsvRecordReader } from './csv-records.js'
import {
  tableFailure as fatal,
  MAX_COLUMNS,
  MAX_ROWS,
  type TableFormat,
  type TableResult,
  type TableRow,
} from './table-result.js'

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

/** Bytes decoded per step: the decoded text of one step and the records it completes are all the parser holds. */
const CHUNK_BYTES = 1 << 20

/** The encoding of CSV bytes, where the text starts and a decoder that takes them piece by piece. */
interface Encoded {
  encoding: string
  start: number
  decoder(): (bytes: Uint8Array, last: boolean) => string
}

const utf8Stream = () => {
  const d = new TextDecoder('utf-8', { fatal: true })
  return (b: Uint8Array, last: boolean) => d.decode(b, { stream: !last })
}

const iconvStream = (encoding: string) => () => {
  const d = iconv.getDecoder(encoding)
  return (b: Uint8Array, last: boolean) => {
    const text = d.write(Buffer.from(b.buffer, b.byteOffset, b.length))
    return last ? text + (d.end() ?? '') : text
  }
}

/** The same decision as {@link decodeText}, without decoding: the text is decoded chunk by chunk later. */
function encodingOf(bytes: Uint8Array): Encoded | { error: string; errorJa: string } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    if (!isUtf8(bytes.subarray(3))) return decodeError('fileBadUtf8')
    return { encoding: 'utf-8-bom', start: 3, decoder: utf8Stream }
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    if (bytes.length % 2 !== 0) return decodeError('fileUtf16LeOdd')
    return { encoding: 'utf-16le', start: 2, decoder: iconvStream('utf-16le') }
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    if (bytes.length % 2 !== 0) return decodeError('fileUtf16BeOdd')
    return { encoding: 'utf-16be', start: 2, decoder: iconvStream('utf-16be') }
  }
  const bom16 = utf16WithoutBom(bytes)
  if (bom16) return { encoding: bom16, start: 0, decoder: iconvStream(bom16) }
  if (isUtf8(bytes)) return { encoding: 'utf-8', start: 0, decoder: utf8Stream }
  const detected = Encoding.detect(bytes, ['SJIS', 'EUCJP'])
  if (detected === 'SJIS') return { encoding: 'shift_jis', start: 0, decoder: iconvStream('cp932') }
  if (detected === 'EUCJP') return { encoding: 'euc-jp', start: 0, decoder: iconvStream('euc-jp') }
  return decodeError('fileNotText')
}

/**
 * Rows of a table read one at a time, so that an import never holds the whole file as text or as a table. `rows()`
 * can be called again to read the file once more (the import does, to fetch the cells of rows it rejects late).
 */
export interface TableStream {
  format: TableFormat
  encoding: string | null
  sheet: string | null
  /** Warnings found while opening the file (XLSX). */
  problems: ImportProblemDto[]
  /**
   * The non-empty rows in file order. Returns null when the whole file was read, or the file-level problem that
   * makes it unusable (binary data, an unreadable CSV, too many rows or columns): rows yielded before it are void.
   */
  rows(): Generator<TableRow, ImportProblemDto[] | null, undefined>
  /** Share of the file read by the latest `rows()` so far, 0 to 1 (for progress). */
  readFraction(): number
}

export type TableStreamResult = { stream: TableStream; problems: [] } | { stream: null; problems: ImportProblemDto[] }

/** A file-level failure as the problems a stream ends with. */
const failure = (msg: { en: string; ja: string }, row: number | null = null): ImportProblemDto[] =>
  fatal(msg, null, row).problems

/**
 * CSV bytes → a stream of rows: the encoding is decided from the whole file first (BOM, a strict UTF-8 check, then
 * Shift_JIS/EUC-JP detection, as {@link decodeText}), then the text is decoded and parsed 1 MiB at a time.
 * A file may hold a header and up to {@link MAX_ROWS} rows below it.
 */
export function streamCsvBytes(bytes: Uint8Array): TableStreamResult {
  const found = encodingOf(bytes)
  if ('error' in found) return { stream: null, problems: failure({ en: found.error, ja: found.errorJa }) }
  const enc: Encoded = found
  let read = 0
  const total = Math.max(1, bytes.length - enc.start)
  function* rows(): Generator<TableRow, ImportProblemDto[] | null, undefined> {
    read = 0
    const decode = enc.decoder()
    let reader: CsvRecordReader | null = null
    let head = ''
    const records: string[][] = []
    let recordNo = 0
    let count = 0
    // Where the binary-data check is, in characters: lines seen, and the offset of the last line feed.
    let base = 0
    let lines = 1
    let lastLf = -1
    let tooMany = false
    for (let at = enc.start; at < bytes.length || reader === null; at += CHUNK_BYTES) {
      const last = at + CHUNK_BYTES >= bytes.length
      let text = decode(bytes.subarray(at, Math.min(bytes.length, at + CHUNK_BYTES)), last)
      read = Math.min(1, (at + CHUNK_BYTES - enc.start) / total)
      const bad = firstBinaryChar(text)
      if (bad >= 0) {
        let line = lines
        let lf = lastLf
        for (let k = text.indexOf('\n'); k >= 0 && k < bad; k = text.indexOf('\n', k + 1)) {
          line++
          lf = base + k
        }
        const code = text.charCodeAt(bad).toString(16).toUpperCase().padStart(4, '0')
        return failure(bilingual('import.fileBinary', { code, line, col: base + bad - lf }), line)
      }
      for (let k = text.indexOf('\n'); k >= 0; k = text.indexOf('\n', k + 1)) {
        lines++
        lastLf = base + k
      }
      base += text.length
      if (reader === null) {
        // The delimiter is read from the first line: wait until it is complete.
        head += text
        if (!last && head.indexOf('\n') < 0) continue
        reader = new CsvRecordReader(delimiterOf(head))
        text = head
        head = ''
      }
      const err = reader.push(text, records) ?? (last ? reader.end(records) : null)
      if (err) {
        const why = { en: err.error, ja: err.errorJa }
        return failure(bilingual('import.fileCsvUnreadable', { why, line: err.line }), err.line)
      }
      for (let r = 0; r < records.length; r++) {
        const cells = records[r]!
        recordNo++
        // Row numbers are record numbers (Excel shows a cell with line breaks as one row), counting blank lines.
        if (cells.every((c) => c.trim() === '')) continue
        count++
        if (count > MAX_ROWS + 1) tooMany = true
        if (tooMany) continue
        if (cells.length > MAX_COLUMNS) {
          return failure(
            bilingual('import.fileTooManyColumns', { row: recordNo, columns: cells.length, max: MAX_COLUMNS }),
            recordNo,
          )
        }
        yield { row: recordNo, cells }
      }
      records.length = 0
      if (last) break
    }
    read = 1
    if (tooMany) return failure(bilingual('import.fileTooManyRows', { rows: count, max: MAX_ROWS }))
    return null
  }
  return {
    stream: { format: 'csv', encoding: enc.encoding, sheet: null, problems: [], rows, readFraction: () => read },
    problems: [],
  }
}

/** CSV bytes → the whole table (the rows of {@link streamCsvBytes}, collected). */
export function parseCsvBytes(bytes: Uint8Array): TableResult {
  const opened = streamCsvBytes(bytes)
  if (!opened.stream) return { table: null, problems: opened.problems }
  const it = opened.stream.rows()
  const rows: TableRow[] = []
  for (;;) {
    const next = it.next()
    if (next.done) {
      if (next.value) return { table: null, problems: next.value }
      break
    }
    rows.push(next.value)
  }
  return { table: { format: 'csv', encoding: opened.stream.encoding, sheet: null, rows }, problems: [] }
}
