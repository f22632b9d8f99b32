import type ExcelJS from 'exceljs'
import { guardFormula } from '../core/csv-formula.js'
import { safeText } from './text.js'

/**
 * Helpers for report workbooks written with exceljs. Values from manufacturers and settings are untrusted: every
 * text cell is stripped of characters XML forbids (Excel would call the file corrupt), cut at MAX_TEXT (Excel keeps at
 * most 32,767 characters a cell) and formula-guarded as the CSV writer guards it (src/core/csv-formula.ts), so a
 * cell starting with = + - @ stays text even when someone edits it in Excel.
 */

/**
 * exceljs, loaded on first use (the module loader keeps it after that): it is the heaviest library Mamori has (about a
 * fifth of a second to load), and every CLI command builds every service, so importing it at the top would slow each
 * command that reads or writes no workbook.
 */
export async function loadExcelJS(): Promise<typeof ExcelJS> {
  return (await import('exceljs')).default
}

/** Soft fills that print well in grey: a difference between models, a missing answer, a header. */
export const FILLS = {
  differs: 'FFFFF2CC',
  missing: 'FFFCE4E4',
  header: 'FFE8ECEF',
} as const

/** A text cell's value: safe, guarded, never a formula. */
export function xlsxText(value: string | null | undefined): string {
  return guardFormula(safeText(value ?? ''))
}

/** Fills a cell with one of FILLS. */
export function fill(cell: ExcelJS.Cell, argb: string): void {
  cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb } }
}

/**
 * Writes the header row (bold, filled, frozen, filterable) and sets column widths. `widths[i]` in characters.
 */
export function headerRow(ws: ExcelJS.Worksheet, headers: readonly string[], widths: readonly number[]): void {
  ws.columns = headers.map((h, i) => ({ header: xlsxText(h), width: widths[i] ?? 16 }))
  const row = ws.getRow(1)
  row.font = { bold: true }
  row.alignment = { vertical: 'middle', wrapText: true }
  row.eachCell((c) => fill(c, FILLS.header))
  ws.views = [{ state: 'frozen', ySplit: 1, xSplit: 0 }]
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: Math.max(1, headers.length) } }
}

/** Appends a row of text cells (guarded), wrapped and top-aligned; returns it for styling. */
export function textRow(ws: ExcelJS.Worksheet, cells: readonly (string | number | null)[]): ExcelJS.Row {
  const row = ws.addRow(cells.map((c) => (typeof c === 'number' ? c : xlsxText(c))))
  row.alignment = { vertical: 'top', wrapText: true }
  return row
}
