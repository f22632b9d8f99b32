import type { ChecklistView } from '../../../api/checklist.js'
import { CATEGORY_WORDS } from '../../core/ledger/vocabulary.js'
import type { LedgerSummary } from '../../core/reports/store.js'
import type { DocumentBlock, DocumentModel } from '../../documents/model.js'
import { answerWord, hospitalLabel, type Lang, longDate, num, shortDate } from '../management/words.js'

export type { LedgerSummary }

export interface InspectionInput {
  lang: Lang
  date: string
  hospital: string | null
  checklist: ChecklistView
  ledger: LedgerSummary
}

/**
 * The inspection pack (立入検査): the checklist in MHLW's layout (番号, 確認項目, 対象, はい/いいえ, 確認日, 目標日,
 * 備考), then per item the evidence Mamori holds (facts), then the device ledger summary. Items whose wording is our
 * summary carry 「（要旨）」 so nobody takes them for MHLW's text.
 */
export function composeInspection(input: InspectionInput): DocumentModel {
  const ja = input.lang === 'ja'
  const w = ja ? JA : EN
  const hospital = hospitalLabel(input.hospital, input.lang)
  const cl = input.checklist
  const title = w.title(ja ? cl.edition.titleJa : cl.edition.titleEn)
  const text = (r: ChecklistView['rows'][number]) =>
    `${ja ? r.item.textJa : r.item.textEn}${r.item.wording === 'summary' ? (ja ? '（要旨）' : ' (summary)') : ''}`
  const c = cl.completion
  const blocks: DocumentBlock[] = [
    { kind: 'paragraph', text: longDate(input.date, input.lang), align: 'right' },
    { kind: 'heading', level: 1, text: title, align: 'center' },
    { kind: 'address', lines: [w.hospital(hospital), w.edition(cl.edition.fiscalYearJa, cl.edition.source)] },
    { kind: 'paragraph', text: w.summary(c.total, c.answered, c.yes, c.no, c.overdue) },
    { kind: 'heading', level: 2, text: w.h.checklist },
    {
      kind: 'table',
      columns: w.columns.map((header, i) => ({ header, width: [0.9, 5, 1.2, 1, 1.4, 1.4, 2.2][i] ?? 1 })),
      rows: cl.rows.map((r) => [
        r.item.id,
        text(r),
        r.item.target ?? '—',
        answerWord(r.answer.answer, input.lang),
        shortDate(r.answer.checkedOn),
        r.answer.answer === 'no' ? shortDate(r.answer.targetOn) : '—',
        [r.answer.note, r.answer.responsible ? `${w.responsible}: ${r.answer.responsible}` : null, r.item.deadlineNote]
          .filter(Boolean)
          .join('\n'),
      ]),
    },
    { kind: 'pageBreak' },
    { kind: 'heading', level: 2, text: w.h.evidence },
    { kind: 'paragraph', text: w.evidenceIntro },
  ]
  const withEvidence = cl.rows.filter((r) => r.evidence)
  if (withEvidence.length === 0) blocks.push({ kind: 'paragraph', text: w.noEvidence })
  for (const r of withEvidence) {
    const e = r.evidence!
    blocks.push(
      { kind: 'heading', level: 3, text: `${r.item.id} ${text(r)}` },
      {
        kind: 'paragraph',
        text: `${w.suggestion}: ${w.suggestionWord[e.suggestion]} — ${ja ? e.summaryJa : e.summaryEn}`,
        keepWithNext: e.facts.length > 0,
      },
    )
    if (e.facts.length > 0)
      blocks.push({
        kind: 'table',
        columns: w.factColumns.map((header, i) => ({ header, width: [3, 4][i] ?? 1 })),
        rows: e.facts.map((f) => [ja ? f.labelJa : f.labelEn, f.value]),
      })
  }
  const l = input.ledger
  blocks.push(
    { kind: 'pageBreak' },
    { kind: 'heading', level: 2, text: w.h.ledger },
    { kind: 'paragraph', text: w.ledgerLine(l.total, l.pastSupport) },
  )
  if (l.total > 0) {
    blocks.push(
      { kind: 'heading', level: 3, text: w.h.byCategory },
      {
        kind: 'table',
        columns: [
          { header: w.category, width: 4 },
          { header: w.count, width: 1 },
        ],
        rows: l.byCategory.map((r) => [categoryLabel(r.key, input.lang), num(r.count)]),
      },
      { kind: 'heading', level: 3, text: w.h.byDepartment },
      {
        kind: 'table',
        columns: [
          { header: w.department, width: 4 },
          { header: w.count, width: 1 },
        ],
        rows: l.byDepartment.map((r) => [r.key || w.unset, num(r.count)]),
      },
    )
  }
  if (l.pastSupportDevices.length > 0)
    blocks.push(
      { kind: 'heading', level: 3, text: w.h.pastSupport },
      {
        kind: 'table',
        columns: w.pastColumns.map((header, i) => ({ header, width: [1.5, 3, 2, 1.5][i] ?? 1 })),
        rows: l.pastSupportDevices.map((d) => [d.assetTag ?? '—', d.name ?? '—', d.department ?? '—', d.supportEnd]),
      },
    )
  return { lang: input.lang, title, author: hospital, blocks }
}

