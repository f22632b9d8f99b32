import type { ImportProblemDto } from '../../api/import.js'
import { normalizeWord } from '../core/ledger/cells.js'
import { FIELD_BY_KEY, fieldLabelJa, LEDGER_FIELDS, type LedgerField } from '../core/ledger/fields.js'
import { importText } from '../core/ledger/import-row.js'

/**
 * Header → ledger field mapping for device tables (CSV/XLSX): finds the header row under a title, maps each header
 * as written (資産番号, Asset No, 管理番号 …) to a field of the ledger's field table (`core/ledger/fields.ts`), and
 * reports unknown, duplicate or unusable columns. Reading the cells is `core/ledger/cells.ts`'s job.
 */

export { IMPORT_FIELD_IDS } from '../core/ledger/fields.js'

/** Header prefixes that turn a column into a user-defined field (`custom:Budget` → customFields.Budget). */
export const CUSTOM_PREFIXES = ['custom:', 'カスタム:'] as const

const HEADER_INDEX: ReadonlyMap<string, LedgerField> = (() => {
  const m = new Map<string, LedgerField>()
  for (const spec of LEDGER_FIELDS) {
    for (const name of [spec.field, spec.ja, spec.en, ...spec.aliases]) {
      const key = normalizeWord(name)
      const prior = m.get(key)
      if (prior && prior !== spec)
        throw new Error(`header alias "${name}" is ambiguous (${prior.field}, ${spec.field})`)
      m.set(key, spec)
    }
  }
  return m
})()

/** Headers of the reason column Mamori adds to a rejected-rows file (see services/import/rejected-rows.ts). */
const REASON_HEADERS: ReadonlySet<string> = new Set(['取り込めない理由', 'Why it was not imported'].map(normalizeWord))

/** One column of the file and what it fills. */
export type MappedColumn =
  | { index: number; header: string; kind: 'field'; spec: LedgerField }
  | { index: number; header: string; kind: 'custom'; name: string }
  | { index: number; header: string; kind: 'ignored' }

export interface ColumnMapping {
  columns: MappedColumn[]
  /** Header as written → field id (`customFields.X` for custom columns), null when ignored. */
  mapping: Record<string, string | null>
  unknownColumns: string[]
  problems: ImportProblemDto[]
  /** True when the mapping cannot be used (duplicate columns, nothing recognised). */
  fatal: boolean
}

/** Spreadsheet column letter for a 0-based index (0 → A, 26 → AA), to point people at the right cell. */
export function columnLetter(index: number): string {
  let n = index + 1
  let s = ''
  while (n > 0) {
    const r = (n - 1) % 26
    s = String.fromCharCode(65 + r) + s
    n = Math.floor((n - 1) / 26)
  }
  return s
}

function customName(header: string): string | null {
  const folded = header.normalize('NFKC').trim()
  for (const p of CUSTOM_PREFIXES) {
    if (folded.toLowerCase().startsWith(p)) return folded.slice(p.length).trim()
  }
  return null
}

/**
 * Maps a header row to ledger fields. Unknown columns are reported as warnings and ignored; two columns for the
 * same field are an error (which one would win is a guess), as is a header with no recognisable column at all.
 */
