import type { ImportProblemDto } from '../../../api/import.js'
import type { ImportPlan } from './plan.js'

/** Header of the reason column added to the rejected-rows file (ignored when the file is imported again). */
export const REJECTED_REASON_HEADER = { ja: '取り込めない理由', en: 'Why it was not imported' } as const

/**
 * The rejected rows of a preview as a table to fix in Excel and import again: the file's own header and cells, plus
 * a last column with the reasons (row number as in the original file, column, value, reason).
 */
export function rejectedRowsTable(plan: ImportPlan, lang: 'ja' | 'en' = 'ja'): string[][] {
  const width = plan.header.length
  const reasonOf = (p: ImportProblemDto) => {
    const text = lang === 'ja' ? p.messageJa : p.message
    if (lang === 'ja') return `元の${p.row ?? '?'}行目${p.column ? `「${p.column}」` : ''}: ${text}`
    return `row ${p.row ?? '?'}${p.column ? ` "${p.column}"` : ''}: ${text}`
  }
  return [
    [...plan.header, REJECTED_REASON_HEADER[lang]],
    ...plan.rejectedRows.map((r) => {
      const cells = r.cells.slice(0, width)
      while (cells.length < width) cells.push('')
      return [...cells, r.problems.map(reasonOf).join(' / ')]
    }),
  ]
}