const JA = {
  title: (edition: string) => `立入検査用資料 ${edition}`,
  hospital: (h: string) => `医療機関名: ${h}`,
  edition: (fy: string, source: string) => `版: ${fy}（出典: ${source}）`,
  summary: (total: number, answered: number, yes: number, no: number, overdue: number) =>
    `全 ${total} 項目中 ${answered} 項目回答済み（はい ${yes}、いいえ ${no}、目標日超過 ${overdue}）。「（要旨）」の付いた項目は、厚生労働省の原文ではなく内容の要約です。`,
  h: {
    checklist: '1. チェックリスト',
    evidence: '2. 確認の根拠（Mamori が保有するデータ）',
    ledger: '3. 医療機器台帳の概要',
    byCategory: '種別ごとの台数',
    byDepartment: '部署ごとの台数',
    pastSupport: 'サポート終了日を過ぎた機器',
  },
  columns: ['番号', '確認項目', '対象', 'はい/いいえ', '確認日', '目標日', '備考'],
  responsible: '責任者',
  evidenceIntro:
    '各項目について、Mamori が台帳・スキャン・開示資料などから得た事実です。回答は担当者が確認して記入しています。',
  noEvidence: 'Mamori のデータから示せる根拠はまだありません。',
  suggestion: 'データからの見込み',
  suggestionWord: { yes: 'はい', no: 'いいえ', unknown: '判断できない' } as Record<string, string>,
  factColumns: ['事実', '値'],
  ledgerLine: (total: number, past: number) =>
    `台帳に登録された機器は ${num(total)} 台、そのうちサポート終了日を過ぎた機器は ${num(past)} 台です。`,
  category: '種別',
  department: '部署',
  count: '台数',
  unset: '（未記入）',
  pastColumns: ['資産番号', '機器名', '部署', 'サポート終了日'],
}

const EN: typeof JA = {
  title: (edition: string) => `Inspection pack — ${edition}`,
  hospital: (h: string) => `Hospital: ${h}`,
  edition: (fy: string, source: string) => `Edition: ${fy} (source: ${source})`,
  summary: (total: number, answered: number, yes: number, no: number, overdue: number) =>
    `${answered} of ${total} items answered (yes ${yes}, no ${no}, past target date ${overdue}). Items marked "(summary)" are our summary of the topic, not MHLW's wording.`,
  h: {
    checklist: '1. Checklist',
    evidence: '2. Evidence (data held by Mamori)',
    ledger: '3. Device ledger summary',
    byCategory: 'Devices per category',
    byDepartment: 'Devices per department',
    pastSupport: 'Devices past their support end',
  },
  columns: ['No.', 'Item', 'Target', 'Yes/No', 'Checked on', 'Target date', 'Notes'],
  responsible: 'Responsible',
  evidenceIntro:
    'For each item, the facts Mamori holds from the ledger, scans and disclosures. The answers were checked and entered by staff.',
  noEvidence: 'Mamori holds no evidence for these items yet.',
  suggestion: 'Suggested by the data',
  suggestionWord: { yes: 'yes', no: 'no', unknown: 'cannot tell' },
  factColumns: ['Fact', 'Value'],
  ledgerLine: (total: number, past: number) =>
    `${num(total)} devices are in the ledger; ${num(past)} of them are past their support end.`,
  category: 'Category',
  department: 'Department',
  count: 'Devices',
  unset: '(not set)',
  pastColumns: ['Asset tag', 'Name', 'Department', 'Support end'],
}

/** A ledger category in the reader's language: the ledger's Japanese word, or the id in plain English. */
function categoryLabel(key: string, lang: 'ja' | 'en'): string {
  const ja = (CATEGORY_WORDS as Record<string, readonly string[] | undefined>)[key]?.[0]
  return lang === 'ja' && ja ? ja : key.replace(/_/g, ' ')
}
