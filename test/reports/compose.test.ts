/**
 * The three issue-10 reports composed from reader data and read back the way a reader's software does: Japanese and
 * English, top actions and devices present, a suppressed benchmark figure shown as such, an empty hospital giving a
 * sensible report, fonts embedded, text extractable, page counts sane and the device card on one page.
 */
import { describe, expect, it } from 'vitest'
import { renderDocx, renderPdf } from '../../src/documents/index.js'
import type { DocumentModel } from '../../src/documents/model.js'
import {
  composeDeviceCard,
  type DeviceCardInput,
  deviceCardPdf,
  pdfPages,
} from '../../src/reports/device-card/index.js'
import { composeInspection, type InspectionInput } from '../../src/reports/inspection/index.js'
import { composeManagement, type ManagementInput } from '../../src/reports/management/index.js'
import { docxBody, docxText, pdfText } from '../documents/read-back.js'
import { action, checklistView, device, position, summary, trend } from './fixtures.js'

const text = (doc: DocumentModel) => JSON.stringify(doc.blocks)

function management(lang: 'ja' | 'en', over: Partial<ManagementInput> = {}): ManagementInput {
  return {
    lang,
    date: '2026-12-02',
    hospital: 'みなと総合病院',
    summary: summary(12),
    trend: trend(),
    actions: Array.from({ length: 14 }, (_, i) => action(i)),
    actionCounts: { open: 14, overdue: 1, accepted: 0 },
    devices: Array.from({ length: 12 }, (_, i) => device(i)),
    checklist: checklistView(),
    benchmark: position(),
    ...over,
  }
}

const emptyManagement = (lang: 'ja' | 'en'): ManagementInput =>
  management(lang, {
    hospital: null,
    summary: {
      devices: 0,
      byBand: { critical: 0, high: 0, medium: 0, low: 0 },
      meanScore: 0,
      profileVersion: 1,
      scoredAt: null,
    },
    trend: [],
    actions: [],
    actionCounts: { open: 0, overdue: 0, accepted: 0 },
    devices: [],
    checklist: null,
    benchmark: null,
  })

describe('management report composition', () => {
  it('holds the headline, the top 10 actions and devices, the いいえ items and the glossary in Japanese', () => {
    const doc = composeManagement(management('ja'))
    const all = text(doc)
    expect(doc.title).toBe('みなと総合病院 医療機器サイバーセキュリティ報告（経営層向け）')
    expect(all).toContain('2026年12月2日')
    expect(all).toContain('対象の機器は 12 台です。リスクスコアの平均は 47.5 点')
    expect(all).toContain('「緊急」または「高」の機器が 5 台あり')
    // Top 10 actions, the 11th left out; the KEV one says so in plain words; no owner reads 未定.
    expect(all).toContain('1 台の機器で Telnet を止める（対策 0）（攻撃で悪用あり）')
    expect(all).toContain('（対策 9）')
    expect(all).not.toContain('（対策 10）')
    expect(all).toContain('未定')
    expect(all).toContain('期限超過')
    // Top 10 devices with their headline.
    expect(all).toContain('ME-0000 輸液ポンプ')
    expect(all).toContain('生命維持・Telnet 公開・KEV 該当 (9)')
    expect(all).not.toContain('ME-0010')
    // What changed over the trend (55 → 47.75, critical 4 → 2).
    expect(all).toContain('2026-11-01 から 2026-11-30 までに、平均スコアは 7.3 点下がりました（改善）')
    expect(all).toContain('「緊急」「高」の機器は 2 台減りました')
    // Checklist: counts and the いいえ item with its target date, marked 要旨.
    expect(all).toContain('全 4 項目のうち 3 項目に回答済みです（はい 2、いいえ 1）')
    expect(all).toContain('多要素認証を導入している。（要旨）')
    expect(all).toContain('2027-03-31')
    expect(all).toContain('パーセンタイル')
    expect(all).toContain('用語の説明')
    const charts = doc.blocks.filter((b) => b.kind === 'chart')
    expect(charts.map((c) => c.kind === 'chart' && c.chart)).toEqual(['stackedBar', 'line', 'stackedBar', 'bar'])
  })

  it('shows a suppressed benchmark figure as not published, not as a zero', () => {
    const doc = composeManagement(management('ja'))
    const bar = doc.blocks.find((b) => b.kind === 'chart' && b.chart === 'bar')
    expect(bar?.kind === 'chart' && bar.points.map((p) => p.note ?? p.values[0])).toEqual([
      72,
      35,
      '非公表（病院数が少ないため）',
    ])
    const en = text(composeManagement(management('en')))
    expect(en).toContain('not published (too few hospitals)')
  })

  it('reads in English with the same figures', () => {
    const all = text(composeManagement(management('en')))
    expect(all).toContain('12 devices are covered. The mean risk score is 47.5 out of 100')
    expect(all).toContain('Turn off Telnet on 1 devices (action 0) (exploited in attacks)')
    expect(all).toContain('life-critical, Telnet open, KEV (0)')
    expect(all).toContain('the mean score fell by 7.3 points (better)')
    expect(all).toContain('2 December 2026')
    expect(all).toContain('Glossary')
  })

  it('gives an empty hospital a sensible report: 当院, what to do first, no benchmark yet', () => {
    const all = text(composeManagement(emptyManagement('ja')))
    expect(all).toContain('当院 医療機器サイバーセキュリティ報告')
    expect(all).toContain('まず台帳を登録してください')
    expect(all).toContain('2日分以上の記録が必要です')
    expect(all).toContain('対応が必要な対策はありません')
    expect(all).toContain('チェックリストの回答はまだありません')
    expect(all).toContain('比較できる集計結果が取り込まれていません')
    expect(text(composeManagement(emptyManagement('en')))).toContain('our hospital')
  })
})

