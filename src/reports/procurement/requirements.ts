import type {
  BidAnswerValue,
  BidComparison,
  ModelDisclosureSummary,
  RequirementCategory,
  RequirementItem,
} from '../../../api/procurement.js'
import type { DocumentBlock, DocumentModel } from '../../documents/model.js'
import { renderPdf } from '../../documents/pdf.js'
import { FILLS, fill, headerRow, loadExcelJS, textRow, xlsxText } from '../../documents/xlsx.js'

/**
 * The requirement sheet a hospital attaches to a tender (ADR 0039), as .xlsx (the vendor fills in 回答 and 備考;
 * Mamori reads it back with importers/procurement/answers.ts) and as PDF (embedded Japanese font, extractable text),
 * and the comparison of bids. Every text cell is formula-guarded (xlsxText).
 */

export type Lang = 'ja' | 'en'

/** Row of the table header on the requirement sheet (the cover block is above it). */
export const HEADER_ROW = 9

export const CATEGORY_LABELS: Record<RequirementCategory, { ja: string; en: string }> = {
  disclosure: { ja: '開示資料', en: 'Disclosure' },
  ports: { ja: '通信ポート', en: 'Ports' },
  sbom: { ja: 'SBOM', en: 'SBOM' },
  support: { ja: '更新・サポート', en: 'Patches and support' },
  authentication: { ja: '認証・アカウント', en: 'Authentication' },
  remote: { ja: 'リモート保守', en: 'Remote maintenance' },
  malware: { ja: 'マルウェア対策', en: 'Malware protection' },
  vulnerability: { ja: '脆弱性対応', en: 'Vulnerability handling' },
  logging: { ja: 'ログ・時刻', en: 'Logs and time' },
  data: { ja: 'データ保護', en: 'Data protection' },
  other: { ja: 'その他', en: 'Other' },
}

export const ANSWER_LABELS: Record<Lang, Record<BidAnswerValue, string>> = {
  ja: { yes: 'はい', partial: '一部', no: 'いいえ', unknown: '不明' },
  en: { yes: 'yes', partial: 'partial', no: 'no', unknown: 'unknown' },
}

export const SHEET_HEADERS: Record<Lang, string[]> = {
  ja: ['No.', '区分', '要件', '理由', '必須', '重み', '根拠', '回答', '備考'],
  en: ['No.', 'Category', 'Requirement', 'Why', 'Mandatory', 'Weight', 'Source', 'Answer', 'Note'],
}

const W = {
  ja: {
    title: '医療機器セキュリティ調達要件',
    set: '要件セット',
    tender: '案件',
    vendor: '応札者（販売店）',
    maker: '製造販売業者 / 機種',
    howTo:
      '「回答」欄に はい / 一部 / いいえ / 不明 のいずれかを選び、「備考」欄に根拠（資料名・頁、提供時期など）を記入してください。「必須」の要件に「いいえ」「不明」の場合は理由を備考に記入してください。',
    mandatory: '必須',
    optional: '任意',
    sheet: '調達要件',
    answerBlank: '（記入）',
  },
  en: {
    title: 'Medical device security procurement requirements',
    set: 'Requirement set',
    tender: 'Tender',
    vendor: 'Bidder (vendor)',
    maker: 'Manufacturer / model',
    howTo:
      'In "Answer" choose yes / partial / no / unknown and give your evidence in "Note" (document and page, when provided). For a mandatory requirement answered no or unknown, explain why in "Note".',
    mandatory: 'Mandatory',
    optional: 'Optional',
    sheet: 'Requirements',
    answerBlank: '(to fill in)',
  },
} as const

export interface RequirementSheetInput {
  lang: Lang
  name: string
  version: string
  items: readonly RequirementItem[]
  today: string
  /** Prefilled cover fields from a bid (?bidId=). */
  bid?: { tender: string; vendor: string; manufacturer: string; model: string } | null
}

const text = (it: RequirementItem, lang: Lang) => (lang === 'ja' ? it.textJa : it.textEn)
const why = (it: RequirementItem, lang: Lang) => (lang === 'ja' ? it.rationaleJa : it.rationaleEn)

function coverLines(input: RequirementSheetInput): [string, string][] {
  const w = W[input.lang]
  const b = input.bid
  return [
    [w.set, `${input.name}（${input.version}）`],
    [w.tender, b?.tender ?? ''],
    [w.vendor, b?.vendor ?? ''],
    [w.maker, b ? `${b.manufacturer} ${b.model}` : ''],
  ]
}