export function mapColumns(
  header: readonly string[],
  /** A person's choice per header (as written): a field id, `customFields.<name>`, or null to ignore the column. */
  override: Readonly<Record<string, string | null>> = {},
): ColumnMapping {
  const columns: MappedColumn[] = []
  const mapping: Record<string, string | null> = {}
  const unknownColumns: string[] = []
  const problems: ImportProblemDto[] = []
  const seen = new Map<string, MappedColumn>()
  let fatal = false
  header.forEach((raw, index) => {
    const h = raw.trim()
    if (h === '') {
      columns.push({ index, header: h, kind: 'ignored' })
      return
    }
    const chosen = Object.hasOwn(override, h) ? override[h] : undefined
    if (chosen === null || chosen === '') {
      columns.push({ index, header: h, kind: 'ignored' })
      mapping[h] = null
      return
    }
    const custom = chosen?.startsWith('customFields.') ? chosen.slice('customFields.'.length).trim() : customName(h)
    let col: MappedColumn
    let key: string
    const chosenSpec = chosen === undefined || chosen.startsWith('customFields.') ? undefined : FIELD_BY_KEY.get(chosen)
    if (chosen !== undefined && !chosen.startsWith('customFields.') && !chosenSpec) {
      problems.push(problem(h, chosen, 'headerNotAField', { letter: columnLetter(index), header: h, chosen }))
      fatal = true
      return
    }
    if (chosenSpec) {
      col = { index, header: h, kind: 'field', spec: chosenSpec }
      key = chosenSpec.field
    } else if (custom !== null) {
      if (custom === '') {
        problems.push(problem(h, h, 'headerCustomNoName', { letter: columnLetter(index) }))
        fatal = true
        return
      }
      col = { index, header: h, kind: 'custom', name: custom }
      key = `customFields.${custom}`
    } else {
      const spec = HEADER_INDEX.get(normalizeWord(h))
      if (!spec && REASON_HEADERS.has(normalizeWord(h))) {
        // The reason column of a downloaded rejected-rows file: expected, and not a ledger field.
        columns.push({ index, header: h, kind: 'ignored' })
        mapping[h] = null
        return
      }
      if (!spec) {
        columns.push({ index, header: h, kind: 'ignored' })
        unknownColumns.push(h)
        mapping[h] = null
        problems.push({
          row: 1,
          column: h,
          value: h,
          severity: 'warning',
          ...importText('headerUnknown', { letter: columnLetter(index), header: h }),
        })
        return
      }
      col = { index, header: h, kind: 'field', spec }
      key = spec.field
    }
    const prior = seen.get(key)
    if (prior) {
      fatal = true
      problems.push(
        problem(h, h, 'headerDuplicate', {
          letterA: columnLetter(prior.index),
          headerA: prior.header,
          letterB: columnLetter(index),
          headerB: h,
          field: { en: key, ja: fieldLabelJa(key) },
        }),
      )
      return
    }
    seen.set(key, col)
    columns.push(col)
    mapping[h] = key
  })
  const recognised = columns.some((c) => c.kind !== 'ignored')
  if (!recognised) {
    fatal = true
    problems.push({
      row: 1,
      column: null,
      value: header.slice(0, 5).join(', ').slice(0, 200),
      severity: 'error',
      ...importText('headerNoKnownColumn'),
    })
  }
  return { columns, mapping, unknownColumns, problems, fatal }
}

/** A header error (row 1: the planner points it at the real header row) with its catalog text `import.<key>`. */
function problem(
  column: string,
  value: string,
  key: string,
  params: Parameters<typeof importText>[1],
): ImportProblemDto {
  return { row: 1, column, value, ...importText(key, params), severity: 'error' }
}

/** How many cells of a row are known headers (or custom columns). */
export function countKnownHeaders(cells: readonly string[]): number {
  let n = 0
  for (const c of cells) if (c.trim() !== '' && (HEADER_INDEX.has(normalizeWord(c)) || customName(c) !== null)) n++
  return n
}

/**
 * Finds the header among the first rows: ledgers often carry a title ("医療機器台帳 2024年度") or a note above it.
 * Picks the first of the first `scan` rows with at least two known headers, else the one with the most, else row 0.
 */
export function locateHeader(rows: readonly { cells: readonly string[] }[], scan = 10): number {
  let best = 0
  let bestCount = 0
  for (let i = 0; i < Math.min(scan, rows.length); i++) {
    const n = countKnownHeaders(rows[i]!.cells)
    if (n >= 2) return i
    if (n > bestCount) {
      best = i
      bestCount = n
    }
  }
  return best
}
