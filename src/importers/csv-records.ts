import { bilingual } from '../core/messages/translate.js'

/**
 * A small CSV reader (RFC 4180 §2) for ledger files: quoted cells with doubled quotes ("") and embedded line breaks,
 * CRLF, LF or lone CR line ends, and any one-character delimiter. It is lenient where Excel is: a quote inside an
 * unquoted cell is kept as text, and text right after a closing quote is appended to the cell.
 *
 * Why not csv-parse: on the 100,000-row import it cost more than validation itself; this loop does only what a
 * ledger needs and is fuzzed the same way (see csv-records.test.ts).
 *
 * {@link CsvRecordReader} reads text piece by piece (the import decodes and parses a file in chunks, so the whole
 * text and the whole table are never in memory at once); {@link parseCsvRecords} reads one text whole.
 */

/** `error` / `errorJa` are a clause (no full stop) that the caller places in a sentence with the line number. */
export type CsvRecords = { records: string[][] } | { error: string; errorJa: string; line: number }

/** Why a text is not readable CSV, and the line where the bad cell starts. */
export interface CsvError {
  error: string
  errorJa: string
  line: number
}

const QUOTE = 34
const CR = 13
const LF = 10

/**
 * Incremental CSV reader: `push` text as it is decoded, get back the records it completes. A record that the text
 * so far leaves open (an unclosed quote, a cell or line end at the very end) waits for the next piece; `end()`
 * reads what is left. Every line is a record, blank lines included (as `['']`), so the n-th record is row n as Excel
 * shows it. A trailing line break does not add a record.
 */
export class CsvRecordReader {
  private readonly delim: number
  private rest = ''
  private line = 1

  constructor(
    delimiter = ',',
    private readonly maxCell = 1_000_000,
  ) {
    this.delim = delimiter.charCodeAt(0)
  }

  /** Reads the complete records of the text pushed so far (in order, into `out`); an error ends the reading. */
  push(text: string, out: string[][]): CsvError | null {
    return this.read(this.rest.length === 0 ? text : this.rest + text, false, out)
  }

  /** Reads the last record(s) once all text has been pushed. */
  end(out: string[][]): CsvError | null {
    const text = this.rest
    this.rest = ''
    return this.read(text, true, out)
  }

  private read(text: string, final: boolean, out: string[][]): CsvError | null {
    const delim = this.delim
    const n = text.length
    let line = this.line
    let i = 0
    // Start of the record being read and its line: where to resume when the text ends inside it.
    let recStart = 0
    let recLine = line
    let row: string[] = []
    const wait = (): null => {
      this.rest = text.slice(recStart)
      this.line = recLine
      return null
    }
    while (i < n) {
      // One cell starts at i.
      let cell: string
      if (text.charCodeAt(i) === QUOTE) {
        const startLine = line
        let buf = ''
        let from = i + 1
        let j = from
        for (;;) {
          const q = text.indexOf('"', j)
          if (q < 0) {
            if (!final) return wait()
            const t = bilingual('import.csvUnclosedQuote')
            return { error: t.en, errorJa: t.ja, line: startLine }
          }
          // A quote at the very end may be the first of a doubled quote ("").
          if (q + 1 === n && !final) return wait()
          if (q + 1 < n && text.charCodeAt(q + 1) === QUOTE) {
            buf += text.slice(from, q + 1)
            from = q + 2
            j = from
            continue
          }
          buf += text.slice(from, q)
          j = q + 1
          break
        }
        for (let k = i + 1; k < j; k++) {
          const c = text.charCodeAt(k)
          if (c === LF || (c === CR && text.charCodeAt(k + 1) !== LF)) line++
        }
        // Excel-style leniency: text after the closing quote (e.g. "abc"def) belongs to the same cell.
        let end = j
        while (end < n) {
          const c = text.charCodeAt(end)
          if (c === delim || c === CR || c === LF) break
          end++
        }
        if (end === n && !final) return wait()
        cell = end > j ? buf + text.slice(j, end) : buf
        i = end
      } else {
        let end = i
        while (end < n) {
          const c = text.charCodeAt(end)
          if (c === delim || c === CR || c === LF) break
          end++
        }
        if (end === n && !final) return wait()
        cell = text.slice(i, end)
        i = end
      }
      if (cell.length > this.maxCell) {
        const t = bilingual('import.csvCellTooLarge', { max: this.maxCell })
        return { error: t.en, errorJa: t.ja, line }
      }
      row.push(cell)
      if (i >= n) break
      const c = text.charCodeAt(i)
      if (c === delim) {
        i++
        if (i >= n) {
          if (!final) return wait()
          // A delimiter at the very end of the text still ends a (final, empty) cell.
          row.push('')
        }
        continue
      }
      // Line end: CRLF, LF or CR (a CR at the very end may be the first half of a CRLF).
      if (c === CR && i + 1 === n && !final) return wait()
      i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1
      line++
      out.push(row)
      row = []
      recStart = i
      recLine = line
    }
    if (row.length > 0) out.push(row)
    this.rest = ''
    this.line = line
    return null
  }
}

/**
 * Splits CSV text into records of cells. Every line is a record, blank lines included (as `['']`), so a record's
 * index + 1 is the row number Excel shows. A trailing line break does not add a record.
 * @example parseCsvRecords('a,b\r\n"x,1","say ""hi"""\n', ',') // { records: [['a','b'], ['x,1', 'say "hi"']] }
 */
export function parseCsvRecords(text: string, delimiter = ',', maxCell = 1_000_000): CsvRecords {
  const records: string[][] = []
  const reader = new CsvRecordReader(delimiter, maxCell)
  const err = reader.push(text, records) ?? reader.end(records)
  return err ?? { records }
}