describe('management report files', () => {
  it('renders a PDF with the embedded font, extractable Japanese and a sane page count', async () => {
    const pdf = await renderPdf(composeManagement(management('ja')))
    expect(pdf.toString('latin1')).toContain('/FontFile2')
    const { pages, totalPages } = await pdfText(pdf)
    expect(totalPages).toBeGreaterThanOrEqual(2)
    expect(totalPages).toBeLessThanOrEqual(8)
    const all = pages.join('\n').replace(/\s+/g, '')
    expect(all).toContain('医療機器サイバーセキュリティ報告（経営層向け）')
    expect(all).toContain('リスク区分ごとの機器の台数')
    expect(all).toContain('平均リスクスコアの推移')
    expect(all).toContain('非公表（病院数が少ないため）')
    expect(all).toContain('用語の説明')
  })

  it('renders an empty hospital in one or two pages', async () => {
    const { totalPages } = await pdfText(await renderPdf(composeManagement(emptyManagement('ja'))))
    expect(totalPages).toBeLessThanOrEqual(2)
  })

  it('renders a .docx whose charts are tables of the same numbers', async () => {
    const body = docxText(await docxBody(await renderDocx(composeManagement(management('ja')))))
    expect(body).toContain('リスク区分ごとの機器の台数')
    expect(body).toContain('緊急 (台)')
    expect(body).toContain('所有者と設置場所の記入率72')
    expect(body).toContain('非公表（病院数が少ないため）')
  })
})

function inspection(lang: 'ja' | 'en'): InspectionInput {
  return {
    lang,
    date: '2026-12-02',
    hospital: 'みなと総合病院',
    checklist: checklistView(),
    ledger: {
      total: 12,
      byCategory: [
        { key: 'infusion_pump', count: 6 },
        { key: 'patient_monitor', count: 6 },
      ],
      byDepartment: [
        { key: 'ICU', count: 6 },
        { key: '手術部', count: 6 },
      ],
      pastSupport: 1,
      pastSupportDevices: [
        { assetTag: 'ME-0003', name: '生体情報モニタ', department: '手術部', supportEnd: '2025-03-31' },
      ],
    },
  }
}

describe('inspection pack', () => {
  it("lays the checklist out in MHLW's columns, marks 要旨 items, lists evidence and the ledger", async () => {
    const doc = composeInspection(inspection('ja'))
    const table = doc.blocks.find((b) => b.kind === 'table')
    expect(table?.kind === 'table' && table.columns.map((c) => c.header)).toEqual([
      '番号',
      '確認項目',
      '対象',
      'はい/いいえ',
      '確認日',
      '目標日',
      '備考',
    ])
    expect(table?.kind === 'table' && table.rows[2]).toEqual([
      '2-⑥',
      '多要素認証を導入している。（要旨）',
      'サーバ',
      'いいえ',
      '2026-11-20',
      '2027-03-31',
      '予算要求中\n責任者: 情報システム課 佐藤',
    ])
    expect(table?.kind === 'table' && table.rows[3]?.[3]).toBe('未回答')
    const all = text(doc)
    expect(all).toContain('台帳に 12 台が登録されています。')
    expect(all).toContain('サポート終了日を過ぎた機器は 1 台')
    const categories = doc.blocks.find((b) => b.kind === 'table' && b.columns[0]?.header === '種別')
    expect(categories?.kind === 'table' && categories.rows).toEqual([
      ['輸液ポンプ', '6'],
      ['生体情報モニタ', '6'],
    ])
    const { pages } = await pdfText(await renderPdf(doc))
    const pdf = pages.join('\n').replace(/\s+/g, '')
    expect(pdf).toContain('医療情報システム安全管理責任者を設置している。')
    expect(pdf).toContain('（要旨）')
    expect(pdf).toContain('ME-0003')
  })

  it('reads in English', () => {
    const all = text(composeInspection(inspection('en')))
    expect(all).toContain('Item 2-⑥ in English (summary)')
    expect(all).toContain('Yes/No')
    expect(all).toContain('12 devices are in the ledger; 1 of them are past their support end.')
    expect(all).toContain('["infusion pump","6"]')
  })
})

