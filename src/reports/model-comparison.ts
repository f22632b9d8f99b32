import type ExcelJS from 'exceljs'
import type {
  AnswerValue,
  DeclaredPort,
  DisclosureEvaluation,
  DisclosureForm,
  EvaluationSeverity,
} from '../core/disclosures/disclosure.js'
import { MamoriError } from '../core/errors.js'
import { assertDocumentLang } from '../documents/lang.js'
import { FILLS, fill, headerRow, loadExcelJS, textRow } from '../documents/xlsx.js'

/**
 * Two or more models' disclosures side by side for procurement, as one .xlsx: sheet 1 sums up each model (findings by
 * severity, compensating controls, open questions, SBOM, vulnerability disclosure program, declared ports, what it
 * lacks); sheet 2 puts the answers side by side per question id, marking rows where the models differ (yellow) and
 * cells where a model has no answer (red); sheet 3 lists each model's findings with the answers they cite. Every
 * text cell is formula-guarded: disclosure text comes from manufacturers.
 */

export interface ComparedModel {
  /** Column heading, e.g. "Terumo TE-171". */
  label: string
  vendor: string
  name: string
  disclosure: { form: DisclosureForm; documentId: string | null; releaseDate: string | null } | null
  /** By question id; a missing key or a null value is "no answer". */
  answers: Record<string, { value: AnswerValue | null; comment: string | null }>
  evaluation: DisclosureEvaluation | null
  declaredPorts: DeclaredPort[]
}

export interface ModelComparisonInput {
  lang: 'ja' | 'en'
  models: ComparedModel[]
  /** The question set, in form order (sheet 2's rows; answers to other ids follow at the end). */
  questions: { id: string; section: string; textJa: string; textEn: string }[]
}

const SEVERITIES: EvaluationSeverity[] = ['critical', 'high', 'medium', 'low', 'info']

const WORDS = {
  ja: {
    sheets: ['概要', '回答の比較', '検出事項'],
    item: '項目',
    vendor: '製造販売業者',
    model: '機種',
    form: '開示資料',
    documentId: '文書番号',
    releaseDate: '発行日',
    severity: {
      critical: '検出事項: 緊急',
      high: '検出事項: 高',
      medium: '検出事項: 中',
      low: '検出事項: 低',
      info: '検出事項: 情報',
    },
    controls: '必要な補完的対策',
    controlsList: '必要な補完的対策（内容）',
    questions: '製造業者への質問',
    answered: '回答済みの設問',
    sbom: 'SBOM あり (SBOM-1)',
    cvd: '脆弱性開示の方針あり (DOC-8)',
    ports: '開示された通信ポート',
    portsList: '開示された通信ポート（一覧）',
    lacks: '欠けているもの',
    lack: {
      disclosure: '開示資料',
      sbom: 'SBOM',
      cvd: '脆弱性開示の方針',
      ports: '通信ポートの一覧',
      unanswered: '未回答の設問 {n} 問',
    },
    none: 'なし',
    noDisclosure: '開示資料なし',
    unknown: '不明',
    answers: { yes: 'はい', no: 'いいえ', na: '該当なし', 'see-notes': '注記参照' } as Record<AnswerValue, string>,
    yesNo: ['はい', 'いいえ'],
    questionId: '質問ID',
    section: 'セクション',
    question: '設問',
    comparison: '比較',
    differs: 'モデルにより異なる',
    noAnswer: '未回答',
    same: '同じ',
    forms: {
      'mds2-2019': 'MDS2 2019年版',
      'mds2-2013': 'MDS2 2013年版',
      'mds-sds': 'MDS/SDS',
      manual: '手入力 (MDS2 2019年版)',
    },
    findingHeaders: ['機種', '重要度', '規則ID', '検出事項', '内容', '推奨される対応', '根拠 (質問ID: 回答)'],
    severityWord: { critical: '緊急', high: '高', medium: '中', low: '低', info: '情報' },
    notEvaluated: '開示資料がないため評価できません',
    noFindings: '検出事項はありません',
  },
  en: {
    sheets: ['Summary', 'Answers', 'Findings'],
    item: 'Item',
    vendor: 'Manufacturer',
    model: 'Model',
    form: 'Disclosure',
    documentId: 'Document ID',
    releaseDate: 'Release date',
    severity: {
      critical: 'Findings: critical',
      high: 'Findings: high',
      medium: 'Findings: medium',
      low: 'Findings: low',
      info: 'Findings: info',
    },
    controls: 'Compensating controls needed',
    controlsList: 'Compensating controls (list)',
    questions: 'Questions to the manufacturer',
    answered: 'Questions answered',
    sbom: 'Has an SBOM (SBOM-1)',
    cvd: 'Has a vulnerability disclosure program (DOC-8)',
    ports: 'Declared network ports',
    portsList: 'Declared network ports (list)',
    lacks: 'What it lacks',
    lack: {
      disclosure: 'Disclosure',
      sbom: 'SBOM',
      cvd: 'Vulnerability disclosure program',
      ports: 'List of network ports',
      unanswered: '{n} unanswered questions',
    },
    none: 'None',
    noDisclosure: 'No disclosure',
    unknown: 'Unknown',
    answers: { yes: 'Yes', no: 'No', na: 'N/A', 'see-notes': 'See notes' } as Record<AnswerValue, string>,
    yesNo: ['Yes', 'No'],
    questionId: 'Question ID',
    section: 'Section',
    question: 'Question',
    comparison: 'Comparison',
    differs: 'Models differ',
    noAnswer: 'Unanswered',
    same: 'Same',
    forms: {
      'mds2-2019': 'MDS2 2019',
      'mds2-2013': 'MDS2 2013',
      'mds-sds': 'MDS/SDS',
      manual: 'Entered by hand (MDS2 2019)',
    },
    findingHeaders: [
      'Model',
      'Severity',
      'Rule ID',
      'Finding',
      'Detail',
      'Recommendation',
      'Cited (question ID: answer)',
    ],
    severityWord: { critical: 'Critical', high: 'High', medium: 'Medium', low: 'Low', info: 'Info' },
    notEvaluated: 'No disclosure, so nothing could be evaluated',
    noFindings: 'No findings',
  },
}
type Words = (typeof WORDS)['ja']

