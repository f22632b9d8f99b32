/**
 * Exports in the layout inspectors expect, read back the way an inspector's software reads them: the .xlsx form sheet
 * (番号, 確認項目, 対象, はい, いいえ, 確認日, 目標日, 備考 with a ○ on the answered column) and the 「根拠」 sheet; the PDF's
 * text extractable in Japanese and English; 要旨 items marked; the vendor form with the vendor's name and blank lines.
 */
import ExcelJS from 'exceljs'
import { beforeAll, describe, expect, it } from 'vitest'
import type { ChecklistView } from '../../api/checklist.js'
import { emptyAnswer } from '../../src/core/checklist/answers.js'
import { BUILT_IN_EDITIONS } from '../../src/core/checklist/editions/index.js'
import { type EvidenceFacts, evidenceFor, NO_CONTINUITY } from '../../src/core/checklist/evidence.js'
import { buildView } from '../../src/core/checklist/view.js'
import { checklistPdf } from '../../src/exporters/checklist/pdf.js'
import { checklistXlsx, TABLE_HEADER_ROW } from '../../src/exporters/checklist/xlsx.js'
import { pdfText } from '../documents/read-back.js'

const TODAY = '2026-12-02'
const facts: EvidenceFacts = {
  devices: 10,
  withOwner: 9,
  withLocation: 9,
  withAddress: 10,
  complete: 9,
  seenByDiscovery: 7,
  lastLedgerChange: '2026-11-30T01:00:00.000Z',
  remoteMaintenance: 2,
  rmotAnswers: 1,
  modelsInUse: 3,
  modelsWithDisclosure: 2,
  pastSupportEnd: 1,
  pastServiceLife: 0,
  affectedDevices: 2,
  unneededServices: [{ ruleId: 'telnet-cleartext', findings: 2, devices: 2 }],
  scannedHosts: 8,
  adminReachableHosts: 0,
  continuity: NO_CONTINUITY,
}

function hospitalView(): ChecklistView {
  const e = BUILT_IN_EDITIONS[0]!
  const answers = [
    { ...emptyAnswer('2-①'), answer: 'yes' as const, checkedOn: '2026-11-30', responsible: '臨床工学技士 山田' },
    {
      ...emptyAnswer('2-⑥'),
      answer: 'no' as const,
      checkedOn: '2026-11-30',
      targetOn: '2027-03-31',
      note: '=HYPERLINK("x")',
    },
  ]
  return buildView(e, answers, (id) => evidenceFor(id, facts), null, TODAY)
}

async function sheets(buf: Buffer) {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(new Uint8Array(buf).buffer)
  return wb.worksheets
}
const text = (ws: ExcelJS.Worksheet, addr: string) => String(ws.getCell(addr).value ?? '')

