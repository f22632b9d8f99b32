/**
 * Loading a newer edition from MHLW's .xlsx form: a 令和8-like form is read (ids, texts, targets, refs, deadline,
 * English reused where the Japanese is unchanged); another layout, a duplicate or empty item, a missing fiscal year, a
 * truncated file, a zip bomb and a sheet too large are refused with every problem (sheet, cell, why) in both
 * languages; random damage (seeded) never throws and never yields a half-read edition.
 */
import ExcelJS from 'exceljs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { checklistEdition } from '../../api/checklist.js'
import { itemIdOf, MAX_SHEET_ROWS, readEditionXlsx } from '../../src/importers/checklist/edition-xlsx.js'
import { buildZip, deflatedZeros } from '../helpers/zip.js'
import { otherLayout, R8_EXTRA, r8Form, sectionedForm } from './forms.js'

const NOW = new Date('2026-12-02T03:00:00Z')

describe('MHLW checklist .xlsx edition loader', () => {
  it('reads item numbers as MHLW prints them', () => {
    expect(itemIdOf('1-①')).toBe('1-①')
    expect(itemIdOf('２－⑬')).toBe('2-⑬')
    expect(itemIdOf('2 - ⑥')).toBe('2-⑥')
    expect(itemIdOf('(前提)')).toBe('前提')
    expect(itemIdOf('（前提）')).toBe('前提')
    expect(itemIdOf('1-1')).toBeNull()
    expect(itemIdOf('確認項目')).toBeNull()
  })

  it('reads a 令和8-like one-sheet form', async () => {
    const bytes = await r8Form()
    const r = await readEditionXlsx(bytes, '令和8年度チェックリスト.xlsx', NOW)
    expect(r.ok).toBe(true)
    if (!r.ok) return
    const e = r.edition
    expect(() => checklistEdition.parse(e)).not.toThrow()
    expect(e).toMatchObject({
      form: 'hospital',
      fiscalYearJa: '令和8年度',
      builtIn: false,
      loadedAt: NOW.toISOString(),
    })
    expect(e.id).toMatch(/^r8-hospital-[0-9a-f]{8}$/)
    expect(e.source).toMatch(/^令和8年度チェックリスト\.xlsx \(SHA-256 [0-9a-f]{64}\)$/)
    expect(e.items).toHaveLength(20)
    expect(e.items[0]).toMatchObject({ id: '前提', section: 0 })
    const by = (id: string) => e.items.find((i) => i.id === id)!
    // Read from MHLW's own form: MHLW wording.
    expect(e.items.every((i) => i.wording === 'original')).toBe(true)
    expect(by('2-⑥')).toMatchObject({
      textEn: 'Security patches (the latest firmware and updates) are applied.',
      guidelineRefs: ['システム運用編 8.2'],
      section: 2,
      sectionTitleJa: '医療情報システムの管理・運用',
    })
    expect(by('2-⑥').crosswalk.nistCsf).toContain('PR.PS-02')
    expect(by('2-⑩').deadlineNote).toBe('令和9年度まで')
    expect(by(R8_EXTRA.id)).toMatchObject({
      textJa: R8_EXTRA.text,
      target: '全般',
      crosswalk: { nistCsf: [], hphCpg: [] },
    })
    expect(by(R8_EXTRA.id).textEn).toMatch(/^\(Not translated yet; Japanese only\)/)
  })

  it('reads a layout that prints the section once and ① ② on the items, with はい・いいえ in one column', async () => {
    const r = await readEditionXlsx(await sectionedForm(), 's.xlsx', NOW)
    expect(r.ok, JSON.stringify(r)).toBe(true)
    if (!r.ok) return
    expect(r.edition.items.map((i) => i.id)).toEqual(['前提', '1-①', '1-②', '2-①', '3-①'])
    expect(r.edition.items[3]).toMatchObject({
      section: 2,
      textJa: 'サーバ、端末PC、ネットワーク機器の台帳管理を行っている。',
    })
  })

  it('detects the vendor form', async () => {
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(new Uint8Array(await r8Form()).buffer)
    wb.worksheets[0]!.getCell('A2').value = '【事業者確認用】'
    const r = await readEditionXlsx(Buffer.from(await wb.xlsx.writeBuffer()), 'v.xlsx', NOW)
    expect(r.ok && r.edition.form).toBe('vendor')
  })

  it('refuses another layout, naming each sheet and why', async () => {
    const r = await readEditionXlsx(await otherLayout(), 'ledger.xlsx', NOW)
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.problems).toEqual([
      expect.objectContaining({
        sheet: '機器台帳',
        cell: null,
        ja: expect.stringContaining('「はい」「いいえ」「確認日」「目標日」の見出し行'),
      }),
      expect.objectContaining({
        sheet: '回答欄',
        cell: 'A2',
        en: expect.stringContaining('no item numbered like 1-①'),
      }),
    ])
  })

  it('refuses a duplicate item, an item without text and a form without a fiscal year — all problems at once', async () => {
    const dup = await readEditionXlsx(await r8Form({ duplicate: true, emptyText: true }), 'x.xlsx', NOW)
    expect(dup.ok).toBe(false)
    if (!dup.ok) {
      expect(dup.problems.map((p) => [p.sheet, p.cell])).toEqual([
        ['チェックリスト', 'A16'],
        ['チェックリスト', 'A26'],
      ])
      expect(dup.problems[0]!.ja).toContain('項目 2-⑧ の番号の横に確認項目の文言がありません')
      expect(dup.problems[1]!.en).toContain('item number 2-⑥ appears twice (first at A14)')
    }
    const noYear = await readEditionXlsx(await r8Form({ noYear: true }), 'x.xlsx', NOW)
    expect(noYear.ok || noYear.problems[0]!.ja).toContain('令和8年度')
  })

  it('refuses a truncated file, a non-zip and a zip bomb before exceljs reads them', async () => {
    const good = await r8Form()
    const cut = await readEditionXlsx(good.subarray(0, Math.floor(good.length / 2)), 'cut.xlsx', NOW)
    expect(cut.ok).toBe(false)
    const text = await readEditionXlsx(Buffer.from('番号,確認項目\n1-①,x\n'), 'x.csv', NOW)
    expect(text.ok).toBe(false)
    const zeros = await deflatedZeros(64 * 1024 * 1024)
    const bomb = buildZip([
      { name: 'xl/worksheets/sheet1.xml', data: zeros, raw: true, size: 64 * 1024 * 1024, crc: 0 },
    ])
    const r = await readEditionXlsx(bomb, 'bomb.xlsx', NOW)
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.problems[0]!.en).toMatch(/MB|large|size|checksum/i)
  })

  it('refuses a sheet larger than a form can be', async () => {
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('big')
    ws.getCell(MAX_SHEET_ROWS + 5, 1).value = 'x'
    const r = await readEditionXlsx(Buffer.from(await wb.xlsx.writeBuffer()), 'big.xlsx', NOW)
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.problems[0]).toMatchObject({ sheet: 'big', ja: expect.stringContaining('行') })
  })

  it('never throws and never half-reads a randomly damaged form (seeded)', async () => {
    const good = await r8Form()
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ at: fc.nat({ max: good.length - 1 }), byte: fc.integer({ min: 0, max: 255 }) }), {
          minLength: 1,
          maxLength: 8,
        }),
        fc.option(fc.nat({ max: good.length }), { nil: undefined }),
        async (flips, cutAt) => {
          const b = Buffer.from(good)
          for (const f of flips) b[f.at] = f.byte
          const bytes = cutAt === undefined ? b : b.subarray(0, cutAt)
          const r = await readEditionXlsx(bytes, 'fuzz.xlsx', NOW)
          if (r.ok) {
            expect(() => checklistEdition.parse(r.edition)).not.toThrow()
            expect(r.edition.items.length).toBeGreaterThan(0)
          } else {
            expect(r.problems.length).toBeGreaterThan(0)
            for (const p of r.problems) {
              expect(p.en.length).toBeGreaterThan(0)
              expect(p.ja.length).toBeGreaterThan(0)
            }
          }
        },
      ),
      { seed: 20261202, numRuns: 60 },
    )
  })

  it('reads or refuses, never throws, when cells of the form hold random text (seeded)', async () => {
    const good = await r8Form()
    const cellText = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.constantFrom('1-①', '2-⑥', '(前提)', 'はい', 'いいえ', '確認日', '目標日', '=1+1', '令和8年度', ''),
    )
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({ row: fc.integer({ min: 1, max: 30 }), col: fc.integer({ min: 1, max: 8 }), text: cellText }),
          {
            minLength: 1,
            maxLength: 12,
          },
        ),
        async (edits) => {
          const wb = new ExcelJS.Workbook()
          await wb.xlsx.load(new Uint8Array(good).buffer)
          const ws = wb.worksheets[0]!
          for (const e of edits) ws.getCell(e.row, e.col).value = e.text
          const r = await readEditionXlsx(Buffer.from(await wb.xlsx.writeBuffer()), 'fuzz.xlsx', NOW)
          if (r.ok) {
            expect(() => checklistEdition.parse(r.edition)).not.toThrow()
            expect(new Set(r.edition.items.map((i) => i.id)).size).toBe(r.edition.items.length)
          } else expect(r.problems.every((p) => p.en && p.ja)).toBe(true)
        },
      ),
      { seed: 10351, numRuns: 40 },
    )
  })
})
