import { columnLetter } from '../device-columns.js'

/**
 * A sheet as the disclosure readers see it, whatever the file was (xlsx or CSV): rows of cell texts with their row
 * numbers as Excel shows them, and the cells that held an Excel error (#N/A…). Formulas are already their cached
 * result, rich text is plain text, dates are yyyy-mm-dd (see cellText in ../table-xlsx.ts).
 */
export interface GridRow {
  /** 1-based row number (CSV: the record number). */
  row: number
  /** Cell texts by 0-based column index; '' for empty. */
  cells: string[]
  /** 0-based column → the Excel error the cell held. */
  errors?: Map<number, string>
}

export interface Grid {
  sheet: string
  /** 'xlsx' column letters; 'csv' 1-based column numbers (CellRef.column). */
  kind: 'xlsx' | 'csv'
  rows: GridRow[]
}

/** Column label for a 0-based index: A…Z, AA… for a workbook; "1", "2"… for CSV. */
export function columnLabel(grid: Grid, index: number): string {
  return grid.kind === 'csv' ? String(index + 1) : columnLetter(index)
}

/** NFKC, trimmed, inner runs of spaces as one: how cell texts are compared. */
export const clean = (s: string): string => s.normalize('NFKC').replace(/\s+/g, ' ').trim()

/** For label matching: NFKC, lower case, no spaces, no trailing colon or "#". */
export const labelKey = (s: string): string =>
  s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s:：]+/g, '')
