/**
 * The requirement sheet as .xlsx and PDF, and reading the vendor's returned sheet (ADR 0039): round trip through
 * exceljs as Excel would save it, Japanese PDF text extractable, refusals located (sheet, cell, value), size and zip
 * bomb guards.
 */
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { templateSet } from '../../src/core/procurement/template.js'
import { MAX_ANSWERS_BYTES, readAnswersXlsx } from '../../src/importers/procurement/answers.js'
import {
  HEADER_ROW,
  requirementsPdf,
  requirementsXlsx,
  SHEET_HEADERS,
} from '../../src/reports/procurement/requirements.js'
import { pdfText } from '../documents/read-back.js'
import { buildZip, deflatedZeros } from '../helpers/zip.js'
import { fillAnswers, sheetOf } from './fill.js'

const set = templateSet()
const input = (
  lang: 'ja' | 'en',
  bid = null as null | { tender: string; vendor: string; manufacturer: string; model: string },
) => ({
  lang,
  name: set.name,
  version: set.version,
  items: set.items,
  today: '2026-12-03',
  bid,
})

describe('requirement sheet .xlsx', () => {
  it('has the cover, the headers, one row per requirement and an answer list on every answer cell', async () => {
    const bid = {
      tender: '2027年度 ICU 生体情報モニタ更新',
      vendor: 'テスト販売',
      manufacturer: '東邦メディカル',
      model: 'VS-820',
    }
    const xlsx = await requirementsXlsx(input('ja', bid))
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(new Uint8Array(xlsx).buffer)
    const ws = wb.worksheets[0]!
    const head = SHEET_HEADERS.ja.map((_, i) => ws.getCell(HEADER_ROW, i + 1).value)
    expect(head).toEqual(['No.', '区分', '要件', '理由', '必須', '重み', '根拠', '回答', '備考'])
    const cover = [2, 3, 4, 5].map((r) => String(ws.getCell(r, 3).value))
    expect(cover[0]).toContain('Mamori 調達要件テンプレート')
    expect(cover[0]).toContain('2026.1')
    expect(cover[1]).toBe('2027年度 ICU 生体情報モニタ更新')
    expect(cover[2]).toBe('テスト販売')
    expect(cover[3]).toBe('東邦メディカル VS-820')
    expect(ws.getCell(HEADER_ROW + 1, 1).value).toBe('P-01')
    expect(ws.getCell(HEADER_ROW + set.items.length, 1).value).toBe(set.items.at(-1)!.id)
    expect(ws.getCell(HEADER_ROW + 1, 8).value ?? '').toBe('')
    expect(ws.getCell(HEADER_ROW + 1, 8).dataValidation).toMatchObject({
      type: 'list',
      formulae: ['"はい,一部,いいえ,不明"'],
    })
  })

  it('guards formula-looking text (a hospital-edited requirement starting with =)', async () => {
    const items = [{ ...set.items[0]!, textJa: '=HYPERLINK("http://x")', refs: ['+1'] }]
    const xlsx = await requirementsXlsx({ ...input('ja'), items })
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(new Uint8Array(xlsx).buffer)
    const ws = wb.worksheets[0]!
    expect(ws.getCell(HEADER_ROW + 1, 3).value).toBe('\'=HYPERLINK("http://x")')
    expect(typeof ws.getCell(HEADER_ROW + 1, 7).value).toBe('string')
    expect(String(ws.getCell(HEADER_ROW + 1, 7).value).startsWith('+')).toBe(false)
  })

  it('round trip: export → vendor fills answers in Excel → Mamori reads them (ja and en words)', async () => {
    for (const lang of ['ja', 'en'] as const) {
      const xlsx = await requirementsXlsx(input(lang))
      const filled = await fillAnswers(xlsx, {
        'P-01': [lang === 'ja' ? 'はい' : 'yes', 'MDS2 添付'],
        'P-06': [lang === 'ja' ? 'いいえ' : 'no', '2028年予定'],
        'P-09': ['一部'],
        'P-10': ['○'],
        'P-13': ['ＮＯ'],
        'P-14': ['△', '許可リスト方式'],
      })
      const r = await readAnswersXlsx(filled)
      expect(r.ok, JSON.stringify(r)).toBe(true)
      if (!r.ok) return
      expect(r.answers).toEqual([
        { itemId: 'P-01', answer: 'yes', note: 'MDS2 添付' },
        { itemId: 'P-06', answer: 'no', note: '2028年予定' },
        { itemId: 'P-09', answer: 'partial', note: '' },
        { itemId: 'P-10', answer: 'yes', note: '' },
        { itemId: 'P-13', answer: 'no', note: '' },
        { itemId: 'P-14', answer: 'partial', note: '許可リスト方式' },
      ])
    }
  })
})

