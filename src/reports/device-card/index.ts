import type { DeviceRisk } from '../../../api/risk.js'
import type { DeviceActionLine, DeviceFindingLine, DeviceIdentity } from '../../core/reports/store.js'
import { renderPdf } from '../../documents/index.js'
import type { DocumentBlock, DocumentModel } from '../../documents/model.js'
import {
  BAND_WORD,
  hospitalLabel,
  type Lang,
  longDate,
  SEVERITY_WORD,
  STATUS_WORD,
  shortDate,
} from '../management/words.js'

export interface DeviceCardInput {
  lang: Lang
  date: string
  hospital: string | null
  device: DeviceIdentity
  /** null: not scored yet. */
  risk: DeviceRisk | null
  /** Open findings of the device, most severe first. */
  findings: DeviceFindingLine[]
  /** Actions still to do that concern the device, most urgent first. */
  actions: DeviceActionLine[]
}

/** At most this many factor and finding rows: the card stays one page. */
/** How many rows of each list the card prints; the rest is counted in a 「ほか N 件」 row. */
export interface DeviceCardBudget {
  factors: number
  actions: number
  findings: number
}

/**
 * Budgets from generous to tight: the caller renders with the first and steps down until the card fits one page
 * (long Japanese texts wrap more than English ones, so a fixed count cannot promise one page).
 */
export const DEVICE_CARD_BUDGETS: readonly DeviceCardBudget[] = [
  { factors: 5, actions: 3, findings: 4 },
  { factors: 4, actions: 2, findings: 3 },
  { factors: 3, actions: 2, findings: 2 },
  { factors: 2, actions: 1, findings: 1 },
]

/**
 * The one-page device card: identity, risk score with its factor breakdown, open findings and support dates. Long
 * lists are cut to their first rows with a line saying how many more there are, so the card is always one A4 page.
 */
export function composeDeviceCard(
  input: DeviceCardInput,
  budget: DeviceCardBudget = DEVICE_CARD_BUDGETS[0]!,
): DocumentModel {
  const ROWS = budget.factors
  const ACTION_ROWS = budget.actions
  const FINDING_ROWS = budget.findings
  const ja = input.lang === 'ja'
  const w = ja ? JA : EN
  const d = input.device
  const label = [d.assetTag, d.name ?? d.model].filter(Boolean).join(' ') || d.id.slice(0, 8)
  const cut = (s: string, n = 90) => (s.length > n ? `${s.slice(0, n - 1)}…` : s)
  const title = w.title(label)
  const blocks: DocumentBlock[] = [
    {
      kind: 'paragraph',
      text: `${hospitalLabel(input.hospital, input.lang)} ${longDate(input.date, input.lang)}`,
      align: 'right',
    },
    { kind: 'heading', level: 1, text: title },
    {
      kind: 'table',
      columns: [
        { header: w.field, width: 1.25 },
        { header: w.value, width: 2.2 },
        { header: w.field, width: 1.25 },
        { header: w.value, width: 2.2 },
      ],
      // Two fields a row, so identity and dates take four rows of the page.
      rows: [
        [w.assetTag, d.assetTag ?? '—', w.owner, d.owner ?? '—'],
        [w.name, d.name ?? '—', w.place, [d.department, d.location].filter(Boolean).join(' / ') || '—'],
        [
          w.maker,
          [d.manufacturer, d.model, d.softwareVersion].filter(Boolean).join(' / ') || '—',
          w.installed,
          shortDate(d.installedOn),
        ],
        [w.supportEnd, shortDate(d.supportEnd), w.lifeEnd, shortDate(d.serviceLifeEnd)],
      ].map((r) => r.map((c) => cut(c, 60))),
    },
  ]
  const r = input.risk
  if (!r) blocks.push({ kind: 'paragraph', text: w.notScored })
  else {
    blocks.push({
      kind: 'paragraph',
      text: w.score(r.score, BAND_WORD[input.lang][r.band], ja ? r.headlineJa : r.headlineEn),
      bold: true,
    })
    const rows = r.contributions
      .slice(0, ROWS)
      .map((c) => [
        cut(ja ? c.observedJa : c.observedEn, ja ? 24 : 40),
        `${c.points > 0 ? '+' : ''}${c.points}`,
        cut(ja ? c.explanationJa : c.explanationEn, ja ? 34 : 56),
      ])
    if (r.contributions.length > ROWS) rows.push([w.more(r.contributions.length - ROWS), '', ''])
    if (rows.length > 0)
      blocks.push({
        kind: 'table',
        columns: w.factorColumns.map((header, i) => ({ header, width: [2.2, 0.6, 4][i] ?? 1 })),
        rows,
      })
  }
  blocks.push({ kind: 'heading', level: 2, text: w.h.actions })
  if (input.actions.length === 0) blocks.push({ kind: 'paragraph', text: w.noActions })
  else {
    const rows = input.actions
      .slice(0, ACTION_ROWS)
      .map((a) => [
        cut(
          `${ja ? a.titleJa : a.titleEn}${a.knownExploited ? (ja ? '（攻撃で悪用あり）' : ' (exploited in attacks)') : ''}`,
          ja ? 40 : 70,
        ),
        cut(a.owner ?? w.noOwner, 20),
        shortDate(a.dueOn),
        STATUS_WORD[input.lang][a.status] ?? a.status,
      ])
    if (input.actions.length > ACTION_ROWS) rows.push([w.more(input.actions.length - ACTION_ROWS), '', '', ''])
    blocks.push({
      kind: 'table',
      columns: w.actionColumns.map((header, i) => ({ header, width: [4, 1.3, 1.2, 1.3][i] ?? 1 })),
      rows,
    })
  }
  blocks.push({ kind: 'heading', level: 2, text: w.h.findings })
  if (input.findings.length === 0) blocks.push({ kind: 'paragraph', text: w.noFindings })
  else {
    const rows = input.findings
      .slice(0, FINDING_ROWS)
      .map((f) => [
        SEVERITY_WORD[input.lang][f.severity] ?? f.severity,
        cut(ja ? f.titleJa : f.titleEn, ja ? 28 : 44),
        cut(f.where ?? '—', 30),
        shortDate(f.firstSeenAt),
      ])
    if (input.findings.length > FINDING_ROWS) rows.push(['', w.more(input.findings.length - FINDING_ROWS), '', ''])
    blocks.push({
      kind: 'table',
      columns: w.findingColumns.map((header, i) => ({ header, width: [0.9, 3.5, 2, 1.2][i] ?? 1 })),
      rows,
    })
  }
  return { lang: input.lang, title, author: hospitalLabel(input.hospital, input.lang), blocks }
}

