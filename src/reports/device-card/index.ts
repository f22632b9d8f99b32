import type { DeviceRisk } from '../../../api/risk.js'
import type { DeviceFindingLine, DeviceIdentity } from '../../core/reports/store.js'
import type { DocumentBlock, DocumentModel } from '../../documents/model.js'
import { BAND_WORD, hospitalLabel, type Lang, longDate, SEVERITY_WORD, shortDate } from '../management/words.js'

export interface DeviceCardInput {
  lang: Lang
  date: string
  hospital: string | null
  device: DeviceIdentity
  /** null: not scored yet. */
  risk: DeviceRisk | null
  /** Open findings of the device, most severe first. */
  findings: DeviceFindingLine[]
}

/** At most this many factor and finding rows: the card stays one page. */
const ROWS = 6

/**
 * The one-page device card: identity, risk score with its factor breakdown, open findings and support dates. Long
 * lists are cut to their first rows with a line saying how many more there are, so the card is always one A4 page.
 */
export function composeDeviceCard(input: DeviceCardInput): DocumentModel {
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
        { header: w.field, width: 1.3 },
        { header: w.value, width: 4 },
      ],
      rows: [
        [w.assetTag, d.assetTag ?? '—'],
        [w.name, d.name ?? '—'],
        [w.maker, [d.manufacturer, d.model, d.softwareVersion].filter(Boolean).join(' / ') || '—'],
        [w.place, [d.department, d.location].filter(Boolean).join(' / ') || '—'],
        [w.owner, d.owner ?? '—'],
        [w.support, w.dates(shortDate(d.installedOn), shortDate(d.supportEnd), shortDate(d.serviceLifeEnd))],
      ].map((r) => r.map((c) => cut(c))),
    },
    { kind: 'heading', level: 2, text: w.h.risk },
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
        cut(ja ? c.observedJa : c.observedEn, 40),
        `${c.points > 0 ? '+' : ''}${c.points}`,
        cut(ja ? c.explanationJa : c.explanationEn, 70),
      ])
    if (r.contributions.length > ROWS) rows.push([w.more(r.contributions.length - ROWS), '', ''])
    if (rows.length > 0)
      blocks.push({
        kind: 'table',
        columns: w.factorColumns.map((header, i) => ({ header, width: [2.2, 0.6, 4][i] ?? 1 })),
        rows,
      })
  }
  blocks.push({ kind: 'heading', level: 2, text: w.h.findings })
  if (input.findings.length === 0) blocks.push({ kind: 'paragraph', text: w.noFindings })
  else {
    const rows = input.findings
      .slice(0, ROWS)
      .map((f) => [
        SEVERITY_WORD[input.lang][f.severity] ?? f.severity,
        cut(ja ? f.titleJa : f.titleEn, 60),
        cut(f.where ?? '—', 30),
        shortDate(f.firstSeenAt),
      ])
    if (input.findings.length > ROWS) rows.push(['', w.more(input.findings.length - ROWS), '', ''])
    blocks.push({
      kind: 'table',
      columns: w.findingColumns.map((header, i) => ({ header, width: [0.9, 4, 1.6, 1.2][i] ?? 1 })),
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
  support: '導入日・サポート',
  dates: (inst: string, sup: string, life: string) => `導入 ${inst} / サポート終了 ${sup} / 耐用期限 ${life}`,
  h: { risk: 'リスク', findings: '未解決の指摘' },
  notScored: 'この機器のリスクはまだ計算されていません。',
  score: (s: number, band: string, why: string) => `スコア ${s} 点（${band}）。主な理由: ${why}`,
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
  support: 'Installed and support',
  dates: (inst: string, sup: string, life: string) =>
    `installed ${inst} / support ends ${sup} / service life ends ${life}`,
  h: { risk: 'Risk', findings: 'Open findings' },
  notScored: 'This device has not been scored yet.',
  score: (s: number, band: string, why: string) => `Score ${s} (${band}). Main reasons: ${why}`,
  factorColumns: ['What was seen', 'Points', 'Why it matters'],
  more: (n: number) => `${n} more`,
  noFindings: 'No open findings.',
  findingColumns: ['Severity', 'Finding', 'Where', 'First seen'],
}
