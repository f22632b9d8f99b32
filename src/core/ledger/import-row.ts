import { bilingual, type MessageParams } from '../messages/translate.js'
import type { DeviceFields } from './device.js'

/**
 * What the ledger import's rules work on: a row that passed validation, and a problem found in a row. The API's
 * `ImportProblemDto` (api/import.ts) has the same shape as {@link RowProblem}, so problems pass through unchanged.
 */

/** One problem in an uploaded file, located precisely enough to fix it in Excel. */
export interface RowProblem {
  /** 1-based row number as Excel shows it (header = 1). */
  row: number | null
  /** The header as written in the file. */
  column: string | null
  value: string | null
  /** The reason in English. */
  message: string
  /** The same reason in Japanese, written for a clinical engineer. */
  messageJa: string
  severity: 'error' | 'warning'
}

/**
 * The text of an import problem from the message catalog (`import.<key>` in src/core/messages/{en,ja}/import.ts), as
 * the `message` / `messageJa` pair a {@link RowProblem} carries. Every import problem is written through it.
 * @example { row: 7, column: '導入日', value: '6年', severity: 'warning', ...importText('rowLifeYears', { years: 6, date }) }
 */
export function importText(key: string, params: MessageParams = {}): { message: string; messageJa: string } {
  const t = bilingual(`import.${key}`, params)
  return { message: t.en, messageJa: t.ja }
}

/** A row that passed validation: complete fields for a create, plus what the row actually says for an update. */
export interface ValidRow {
  row: number
  /** Complete device fields (defaults applied): what a create writes. */
  fields: DeviceFields
  /**
   * Fields the row sets. A blank cell clears a clearable field (text, dates, lists) but leaves fields with a default
   * (kind, status, yes/no…) alone, so a sparse update file never resets them.
   */
  given: ReadonlySet<keyof DeviceFields>
  /** Custom columns of the row: name → value, null when the cell is blank (removes the key on update). */
  custom: Readonly<Record<string, string | null>>
  /** Device id column of an earlier export, used for matching only. */
  deviceId: string | null
}

/** Rejected rows and their problems, in the order found; a row may collect several. */
export class Rejections {
  readonly byRow = new Map<number, RowProblem[]>()

  add(row: number, p: RowProblem): void {
    const list = this.byRow.get(row)
    if (list) list.push(p)
    else this.byRow.set(row, [p])
  }

  has(row: number): boolean {
    return this.byRow.has(row)
  }

  /** Rejected row numbers, ascending. */
  rows(): number[] {
    return [...this.byRow.keys()].sort((a, b) => a - b)
  }
}

/** 'rows 6 and 7' for two rows, 'rows 6, 7 and 9' for more. */
export function listRows(rows: readonly number[]): string {
  if (rows.length === 2) return `rows ${rows[0]} and ${rows[1]}`
  return `rows ${rows.slice(0, -1).join(', ')} and ${rows[rows.length - 1]}`
}

/** 「6 行目と 7 行目」 for two rows, 「6、7、9 行目」 for more. */
export function listRowsJa(rows: readonly number[]): string {
  if (rows.length === 2) return `${rows[0]} 行目と ${rows[1]} 行目`
  return `${rows.join('、')} 行目`
}