const JA = {
  title: (l: string) => `機器カード ${l}`,
  field: '項目',
  value: '内容',
  assetTag: '資産番号',
  name: '機器名',
  maker: 'メーカー / 型式 / 版',
  place: '部署 / 設置場所',
  owner: '管理責任者',
  installed: '導入日',
  supportEnd: 'サポート終了日',
  lifeEnd: '耐用期限',
  h: { actions: 'この機器に関わる対策', findings: '未解決の指摘' },
  noActions: '対応中の対策はありません。',
  noOwner: '未定',
  actionColumns: ['対策', '担当者', '期限', '状況'],
  notScored: 'この機器のリスクはまだ計算されていません。',
  score: (s: number, band: string, why: string) => `リスク: スコア ${s} 点（${band}）。主な理由: ${why}`,
  factorColumns: ['見えたこと', '点', 'なぜ重要か'],
  more: (n: number) => `ほか ${n} 件`,
  noFindings: '未解決の指摘はありません。',
  findingColumns: ['深刻度', '内容', '場所', '初回検出'],
}

const EN: typeof JA = {
  title: (l: string) => `Device card ${l}`,
  field: 'Field',
  value: 'Value',
  assetTag: 'Asset tag',
  name: 'Name',
  maker: 'Maker / model / version',
  place: 'Department / location',
  owner: 'Owner',
  installed: 'Installed',
  supportEnd: 'Support ends',
  lifeEnd: 'Service life ends',
  h: { actions: 'Actions for this device', findings: 'Open findings' },
  noActions: 'No action is open for this device.',
  noOwner: 'not set',
  actionColumns: ['Action', 'Owner', 'Due', 'Status'],
  notScored: 'This device has not been scored yet.',
  score: (s: number, band: string, why: string) => `Risk: score ${s} (${band}). Main reasons: ${why}`,
  factorColumns: ['What was seen', 'Points', 'Why it matters'],
  more: (n: number) => `${n} more`,
  noFindings: 'No open findings.',
  findingColumns: ['Severity', 'Finding', 'Where', 'First seen'],
}

/** Pages of a PDF pdfkit wrote (page objects are `/Type /Page`; the page tree is `/Type /Pages`). */
export function pdfPages(pdf: Buffer): number {
  return pdf.toString('latin1').match(/\/Type \/Page\b(?!s)/g)?.length ?? 0
}

/** The card as a one-page PDF: rendered with the most generous budget that fits one page (else the tightest). */
export async function deviceCardPdf(input: DeviceCardInput): Promise<{ doc: DocumentModel; pdf: Buffer }> {
  let last: { doc: DocumentModel; pdf: Buffer } | null = null
  for (const budget of DEVICE_CARD_BUDGETS) {
    const doc = composeDeviceCard(input, budget)
    last = { doc, pdf: await renderPdf(doc) }
    if (pdfPages(last.pdf) <= 1) return last
  }
  return last!
}