describe('checklist export', () => {
  let ja: ExcelJS.Worksheet[]
  beforeAll(async () => {
    ja = await sheets(await checklistXlsx(hospitalView(), 'ja', TODAY))
  })

  it('xlsx: one form sheet in MHLW layout and a 根拠 sheet', async () => {
    expect(ja.map((w) => w.name)).toEqual(['チェックリスト', '根拠'])
    const ws = ja[0]!
    expect(text(ws, 'A1')).toContain('医療機関確認用')
    expect(text(ws, 'A1')).toContain('令和7年度')
    expect(text(ws, 'A2')).toMatch(/^医療機関名: ＿+$/)
    const head = ws.getRow(TABLE_HEADER_ROW).values as unknown[]
    expect(head.slice(1)).toEqual(['番号', '確認項目', '対象', 'はい', 'いいえ', '確認日', '目標日', '備考'])
    const rowOf = (id: string) => {
      for (let r = TABLE_HEADER_ROW + 1; r <= ws.rowCount; r++) if (text(ws, `A${r}`) === id) return r
      throw new Error(id)
    }
    expect(ws.rowCount).toBe(TABLE_HEADER_ROW + 19)
    const r1 = rowOf('2-①')
    expect([text(ws, `D${r1}`), text(ws, `E${r1}`), text(ws, `F${r1}`), text(ws, `G${r1}`)]).toEqual([
      '○',
      '',
      '2026-11-30',
      '',
    ])
    expect(text(ws, `C${r1}`)).toBe('全般')
    expect(text(ws, `B${r1}`)).toContain('(ガイドライン: 経営管理編 1.2.1、企画管理編 9.1)')
    expect(text(ws, `H${r1}`)).toContain('担当: 臨床工学技士 山田')
    const r6 = rowOf('2-⑥')
    expect([text(ws, `D${r6}`), text(ws, `E${r6}`), text(ws, `F${r6}`), text(ws, `G${r6}`)]).toEqual([
      '',
      '○',
      '2026-11-30',
      '2027-03-31',
    ])
    // Formula-guarded: a note starting with = stays text.
    expect(ws.getCell(`H${r6}`).formula).toBeUndefined()
    expect(text(ws, `H${r6}`)).toBe('\'=HYPERLINK("x")')
    // 要旨 marked, 原文 as is.
    expect(text(ws, `B${rowOf('2-⑦')}`).startsWith('(要旨) ')).toBe(true)
    expect(text(ws, `B${rowOf('2-⑧')}`).startsWith('パスワードの使い回しを禁止している。')).toBe(true)
    expect(text(ws, `B${rowOf('2-⑩')}`)).toContain('[期限: 令和9年度までに対応')
  })

  it('xlsx: the 根拠 sheet lists the evidence per item', () => {
    const ev = ja[1]!
    expect((ev.getRow(1).values as unknown[]).slice(1)).toEqual([
      '番号',
      '確認項目',
      'Mamori の示唆',
      '根拠の要約',
      '事実',
      '画面',
    ])
    const ids = Array.from({ length: ev.rowCount - 1 }, (_, i) => text(ev, `A${i + 2}`))
    expect(ids).toEqual(['2-①', '2-②', '2-③', '2-⑥', '2-⑫', '2-⑬', '3-①', '3-②', '3-③'])
    expect(text(ev, 'C2')).toBe('はい(示唆)')
    expect(text(ev, 'E2')).toContain('ネットワーク探索で確認済み: 7 / 10 (70%)')
    expect(text(ev, 'F2')).toBe('/devices')
  })

  it('xlsx in English', async () => {
    const [ws, ev] = await sheets(await checklistXlsx(hospitalView(), 'en', TODAY))
    expect(ws!.name).toBe('Checklist')
    expect(ev!.name).toBe('Evidence')
    expect((ws!.getRow(TABLE_HEADER_ROW).values as unknown[]).slice(1)).toEqual([
      'No.',
      'Item',
      'Covers',
      'Yes',
      'No',
      'Checked on',
      'Target date',
      'Notes',
    ])
    const r = TABLE_HEADER_ROW + 1 + 9 // 2-⑦ (前提, 1-①, 1-②, 2-①…2-⑥ before it)
    expect(text(ws!, `B${r}`).startsWith('(summary) ')).toBe(true)
  })

  it('PDF: Japanese text extractable, evidence section, 要旨 marks', async () => {
    const { pages, totalPages } = await pdfText(await checklistPdf(hospitalView(), 'ja', TODAY))
    const all = pages.join('\n').replace(/\s+/g, '')
    expect(totalPages).toBeGreaterThanOrEqual(2)
    expect(all).toContain('医療機関確認用')
    expect(all).toContain('パスワードの使い回しを禁止している。')
    expect(all).toContain('(要旨)')
    expect(all).toContain('根拠(Mamoriが保有するデータ)')
    expect(all).toContain('2027-03-31')
  })

  it('PDF in English and the vendor form with the vendor name and blank lines', async () => {
    const en = (await pdfText(await checklistPdf(hospitalView(), 'en', TODAY))).pages.join('\n')
    expect(en).toContain('Security patches')
    expect(en).toContain('(summary)')
    const vendorEdition = BUILT_IN_EDITIONS[1]!
    const v = buildView(
      vendorEdition,
      [],
      () => null,
      { id: 'v1', name: '株式会社サクラ医療システム', contact: null, createdAt: TODAY, answered: 0, total: 15 },
      TODAY,
    )
    const [ws] = await sheets(await checklistXlsx(v, 'ja', TODAY))
    expect(text(ws!, 'A1')).toContain('事業者確認用')
    expect(text(ws!, 'A2')).toBe('事業者名: 株式会社サクラ医療システム')
    expect(text(ws!, 'A3')).toMatch(/^医療機関名: ＿+$/)
    expect(text(ws!, 'A4')).toMatch(/^記入日: ＿+$/)
    const pdf = (await pdfText(await checklistPdf(v, 'ja', TODAY))).pages.join('').replace(/\s+/g, '')
    expect(pdf).toContain('株式会社サクラ医療システム')
    expect(pdf).toContain('医療機関に製造業者/サービス事業者による医療情報セキュリティ開示書(MDS/SDS)を提出した。')
  })
})
