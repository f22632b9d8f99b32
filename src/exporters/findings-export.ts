import type { Finding } from '../../api/discovery.js'
import { loadExcelJS } from '../documents/xlsx.js'
import { toCsv } from './csv.js'

export type FindingExportLang = 'ja' | 'en'

const SEVERITY: Record<FindingExportLang, Record<string, string>> = {
  ja: { critical: '緊急', high: '高', medium: '中', low: '低', info: '情報' },
  en: { critical: 'Critical', high: 'High', medium: 'Medium', low: 'Low', info: 'Info' },
}
const STATUS: Record<FindingExportLang, Record<string, string>> = {
  ja: { open: '未対応', accepted: 'リスク受容', fixed: '対応済み' },
  en: { open: 'Open', accepted: 'Risk accepted', fixed: 'Fixed' },
}

/** Column headers and one row of cells per finding, in the chosen language (values too, not internal codes). */
export function findingsTable(findings: readonly Finding[], lang: FindingExportLang) {
  const ja = lang === 'ja'
  const header = ja
    ? [
        '重要度',
        '状態',
        '検出事項',
        '資産番号',
        '機器名',
        '部署',
        'IP アドレス',
        'ポート',
        '推奨対応',
        '詳細',
        '根拠',
        '理由',
        '期限',
        '初回検出',
        '最終検出',
        'ルール',
      ]
    : [
        'Severity',
        'Status',
        'Finding',
        'Asset tag',
        'Device name',
        'Department',
        'IP address',
        'Port',
        'Recommended action',
        'Detail',
        'Evidence',
        'Reason',
        'Until',
        'First seen',
        'Last seen',
        'Rule',
      ]
  const rows = findings.map((f) => [
    SEVERITY[lang][f.severity] ?? f.severity,
    STATUS[lang][f.status] ?? f.status,
    ja ? f.titleJa : f.titleEn,
    f.device?.assetTag ?? '',
    f.device?.name ?? '',
    f.device?.department ?? '',
    f.address ?? '',
    f.port === null ? '' : String(f.port),
    ja ? f.recommendationJa : f.recommendationEn,
    ja ? f.detailJa : f.detailEn,
    f.evidence,
    f.statusReason ?? '',
    f.statusExpiresAt ?? '',
    f.firstSeenAt,
    f.lastSeenAt,
    f.ruleId,
  ])
  return { header, rows }
}

/** Findings as CSV through the one CSV writer (UTF-8 BOM, CRLF, formula-guarded cells). */
export function findingsToCsv(findings: readonly Finding[], lang: FindingExportLang): Buffer {
  const t = findingsTable(findings, lang)
  return toCsv([t.header, ...t.rows])
}

/** Findings as .xlsx: every value written as text (never a formula), bold frozen filterable header. */
export async function findingsToXlsx(findings: readonly Finding[], lang: FindingExportLang): Promise<Buffer> {
  const t = findingsTable(findings, lang)
  const wb = new (await loadExcelJS()).Workbook()
  wb.creator = 'Mamori'
  const ws = wb.addWorksheet(lang === 'en' ? 'Findings' : '検出事項', { views: [{ state: 'frozen', ySplit: 1 }] })
  ws.columns = t.header.map((h, i) => ({ header: h, width: i === 2 || i === 8 || i === 9 ? 50 : 16 }))
  ws.getRow(1).font = { bold: true }
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: t.header.length } }
  for (const r of t.rows) ws.addRow(r)
  return Buffer.from(await wb.xlsx.writeBuffer())
}
