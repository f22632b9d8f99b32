import type { CellRef, DisclosureProblem } from '../../core/disclosures/disclosure.js'

/**
 * Problem builders for the disclosure readers: every problem carries its catalog code
 * (`disclosures.problem.<code>`), where it was found and the value as found (cut to 200 characters). The location
 * is also in the parameters, because the texts name the sheet, row and column themselves.
 */

const MAX_VALUE = 200

export const clip = (v: string): string => (v.length > MAX_VALUE ? `${v.slice(0, MAX_VALUE - 1)}…` : v)

/** A problem about the whole file (no cell). */
export function fileProblem(
  severity: DisclosureProblem['severity'],
  code: string,
  params: Record<string, string | number>,
  value: string | null = null,
): DisclosureProblem {
  return { severity, code, sheet: null, row: null, column: null, value: value === null ? null : clip(value), params }
}

/** A problem at one cell. */
export function cellProblem(
  severity: DisclosureProblem['severity'],
  code: string,
  at: CellRef,
  value: string | null,
  params: Record<string, string | number> = {},
): DisclosureProblem {
  return {
    severity,
    code,
    sheet: at.sheet,
    row: at.row,
    column: at.column,
    value: value === null ? null : clip(value),
    params: { sheet: at.sheet, row: at.row, column: at.column, ...params },
  }
}

/** True when any problem stops the import. */
export const hasError = (problems: readonly DisclosureProblem[]): boolean =>
  problems.some((p) => p.severity === 'error')
