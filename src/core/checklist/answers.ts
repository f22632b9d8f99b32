import type {
  ChecklistAnswer,
  ChecklistAnswerInput,
  ChecklistCompletion,
  ChecklistItem,
} from '../../../api/checklist.js'
import { type ErrorDetail, MamoriError } from '../errors.js'
import { PRECONDITION_ID } from './editions/types.js'

/**
 * Answers: the date rules of the MHLW form (確認日 is the day the item was checked; 目標日 only for いいえ, within the
 * year's plan) and the completion count, where a 前提 answered いいえ makes every other item 確認不要.
 */

const JST_OFFSET_MS = 9 * 60 * 60 * 1000

/** Today in Japan (UTC+9, no daylight saving) as YYYY-MM-DD: the day a hospital writes on the form. */
export function todayInJapan(now: Date): string {
  return new Date(now.getTime() + JST_OFFSET_MS).toISOString().slice(0, 10)
}

/** True when `s` is YYYY-MM-DD and a real calendar day (2026-02-30 is not). */
export function isCalendarDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s)
  if (!m) return false
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  if (y < 1900 || mo < 1 || mo > 12 || d < 1) return false
  const dt = new Date(Date.UTC(y, mo - 1, d))
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === mo - 1 && dt.getUTCDate() === d
}

interface Why {
  field: string
  value: string
  en: string
  ja: string
}

/** What is wrong with an answer, one entry per field (empty: fine). */
export function answerProblems(input: ChecklistAnswerInput, today: string): Why[] {
  const out: Why[] = []
  const checked = input.checkedOn
  const target = input.targetOn ?? null
  const checkedOk = isCalendarDate(checked)
  if (!checkedOk)
    out.push({
      field: 'checkedOn',
      value: checked,
      en: `check date (確認日) "${checked}" is not a calendar date (write YYYY-MM-DD).`,
      ja: `確認日「${checked}」は実在する日付ではありません（YYYY-MM-DD で記入してください）。`,
    })
  else if (checked > today)
    out.push({
      field: 'checkedOn',
      value: checked,
      en: `check date (確認日) ${checked} is in the future (today is ${today}); write the day the item was checked.`,
      ja: `確認日 ${checked} は未来の日付です（本日は ${today}）。確認した日を記入してください。`,
    })
  if (target !== null) {
    if (input.answer === 'yes')
      out.push({
        field: 'targetOn',
        value: target,
        en: `a target date (目標日, ${target}) is only written for "No" (いいえ); a "Yes" (はい) has none.`,
        ja: `目標日（${target}）は「いいえ」の場合だけ記入します。「はい」には記入しません。`,
      })
    else if (!isCalendarDate(target))
      out.push({
        field: 'targetOn',
        value: target,
        en: `target date (目標日) "${target}" is not a calendar date (write YYYY-MM-DD).`,
        ja: `目標日「${target}」は実在する日付ではありません（YYYY-MM-DD で記入してください）。`,
      })
    else if (checkedOk && target < checked)
      out.push({
        field: 'targetOn',
        value: target,
        en: `target date (目標日) ${target} is before the check date (確認日) ${checked}.`,
        ja: `目標日 ${target} が確認日 ${checked} より前です。`,
      })
  }
  return out
}

/** Throws 400 CHECKLIST_ANSWER_INVALID naming every wrong field and value; returns when the answer may be saved. */
export function assertAnswer(itemId: string, input: ChecklistAnswerInput, today: string): void {
  const problems = answerProblems(input, today)
  if (problems.length === 0) return
  const details: ErrorDetail[] = problems.map((p) => ({ where: p.field, message: p.en, messageJa: p.ja }))
  throw MamoriError.of(
    'CHECKLIST_ANSWER_INVALID',
    { item: itemId, why: { en: problems.map((p) => p.en).join(' '), ja: problems.map((p) => p.ja).join('') } },
    details,
  )
}

export const emptyAnswer = (itemId: string): ChecklistAnswer => ({
  itemId,
  answer: null,
  checkedOn: null,
  targetOn: null,
  responsible: null,
  note: null,
  attachments: [],
  answeredBy: null,
  answeredAt: null,
})

/** True when the precondition item is present and answered いいえ: the other items need no answer (確認不要). */
export function notRequired(items: readonly ChecklistItem[], answers: ReadonlyMap<string, ChecklistAnswer>): boolean {
  return items.some((i) => i.id === PRECONDITION_ID) && answers.get(PRECONDITION_ID)?.answer === 'no'
}

/**
 * Completion of a form. With the 前提 answered いいえ only the 前提 counts (total 1, answered 1): every other item is
 * 確認不要. Overdue: いいえ whose 目標日 is before today.
 */
export function completion(
  items: readonly ChecklistItem[],
  answers: ReadonlyMap<string, ChecklistAnswer>,
  today: string,
): ChecklistCompletion {
  const counted = notRequired(items, answers) ? items.filter((i) => i.id === PRECONDITION_ID) : items
  const c: ChecklistCompletion = { total: counted.length, answered: 0, yes: 0, no: 0, overdue: 0 }
  for (const i of counted) {
    const a = answers.get(i.id)
    if (!a?.answer) continue
    c.answered++
    if (a.answer === 'yes') c.yes++
    else {
      c.no++
      if (a.targetOn && a.targetOn < today) c.overdue++
    }
  }
  return c
}

/** The 「(要旨)」 mark every rendering puts before a summary item so nobody reads it as MHLW's wording. */
export const SUMMARY_MARK = { ja: '(要旨)', en: '(summary)' } as const

export function itemText(item: ChecklistItem, lang: 'ja' | 'en'): string {
  if (lang === 'ja') return item.wording === 'summary' ? `${SUMMARY_MARK.ja} ${item.textJa}` : item.textJa
  return item.wording === 'summary' ? `${SUMMARY_MARK.en} ${item.textEn}` : item.textEn
}

const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳'

/**
 * An item id as people type it → the printed number: "2-6", "２－６", "2-⑥" → "2-⑥"; "premise", "precondition" or
 * "0" → "前提". Circled numbers are hard to type on a terminal, so the CLI and the API accept plain digits too.
 * Anything else is returned trimmed, unchanged.
 */
export function normalizeItemId(raw: string): string {
  const s = raw
    .normalize('NFKC')
    .trim()
    .replace(/[ー－‐−–]/g, '-')
  if (/^(前提|premise|precondition|0)$/i.test(s) || s === '(前提)') return PRECONDITION_ID
  // NFKC turns ⑥ into 6, so the circled form is rebuilt from the digits.
  const m = /^(\d+)\s*-\s*(\d{1,2})$/.exec(s)
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 20) return `${Number(m[1])}-${CIRCLED[Number(m[2]) - 1]}`
  return raw.trim()
}