/** The requirement sheet as .xlsx: cover block, then one row per requirement with empty 回答 (list) and 備考. */
export async function requirementsXlsx(input: RequirementSheetInput): Promise<Buffer> {
  const { lang } = input
  const w = W[lang]
  const wb = new (await loadExcelJS()).Workbook()
  wb.creator = 'Mamori'
  wb.created = new Date(`${input.today}T00:00:00Z`)
  const ws = wb.addWorksheet(w.sheet, {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  })
  const widths = [8, 14, 50, 40, 8, 6, 24, 10, 40]
  widths.forEach((wd, i) => {
    ws.getColumn(i + 1).width = wd
  })
  const t = ws.getCell(1, 1)
  t.value = xlsxText(w.title)
  t.font = { bold: true, size: 14 }
  coverLines(input).forEach(([k, v], i) => {
    const kc = ws.getCell(2 + i, 1)
    kc.value = xlsxText(k)
    kc.font = { bold: true }
    ws.mergeCells(2 + i, 1, 2 + i, 2)
    ws.getCell(2 + i, 3).value = xlsxText(v)
  })
  const how = ws.getCell(7, 1)
  how.value = xlsxText(w.howTo)
  how.alignment = { wrapText: true, vertical: 'top' }
  ws.mergeCells(7, 1, 7, 9)
  ws.getRow(7).height = 36
  const head = ws.getRow(HEADER_ROW)
  SHEET_HEADERS[lang].forEach((h, i) => {
    const c = head.getCell(i + 1)
    c.value = h
    c.font = { bold: true }
    c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true }
    fill(c, FILLS.header)
  })
  const border = { style: 'thin' as const }
  const list = `"${Object.values(ANSWER_LABELS[lang]).join(',')}"`
  input.items.forEach((it, i) => {
    const row = ws.getRow(HEADER_ROW + 1 + i)
    const cells: (string | number)[] = [
      xlsxText(it.id),
      xlsxText(CATEGORY_LABELS[it.category][lang]),
      xlsxText(text(it, lang)),
      xlsxText(why(it, lang)),
      xlsxText(it.mandatory ? w.mandatory : w.optional),
      it.weight,
      xlsxText(it.refs.join('\n')),
      '',
      '',
    ]
    cells.forEach((v, j) => {
      const c = row.getCell(j + 1)
      c.value = v
      c.alignment = { vertical: 'top', wrapText: true }
      c.border = { top: border, bottom: border, left: border, right: border }
    })
    const ans = row.getCell(8)
    ans.dataValidation = {
      type: 'list',
      allowBlank: true,
      formulae: [list],
      showErrorMessage: true,
      errorTitle: lang === 'ja' ? '回答' : 'Answer',
      error: Object.values(ANSWER_LABELS[lang]).join(' / '),
    }
    fill(ans, FILLS.differs)
    if (it.mandatory) row.getCell(5).font = { bold: true }
  })
  ws.views = [{ state: 'frozen', ySplit: HEADER_ROW, xSplit: 0 }]
  return Buffer.from(await wb.xlsx.writeBuffer())
}

/** The requirement sheet as a DocumentModel (PDF). */
export function requirementsDocument(input: RequirementSheetInput): DocumentModel {
  const { lang } = input
  const w = W[lang]
  const h = SHEET_HEADERS[lang]
  const blocks: DocumentBlock[] = [
    { kind: 'paragraph', text: input.today, align: 'right' },
    { kind: 'heading', level: 1, text: w.title, align: 'center' },
    { kind: 'address', lines: coverLines(input).map(([k, v]) => `${k}: ${v}`) },
    { kind: 'spacer' },
    { kind: 'paragraph', text: w.howTo },
    {
      kind: 'table',
      columns: [
        { header: h[0]!, width: 0.8 },
        { header: h[1]!, width: 1.2 },
        { header: `${h[2]} / ${h[3]}`, width: 5 },
        { header: h[4]!, width: 0.8 },
        { header: h[5]!, width: 0.6 },
        { header: h[6]!, width: 1.8 },
        { header: h[7]!, width: 1 },
      ],
      rows: input.items.map((it) => [
        it.id,
        CATEGORY_LABELS[it.category][lang],
        why(it, lang) ? `${text(it, lang)}\n（${why(it, lang)}）` : text(it, lang),
        it.mandatory ? w.mandatory : w.optional,
        String(it.weight),
        it.refs.join('\n'),
        '',
      ]),
    },
  ]
  return { lang, title: `${w.title} ${input.name} ${input.version}`, blocks }
}

export const requirementsPdf = (input: RequirementSheetInput): Promise<Buffer> => renderPdf(requirementsDocument(input))

const C = {
  ja: {
    title: '応札比較',
    sheets: ['比較', '開示情報'],
    item: '要件',
    score: '得点',
    gaps: '必須要件の不足',
    none: 'なし',
    unanswered: '未回答',
    disclosure: [
      '機種',
      'MDS2',
      'MDS/SDS',
      'SBOM',
      '開示された通信ポート',
      '平文のポート',
      'サポート終了',
      '既知の脆弱性',
      'うち悪用が確認済み (KEV)',
    ],
    yes: 'あり',
    no: 'なし',
    unknown: '不明',
  },
  en: {
    title: 'Bid comparison',
    sheets: ['Comparison', 'Disclosures'],
    item: 'Requirement',
    score: 'Score',
    gaps: 'Mandatory gaps',
    none: 'none',
    unanswered: 'not answered',
    disclosure: [
      'Model',
      'MDS2',
      'MDS/SDS',
      'SBOM',
      'Declared ports',
      'Cleartext ports',
      'Support end',
      'Known vulnerabilities',
      'of which known exploited (KEV)',
    ],
    yes: 'yes',
    no: 'no',
    unknown: 'unknown',
  },
} as const

