import type { EpssRow, FeedProblem, ParsedFeed } from '../../core/vulns/model.js'
import { CVE_ID, decodeText, fileProblem, type InputOptions } from './input.js'

/**
 * FIRST's EPSS scores as published (`epss_scores-YYYY-MM-DD.csv.gz`): an optional comment line
 * `#model_version:v2025.03.14,score_date:2025-03-20T00:00:00+0000`, the header `cve,epss,percentile`, then one row
 * per CVE. 300,000 rows a day, so the text is walked by index, not split into arrays. A bad row is a warning with
 * its line, column and value and is skipped; CRLF line ends are fine.
 */

export type EpssFeed = Extract<ParsedFeed, { kind: 'epss' }>

const COLUMNS = ['cve', 'epss', 'percentile'] as const

/** A probability column: a decimal (or 1e-05 form) between 0 and 1; a character scan, as a regex per cell is slow. */
function probability(s: string): number | null {
  let digits = 0
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c >= 48 && c <= 57) digits++
    // 0-9 . e E - + space
    if (!((c >= 48 && c <= 57) || c === 46 || c === 101 || c === 69 || c === 45 || c === 43 || c === 32)) return null
  }
  const n = digits > 0 ? Number(s) : Number.NaN
  return n >= 0 && n <= 1 ? n : null
}

/** Reads an EPSS CSV (gzip accepted). */
export function readEpss(bytes: Uint8Array, file: string, options: InputOptions = {}): EpssFeed {
  const problems: FeedProblem[] = []
  const result: EpssFeed = { kind: 'epss', file, modelVersion: null, scoreDate: null, rows: [], problems }
  const decoded = decodeText(bytes, file, options)
  if (!decoded.ok) {
    problems.push(decoded.problem)
    return result
  }
  const text = decoded.text
  const warn = (code: string, line: number, params: Record<string, string | number>) =>
    problems.push({ severity: 'warning', code, file, path: `line ${line}`, params: { file, line, ...params } })
  let pos = 0
  let lineNo = 0
  const nextLine = (): string | null => {
    if (pos >= text.length) return null
    let end = text.indexOf('\n', pos)
    if (end < 0) end = text.length
    const line = text.charCodeAt(end - 1) === 13 ? text.slice(pos, end - 1) : text.slice(pos, end)
    pos = end + 1
    lineNo++
    return line
  }
  let line = nextLine()
  if (line?.startsWith('#')) {
    result.modelVersion = /model_version:([^,\s]+)/.exec(line)?.[1] ?? null
    result.scoreDate = /score_date:([^,\s]+)/.exec(line)?.[1] ?? null
    line = nextLine()
  }
  const header = (line ?? '').split(',').map((h) => h.trim().toLowerCase())
  if (header.length !== 3 || header.some((h, i) => h !== COLUMNS[i])) {
    problems.push(fileProblem(file, 'notEpss', { line: lineNo || 1, found: (line ?? '(empty)').slice(0, 80) }))
    return result
  }
  const rows = result.rows
  const firstLine = new Map<string, number>()
  for (line = nextLine(); line !== null; line = nextLine()) {
    if (line === '') continue
    const c1 = line.indexOf(',')
    const c2 = c1 < 0 ? -1 : line.indexOf(',', c1 + 1)
    if (c2 < 0 || line.indexOf(',', c2 + 1) >= 0) {
      warn('csvColumns', lineNo, { expected: 3, value: line.slice(0, 80) })
      continue
    }
    const cve = line.slice(0, c1).trim()
    if (!CVE_ID.test(cve)) {
      warn('csvValue', lineNo, { column: 'cve', value: cve.slice(0, 80) })
      continue
    }
    const score = probability(line.slice(c1 + 1, c2))
    if (score === null) {
      warn('csvValue', lineNo, { column: 'epss', value: line.slice(c1 + 1, c2).slice(0, 80) })
      continue
    }
    const percentile = probability(line.slice(c2 + 1))
    if (percentile === null) {
      warn('csvValue', lineNo, { column: 'percentile', value: line.slice(c2 + 1).slice(0, 80) })
      continue
    }
    const first = firstLine.get(cve)
    if (first !== undefined) {
      warn('csvDuplicate', lineNo, { cve, first })
      continue
    }
    firstLine.set(cve, lineNo)
    rows.push({ cve, score, percentile } satisfies EpssRow)
  }
  return result
}