describe('requirement sheet PDF', () => {
  it('has extractable Japanese text (embedded font) in ja, English in en', async () => {
    const ja = await requirementsPdf(
      input('ja', { tender: '2027年度 ICU 生体情報モニタ更新', vendor: 'v', manufacturer: 'm', model: 'x' }),
    )
    expect(ja.subarray(0, 5).toString()).toBe('%PDF-')
    const { pages } = await pdfText(ja)
    const text = pages.join('\n').replace(/\s+/g, '')
    expect(text).toContain('医療機器セキュリティ調達要件')
    expect(text).toContain('ハードコード')
    expect(text).toContain('2027年度ICU生体情報モニタ更新')
    expect(text).toContain('P-23')
    const en = (await pdfText(await requirementsPdf(input('en')))).pages.join('\n')
    expect(en).toContain('procurement requirements')
    expect(en).toContain('SBOM')
  })
})

describe('reading the returned sheet: refusals', () => {
  it('names the sheet, cell and value of every unreadable answer, and reads nothing', async () => {
    const xlsx = await requirementsXlsx(input('ja'))
    const filled = await fillAnswers(xlsx, { 'P-01': ['はい'], 'P-02': ['たぶん'], 'P-05': ['=1+1'] })
    const r = await readAnswersXlsx(filled)
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.problems.map((p) => [p.sheet, p.cell, p.value])).toEqual([
      ['調達要件', `H${HEADER_ROW + 2}`, 'たぶん'],
      ['調達要件', `H${HEADER_ROW + 5}`, '=1+1'],
    ])
    expect(r.problems[0]!.ja).toContain('はい / 一部 / いいえ / 不明')
  })

  it('refuses duplicate ids, an answer on a row without id, and an empty answer column', async () => {
    const dup = await sheetOf([
      ['No.', '回答'],
      ['A-1', 'はい'],
      ['a-1', 'いいえ'],
      ['', 'はい'],
    ])
    const r = await readAnswersXlsx(dup)
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.problems.map((p) => p.cell)).toEqual(['A3', 'B4'])
    const empty = await readAnswersXlsx(await requirementsXlsx(input('en')))
    expect(empty.ok).toBe(false)
    if (!empty.ok) expect(empty.problems[0]!.en).toMatch(/no answer/)
  })

  it('refuses a workbook of another layout, a text file, and a file too large', async () => {
    const other = await readAnswersXlsx(
      await sheetOf([
        ['Asset', 'IP'],
        ['x', '10.0.0.1'],
      ]),
    )
    expect(other.ok).toBe(false)
    if (!other.ok) expect(other.problems[0]!.ja).toContain('Mamori の要件シートではありません')
    const csv = await readAnswersXlsx(Buffer.from('No.,回答\nP-01,はい\n'))
    expect(csv.ok).toBe(false)
    const big = await readAnswersXlsx(Buffer.alloc(MAX_ANSWERS_BYTES + 1))
    expect(big.ok).toBe(false)
    if (!big.ok) expect(big.problems[0]!.en).toContain('limit')
  })

  it('refuses a zip bomb without inflating it all', async () => {
    const size = 64 * 1024 * 1024
    const bomb = buildZip([
      { name: 'xl/worksheets/sheet1.xml', data: await deflatedZeros(size), raw: true, size, crc: 0 },
    ])
    const r = await readAnswersXlsx(bomb)
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.problems[0]!.en).toMatch(/MB|large|size|checksum/i)
  })
})