/** The comparison workbook as one Buffer. Throws DOCUMENT_INPUT_INVALID without models or with an unknown language. */
export async function modelComparisonXlsx(input: ModelComparisonInput): Promise<Buffer> {
  assertDocumentLang(input.lang)
  if (input.models.length === 0) {
    throw MamoriError.of('DOCUMENT_INPUT_INVALID', {
      field: { en: 'the models to compare', ja: '比較する機種' },
      value: '0',
      expected: { en: 'at least one model', ja: '1 つ以上の機種' },
    })
  }
  const w: Words = WORDS[input.lang]
  const wb = new (await loadExcelJS()).Workbook()
  wb.creator = 'Mamori'
  summarySheet(wb.addWorksheet(w.sheets[0]), input, w)
  answersSheet(wb.addWorksheet(w.sheets[1]), input, w)
  findingsSheet(wb.addWorksheet(w.sheets[2]), input, w)
  return Buffer.from(await wb.xlsx.writeBuffer())
}

const answerOf = (m: ComparedModel, id: string) => m.answers[id]?.value ?? null

function yesNo(m: ComparedModel, id: string, w: Words): string {
  if (!m.disclosure) return w.noDisclosure
  const v = answerOf(m, id)
  return v === 'yes' ? (w.yesNo[0] ?? '') : v === 'no' ? (w.yesNo[1] ?? '') : w.unknown
}

function lacks(m: ComparedModel, input: ModelComparisonInput, w: Words): string {
  if (!m.disclosure) return [w.lack.disclosure, w.lack.ports].join('\n')
  const out: string[] = []
  if (answerOf(m, 'SBOM-1') !== 'yes') out.push(w.lack.sbom)
  if (answerOf(m, 'DOC-8') !== 'yes') out.push(w.lack.cvd)
  if (m.declaredPorts.length === 0) out.push(w.lack.ports)
  const unanswered = input.questions.filter((q) => answerOf(m, q.id) === null).length
  if (unanswered > 0) out.push(w.lack.unanswered.replace('{n}', String(unanswered)))
  return out.length > 0 ? out.join('\n') : w.none
}

