import type { ChecklistView } from '../../../api/checklist.js'
import { itemText, notRequiredView } from '../../core/checklist/view.js'

/**
 * The rows of the checklist in the layout inspectors expect (MHLW's form): 番号, 確認項目, 対象, はい, いいえ (a ○ on the
 * answered one), 確認日, 目標日, 備考 — and the evidence rows of the 「根拠」 sheet. Both the .xlsx and the PDF are
 * written from these, so they always agree. 要旨 items carry 「(要旨)」 so nobody takes them for MHLW's wording.
 */

export type Lang = 'ja' | 'en'

export const MARK = '○'

export const HEADERS = {
  ja: ['番号', '確認項目', '対象', 'はい', 'いいえ', '確認日', '目標日', '備考'],
  en: ['No.', 'Item', 'Covers', 'Yes', 'No', 'Checked on', 'Target date', 'Notes'],
} as const

export const EVIDENCE_HEADERS = {
  ja: ['番号', '確認項目', 'Mamori の示唆', '根拠の要約', '事実', '画面'],
  en: ['No.', 'Item', "Mamori's suggestion", 'Summary', 'Facts', 'Page'],
} as const

const SUGGESTION = {
  ja: { yes: 'はい(示唆)', no: 'いいえ(示唆)', unknown: '判断できない' },
  en: { yes: 'Yes (suggested)', no: 'No (suggested)', unknown: 'Cannot tell' },
} as const

const TARGET_EN: Record<string, string> = {
  全般: 'All (servers, PCs, network devices)',
  サーバ: 'Servers',
  端末PC: 'Client PCs',
  'サーバ、端末PC': 'Servers, client PCs',
  ネットワーク機器: 'Network devices',
}

export const SHEET_NAMES = { ja: ['チェックリスト', '根拠'], en: ['Checklist', 'Evidence'] } as const

/** The text of the 確認項目 cell: the item (marked when a summary), guideline refs and a later deadline beside it. */
function itemCell(row: ChecklistView['rows'][number], lang: Lang): string {
  const lines = [itemText(row.item, lang)]
  if (row.item.guidelineRefs.length > 0)
    lines.push(
      lang === 'ja'
        ? `(ガイドライン: ${row.item.guidelineRefs.join('、')})`
        : `(Guideline: ${row.item.guidelineRefs.join('; ')})`,
    )
  if (row.item.deadlineNote)
    lines.push(lang === 'ja' ? `[期限: ${row.item.deadlineNote}]` : `[Deadline: ${row.item.deadlineNote}]`)
  return lines.join('\n')
}

/** One row per item of the form, as printed strings. */
export function formRows(view: ChecklistView, lang: Lang): string[][] {
  const skip = notRequiredView(view)
  return view.rows.map((row) => {
    const a = row.answer
    const notes: string[] = []
    if (skip && row.item.id !== '前提')
      notes.push(lang === 'ja' ? '確認不要(前提が「いいえ」)' : 'Not required (precondition answered No)')
    if (a.responsible) notes.push(lang === 'ja' ? `担当: ${a.responsible}` : `Responsible: ${a.responsible}`)
    if (a.note) notes.push(a.note)
    if (a.attachments.length > 0)
      notes.push(`${lang === 'ja' ? '添付' : 'Attached'}: ${a.attachments.map((f) => f.fileName).join(', ')}`)
    const target = row.item.target
    return [
      row.item.id,
      itemCell(row, lang),
      target === null ? '' : lang === 'ja' ? target : (TARGET_EN[target] ?? target),
      a.answer === 'yes' ? MARK : '',
      a.answer === 'no' ? MARK : '',
      a.checkedOn ?? '',
      a.targetOn ?? '',
      notes.join('\n'),
    ]
  })
}

/** One row per item with evidence, for the 「根拠」 sheet / section. */
export function evidenceRows(view: ChecklistView, lang: Lang): string[][] {
  return view.rows
    .filter((r) => r.evidence !== null)
    .map((r) => {
      const e = r.evidence!
      return [
        r.item.id,
        itemText(r.item, lang),
        SUGGESTION[lang][e.suggestion],
        lang === 'ja' ? e.summaryJa : e.summaryEn,
        e.facts.map((f) => `${lang === 'ja' ? f.labelJa : f.labelEn}: ${f.value}`).join('\n'),
        e.link ?? '',
      ]
    })
}

/** The lines above the table: title, fiscal year, who fills it in; blank lines (＿) for what is written by hand. */
export function headLines(view: ChecklistView, lang: Lang, today: string): string[] {
  const blank = '＿＿＿＿＿＿＿＿＿＿＿＿'
  const e = view.edition
  const lines = [lang === 'ja' ? `${e.titleJa} ${e.fiscalYearJa}` : `${e.titleEn} (${e.fiscalYearJa})`]
  if (e.form === 'vendor') {
    lines.push(lang === 'ja' ? `事業者名: ${view.vendor?.name ?? blank}` : `Vendor: ${view.vendor?.name ?? blank}`)
    lines.push(lang === 'ja' ? `医療機関名: ${blank}` : `Hospital: ${blank}`)
    lines.push(lang === 'ja' ? `記入日: ${blank}` : `Date: ${blank}`)
  } else {
    lines.push(lang === 'ja' ? `医療機関名: ${blank}` : `Hospital: ${blank}`)
    const c = view.completion
    lines.push(
      lang === 'ja'
        ? `回答済み ${c.answered} / ${c.total}(はい ${c.yes}、いいえ ${c.no}、目標日超過 ${c.overdue})・出力日 ${today}`
        : `Answered ${c.answered} / ${c.total} (yes ${c.yes}, no ${c.no}, past target date ${c.overdue}) · printed ${today}`,
    )
  }
  lines.push(
    lang === 'ja'
      ? '「(要旨)」の付いた項目は Mamori による要旨で、厚生労働省の原文ではありません。'
      : "Items marked \"(summary)\" are Mamori's summaries, not MHLW's wording; all English text is Mamori's translation.",
  )
  return lines
}
