import { bilingual } from '../core/messages/translate.js'

/**
 * A small CSV reader (RFC 4180 §2) for ledger files: quoted cells with doubled quotes ("") and embedded line breaks,
 * CRLF, LF or lone CR line ends, and any one-character delimiter. It is lenient where Excel is: a quote inside an
 * unquoted cell is kept as text, and text right after a closing quote is appended to the cell.
 *
 * Why not csv-parse: on the 100,000-row import it cost more than validation itself; this loop does only what a
 * ledger needs and is fuzzed the same way (see csv-records.test.ts).
 */

/** `error` / `errorJa` are a clause (no full stop) that the caller places in a sentence with the line number. */
export type CsvRecords = { records: string[][] } | { error: string; errorJa: string; line: number }

const QUOTE = 34
const CR = 13
const LF = 10

/**
 * Splits CSV text into records of cells. Every line is a record, blank lines included (as `['']`), so a record's
 * index + 1 is the row number Excel shows. A trailing line break does not add a record.
 * @example parseCsvRecords('a,b\r\n"x,1","say ""hi"""\n', ',') // { records: [['a','b'], ['x,1', 'say "hi"']] }
 */
export function parseCsvRecords(text: string, delimiter = ',', maxCell = 1_000_000): CsvRecords {
  const delim = delimiter.charCodeAt(0)
  const records: string[][] = []
  const n = text.length
  let row: string[] = []
  let line = 1
  let i = 0
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
          const t = bilingual('import.csvUnclosedQuote')
          return { error: t.en, errorJa: t.ja, line: startLine }
        }
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
      cell = end > j ? buf + text.slice(j, end) : buf
      i = end
    } else {
      let end = i
      while (end < n) {
        const c = text.charCodeAt(end)
        if (c === delim || c === CR || c === LF) break
        end++
      }
      cell = text.slice(i, end)
      i = end
    }
    if (cell.length > maxCell) {
      const t = bilingual('import.csvCellTooLarge', { max: maxCell })
      return { error: t.en, errorJa: t.ja, line }
    }
    row.push(cell)
    if (i >= n) break
    const c = text.charCodeAt(i)
    if (c === delim) {
      i++
      // A delimiter at the very end of the text still ends a (final, empty) cell.
      if (i >= n) row.push('')
      continue
    }
    // Line end: CRLF, LF or CR.
    i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1
    line++
    records.push(row)
    row = []
    // Blank lines become [''] records; the loop below handles consecutive line ends.
    while (i < n) {
      const d = text.charCodeAt(i)
      if (d !== CR && d !== LF) break
      records.push([''])
      i += d === CR && text.charCodeAt(i + 1) === LF ? 2 : 1
      line++
    }
  }
  if (row.length > 0) records.push(row)
  return { records }
}