const bidLabel = (b: BidComparison['bids'][number]) => `${b.vendor}: ${b.manufacturer} ${b.model}`

function disclosureCells(d: ModelDisclosureSummary, lang: Lang, modelText: string): string[] {
  const c = C[lang]
  const yn = (b: boolean) => (b ? c.yes : c.no)
  return [
    modelText,
    yn(d.hasMds2),
    yn(d.hasMdsSds),
    yn(d.hasSbom),
    d.declaredPorts.join(', ') || c.none,
    d.cleartextPorts.join(', ') || c.none,
    d.supportEnd ?? c.unknown,
    String(d.knownVulnerabilities),
    String(d.knownExploited),
  ]
}

function comparisonTable(cmp: BidComparison, lang: Lang): { headers: string[]; rows: string[][] } {
  const c = C[lang]
  const headers = ['No.', c.item, ...cmp.bids.map(bidLabel)]
  const rows = cmp.rows.map((r) => [
    r.item.id + (r.item.mandatory ? ' *' : ''),
    text(r.item, lang),
    ...r.answers.map((a) => (a ? ANSWER_LABELS[lang][a] : c.unanswered)),
  ])
  rows.push(['', c.score, ...cmp.bids.map((b) => `${b.score.percent}% (${b.score.points}/${b.score.max})`)])
  rows.push(['', c.gaps, ...cmp.bids.map((b) => b.score.mandatoryGaps.join(', ') || c.none)])
  return { headers, rows }
}

/** The comparison as .xlsx: answers side by side (rows that differ in yellow, missing answers in red), disclosures. */
export async function comparisonXlsx(cmp: BidComparison, lang: Lang, today: string): Promise<Buffer> {
  const c = C[lang]
  const wb = new (await loadExcelJS()).Workbook()
  wb.creator = 'Mamori'
  wb.created = new Date(`${today}T00:00:00Z`)
  const ws = wb.addWorksheet(c.sheets[0])
  const t = comparisonTable(cmp, lang)
  headerRow(ws, t.headers, [10, 60, ...cmp.bids.map(() => 24)])
  t.rows.forEach((cells, i) => {
    const row = textRow(ws, cells)
    const r = cmp.rows[i]
    if (!r) return
    if (new Set(r.answers).size > 1)
      row.getCell(2).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: FILLS.differs } }
    r.answers.forEach((a, j) => {
      if (a === null) fill(row.getCell(3 + j), FILLS.missing)
    })
  })
  const ds = wb.addWorksheet(c.sheets[1])
  headerRow(ds, ['', ...cmp.bids.map(bidLabel)], [28, ...cmp.bids.map(() => 28)])
  const cols = cmp.bids.map((b) => disclosureCells(b.disclosure, lang, `${b.manufacturer} ${b.model}`))
  c.disclosure.forEach((label, i) => {
    textRow(ds, [label, ...cols.map((col) => col[i] ?? '')])
  })
  return Buffer.from(await wb.xlsx.writeBuffer())
}

/** The comparison as a DocumentModel (PDF). */
export function comparisonDocument(cmp: BidComparison, lang: Lang, today: string): DocumentModel {
  const c = C[lang]
  const t = comparisonTable(cmp, lang)
  const cols = cmp.bids.map((b) => disclosureCells(b.disclosure, lang, `${b.manufacturer} ${b.model}`))
  return {
    lang,
    title: `${c.title} ${cmp.requirementSet.name}`,
    blocks: [
      { kind: 'paragraph', text: today, align: 'right' },
      { kind: 'heading', level: 1, text: c.title, align: 'center' },
      { kind: 'paragraph', text: `${cmp.requirementSet.name}（${cmp.requirementSet.version}）` },
      {
        kind: 'table',
        columns: t.headers.map((h, i) => ({ header: h, width: i === 0 ? 0.8 : i === 1 ? 4 : 1.6 })),
        rows: t.rows,
      },
      { kind: 'heading', level: 2, text: c.sheets[1] },
      {
        kind: 'table',
        columns: [{ header: '', width: 2 }, ...cmp.bids.map((b) => ({ header: bidLabel(b), width: 2 }))],
        rows: c.disclosure.map((label, i) => [label, ...cols.map((col) => col[i] ?? '')]),
      },
    ],
  }
}

export const comparisonPdf = (cmp: BidComparison, lang: Lang, today: string) =>
  renderPdf(comparisonDocument(cmp, lang, today))
