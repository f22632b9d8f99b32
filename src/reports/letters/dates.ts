import { MamoriError } from '../../core/errors.js'

/**
 * Letter dates. The letter's date comes in as ISO (yyyy-mm-dd); the reply is asked for REPLY_DAYS later. Japanese
 * letters print the era form (令和8年12月2日): hospitals' official correspondence, the MHLW checklist and most public
 * hospitals' rules write dates that way, and a letter on hospital letterhead should look like the hospital's other
 * letters. Dates before the Reiwa era (1 May 2019) print in the western form (2019年4月1日) instead of guessing an era.
 */

/** How long the manufacturer is given to reply. */
export const REPLY_DAYS = 30

const REIWA_START = Date.UTC(2019, 4, 1)

/** The date at UTC midnight; throws DOCUMENT_INPUT_INVALID naming the field when `iso` is not a real date. */
export function parseLetterDate(iso: string, field: { en: string; ja: string }): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:$|T)/.exec(iso)
  const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null
  if (!m || !d || d.getUTCDate() !== Number(m[3]) || d.getUTCMonth() !== Number(m[2]) - 1) {
    throw MamoriError.of('DOCUMENT_INPUT_INVALID', {
      field,
      value: iso.slice(0, 40),
      expected: { en: 'a date written YYYY-MM-DD', ja: 'YYYY-MM-DD 形式の日付' },
    })
  }
  return d
}

export function addDays(d: Date, days: number): Date {
  return new Date(d.getTime() + days * 86_400_000)
}

/** 令和8年12月2日 (令和元年 for 2019); before the era: 2019年4月1日. */
export function japaneseDate(d: Date): string {
  const y = d.getUTCFullYear()
  const md = `${d.getUTCMonth() + 1}月${d.getUTCDate()}日`
  if (d.getTime() < REIWA_START) return `${y}年${md}`
  const year = y - 2018
  return `令和${year === 1 ? '元' : year}年${md}`
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
]

/** 2 December 2026: day-month-year with the month spelt out, unambiguous for readers in any country. */
export function englishDate(d: Date): string {
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`
}