function card(lang: 'ja' | 'en', findings = 3, contributions = 3, actions = 2): DeviceCardInput {
  const d = device(0)
  const many = Array.from({ length: contributions }, (_, i) => ({
    ...d.contributions[i % 3]!,
    observedJa: `要因 ${i}`,
    observedEn: `factor ${i}`,
  }))
  return {
    lang,
    date: '2026-12-02',
    hospital: 'みなと総合病院',
    device: {
      id: 'dev-0',
      assetTag: 'ME-0000',
      name: '輸液ポンプ',
      manufacturer: 'Example Medical',
      model: 'SP-2000',
      softwareVersion: '4.2',
      location: 'ICU 3F',
      department: 'ICU',
      owner: '臨床工学部 山田',
      installedOn: '2018-04-01',
      supportEnd: '2025-03-31',
      serviceLifeEnd: '2026-03-31',
    },
    risk: { ...d, contributions: many },
    findings: Array.from({ length: findings }, (_, i) => ({
      severity: i === 0 ? 'critical' : 'high',
      titleJa: `Telnet が有効です（${i}）${'長い説明'.repeat(10)}`,
      titleEn: `Telnet is enabled (${i})`,
      where: `10.0.0.5:${23 + i}`,
      firstSeenAt: '2026-11-01T00:00:00.000Z',
    })),
    actions: Array.from({ length: actions }, (_, i) => ({
      titleJa: `Telnet を止める（対策 ${i}）${'とても長い題名'.repeat(8)}`,
      titleEn: `Turn off Telnet (action ${i})`,
      owner: i === 0 ? null : '臨床工学部 山田',
      dueOn: '2026-12-20',
      status: 'open',
      knownExploited: i === 0,
    })),
  }
}

describe('device card', () => {
  it('shows identity, score with factors, findings and support dates on one page', async () => {
    const doc = composeDeviceCard(card('ja'))
    const { pages, totalPages } = await pdfText(await renderPdf(doc))
    expect(totalPages).toBe(1)
    const all = pages.join('\n').replace(/\s+/g, '')
    expect(all).toContain('機器カードME-0000輸液ポンプ')
    expect(all).toContain('臨床工学部山田')
    expect(all).toContain('サポート終了日2025-03-31')
    expect(all).toContain('スコア92点（緊急）')
    expect(all).toContain('止まると患者の命に関わります。')
    expect(all).toContain('Telnetが有効です（0）')
    expect(all).toContain('この機器に関わる対策')
    expect(all).toContain('Telnetを止める（対策0）')
  })

  it('stays one page with 40 findings and 25 factors, saying how many more there are', async () => {
    const { pdf } = await deviceCardPdf(card('en', 40, 25, 10))
    const { pages, totalPages } = await pdfText(pdf)
    expect(totalPages).toBe(1)
    const all = pages.join('\n')
    expect(all).toContain('36 more')
    expect(all).toContain('20 more')
    expect(all).toContain('7 more')
    expect(all.replace(/\s+/g, ' ')).toContain('Turn off Telnet (action 0) (exploited in attacks)')
  })

  it('steps down the rows printed until long Japanese texts fit one page', async () => {
    const long = card('ja', 30, 20, 8)
    const wordy = (t: string) => `${t}${'説明がとても長い場合でも一枚に収めます。'.repeat(6)}`
    const input: DeviceCardInput = {
      ...long,
      risk: long.risk && {
        ...long.risk,
        contributions: long.risk.contributions.map((c) => ({
          ...c,
          observedJa: wordy(c.observedJa),
          explanationJa: wordy(c.explanationJa),
        })),
      },
      device: { ...long.device, location: wordy('西棟 1F'), model: wordy('DiaFlow') },
    }
    expect(
      pdfPages(await renderPdf(composeDeviceCard(input, { factors: 20, actions: 8, findings: 30 }))),
    ).toBeGreaterThan(1)
    const { pdf } = await deviceCardPdf(input)
    expect(pdfPages(pdf)).toBe(1)
    const { pages, totalPages } = await pdfText(pdf)
    expect(totalPages).toBe(1)
    expect(pages.join('')).toContain('ほか')
  })

  it('says so when the device is not scored and has no findings', () => {
    const all = text(composeDeviceCard({ ...card('ja', 0, 3, 0), risk: null }))
    expect(all).toContain('この機器のリスクはまだ計算されていません。')
    expect(all).toContain('未解決の指摘はありません。')
    expect(all).toContain('対応中の対策はありません。')
  })
})