function summarySheet(ws: ExcelJS.Worksheet, input: ModelComparisonInput, w: Words): void {
  const { models } = input
  headerRow(ws, [w.item, ...models.map((m) => m.label)], [30, ...models.map(() => 34)])
  const row = (label: string, cell: (m: ComparedModel) => string | number) => textRow(ws, [label, ...models.map(cell)])
  const count = (m: ComparedModel, n: (e: DisclosureEvaluation) => number) => (m.evaluation ? n(m.evaluation) : '—')
  row(w.vendor, (m) => m.vendor)
  row(w.model, (m) => m.name)
  row(w.form, (m) => (m.disclosure ? w.forms[m.disclosure.form] : w.noDisclosure))
  row(w.documentId, (m) => m.disclosure?.documentId ?? '—')
  row(w.releaseDate, (m) => m.disclosure?.releaseDate ?? '—')
  for (const s of SEVERITIES) {
    row(w.severity[s], (m) => count(m, (e) => e.findings.filter((f) => f.severity === s).length))
  }
  row(w.controls, (m) => count(m, (e) => e.controls.length))
  row(w.controlsList, (m) =>
    (m.evaluation?.controls ?? []).map((c) => (input.lang === 'ja' ? c.titleJa : c.titleEn)).join('\n'),
  )
  row(w.questions, (m) => count(m, (e) => e.questions.length))
  row(w.answered, (m) =>
    m.disclosure
      ? `${input.questions.filter((q) => answerOf(m, q.id) !== null).length} / ${input.questions.length}`
      : '—',
  )
  row(w.sbom, (m) => yesNo(m, 'SBOM-1', w))
  row(w.cvd, (m) => yesNo(m, 'DOC-8', w))
  row(w.ports, (m) => m.declaredPorts.length)
  row(w.portsList, (m) =>
    m.declaredPorts.map((p) => `${p.port}/${p.transport}${p.service ? ` ${p.service}` : ''}`).join('\n'),
  )
  const lackRow = row(w.lacks, (m) => lacks(m, input, w))
  models.forEach((m, i) => {
    if (lacks(m, input, w) !== w.none) fill(lackRow.getCell(i + 2), FILLS.missing)
  })
  ws.getColumn(1).font = { bold: true }
}

function answerText(a: { value: AnswerValue | null; comment: string | null } | undefined, w: Words): string | null {
  if (!a || a.value === null) return a?.comment ? `${w.noAnswer}: ${a.comment}` : null
  return a.comment ? `${w.answers[a.value]}: ${a.comment}` : w.answers[a.value]
}

function citedAnswer(answer: string, w: Words): string {
  const words: Record<string, string> = w.answers
  return words[answer] ?? (answer === 'unanswered' ? w.noAnswer : answer)
}

function answersSheet(ws: ExcelJS.Worksheet, input: ModelComparisonInput, w: Words): void {
  const { models } = input
  headerRow(
    ws,
    [w.questionId, w.section, w.question, ...models.map((m) => m.label), w.comparison],
    [12, 10, 60, ...models.map(() => 26), 18],
  )
  // Answers to ids outside the question set (another form's ids, typed-in extras) are kept, after the set.
  const known = new Set(input.questions.map((q) => q.id))
  const extra = [...new Set(models.flatMap((m) => Object.keys(m.answers)))].filter((id) => !known.has(id)).sort()
  const rows = [
    ...input.questions.map((q) => ({ id: q.id, section: q.section, text: input.lang === 'ja' ? q.textJa : q.textEn })),
    ...extra.map((id) => ({ id, section: '', text: '' })),
  ]
  for (const q of rows) {
    const values = models.map((m) => answerOf(m, q.id))
    const missing = values.some((v) => v === null)
    const differs = new Set(values).size > 1
    const verdict = [differs ? w.differs : null, missing ? w.noAnswer : null].filter((x) => x !== null)
    const row = textRow(ws, [
      q.id,
      q.section,
      q.text,
      ...models.map((m) => (m.disclosure ? (answerText(m.answers[q.id], w) ?? w.noAnswer) : w.noDisclosure)),
      verdict.length > 0 ? verdict.join(' / ') : w.same,
    ])
    values.forEach((v, i) => {
      const cell = row.getCell(4 + i)
      if (v === null) fill(cell, FILLS.missing)
      else if (differs) fill(cell, FILLS.differs)
    })
    if (differs || missing) fill(row.getCell(4 + models.length), missing ? FILLS.missing : FILLS.differs)
  }
}

function findingsSheet(ws: ExcelJS.Worksheet, input: ModelComparisonInput, w: Words): void {
  const ja = input.lang === 'ja'
  headerRow(ws, w.findingHeaders, [24, 8, 14, 36, 60, 50, 30])
  for (const m of input.models) {
    if (!m.evaluation) {
      textRow(ws, [m.label, '', '', w.notEvaluated, '', '', ''])
      continue
    }
    if (m.evaluation.findings.length === 0) textRow(ws, [m.label, '', '', w.noFindings, '', '', ''])
    for (const f of m.evaluation.findings) {
      textRow(ws, [
        m.label,
        w.severityWord[f.severity],
        f.ruleId,
        ja ? f.titleJa : f.titleEn,
        ja ? f.detailJa : f.detailEn,
        ja ? f.recommendationJa : f.recommendationEn,
        f.citations
          .map((c) => `${c.questionId}: ${citedAnswer(c.answer, w)}${c.comment ? ` (${c.comment})` : ''}`)
          .join('\n'),
      ])
    }
  }
}
