import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ANSWER_VALUES, type ParsedDisclosure } from '../../../src/core/disclosures/disclosure.js'
import { questionSet } from '../../../src/core/disclosures/questions/index.js'
import { hasMessage, translate } from '../../../src/core/messages/translate.js'
import { readDisclosure } from '../../../src/importers/disclosures/index.js'
import { sheetParts, zipParts } from '../../../src/importers/disclosures/xlsx-parts.js'
import { gridsFromXml } from '../../../src/importers/disclosures/xlsx-sheet-xml.js'
import { cellText } from '../../../src/importers/table-xlsx.js'
import { normaliseWorkbook } from './support/zip.js'

/**
 * Fuzzing the reader with workbooks exceljs builds from random cells (numbers, dates, booleans, rich text, formulas,
 * error cells, hyperlinks, ids and answer words), random merged ranges, blank and extra rows, empty workbooks, and
 * with random bytes: it always returns a ParsedDisclosure whose every problem renders from the catalog, never throws.
 */

const IDS = questionSet('mds2-2019').map((q) => q.id)
const WORDS = [
  'Yes',
  'No',
  'N/A',
  'See Notes',
  'Yes,LDAP',
  'はい',
  'いいえ',
  '対象外',
  'Note 3',
  'SHAD-15',
  'DOC-7',
  '',
]

// exceljs calls hasOwnProperty on cell objects: fast-check's records must have a prototype.
const PLAIN = { noNullPrototype: true } as const

const cellValue: fc.Arbitrary<ExcelJS.CellValue> = fc.oneof(
  fc.constant(null),
  fc.constantFrom(...IDS),
  fc.constantFrom(...WORDS),
  fc.string({ maxLength: 30 }),
  fc.integer({ min: -1e9, max: 1e9 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.date({ min: new Date(Date.UTC(1900, 0, 1)), max: new Date(Date.UTC(2100, 0, 1)), noInvalidDate: true }),
  fc.boolean(),
  fc.record(
    { richText: fc.array(fc.record({ text: fc.string({ maxLength: 10 }) }, PLAIN), { minLength: 1, maxLength: 3 }) },
    PLAIN,
  ),
  fc.record({ formula: fc.constant('1+1'), result: fc.oneof(fc.integer(), fc.constantFrom('Yes', 'No')) }, PLAIN),
  fc.record({
    error: fc.constantFrom('#N/A', '#REF!', '#DIV/0!', '#VALUE!', '#NAME?'),
  }) as fc.Arbitrary<ExcelJS.CellValue>,
  fc.record({ text: fc.constantFrom('Yes', 'link'), hyperlink: fc.constant('https://example.com/x') }, PLAIN),
)

const sheet = fc.record({
  name: fc.oneof(fc.constant('mds2-form'), fc.stringMatching(/^[A-Za-z0-9 ]{1,20}$/)),
  rows: fc.array(fc.tuple(fc.nat(8), fc.array(cellValue, { maxLength: 8 })), { maxLength: 40 }),
  merges: fc.array(fc.tuple(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 6 }), fc.nat(3), fc.nat(3)), {
    maxLength: 4,
  }),
})

interface FuzzSheet {
  name: string
  rows: [number, ExcelJS.CellValue[]][]
  merges: [number, number, number, number][]
}

async function build(sheets: readonly FuzzSheet[]) {
  const wb = new ExcelJS.Workbook()
  const used = new Set<string>()
  for (const s of sheets) {
    const name = used.has(s.name.toLowerCase()) ? `${s.name.slice(0, 25)} ${used.size}` : s.name
    used.add(name.toLowerCase())
    const ws = wb.addWorksheet(name)
    let r = 1
    for (const [gap, cells] of s.rows) {
      r += gap // blank rows between the filled ones
      cells.forEach((v, c) => {
        ws.getCell(r, c + 1).value = v
      })
      r++
    }
    for (const [top, left, h, w] of s.merges) {
      try {
        ws.mergeCells(top, left, top + h, left + w)
      } catch {
        // overlapping merges are refused by exceljs: the workbook simply has fewer of them
      }
    }
  }
  return new Uint8Array(await wb.xlsx.writeBuffer())
}

function checkShape(p: ParsedDisclosure): void {
  expect(Array.isArray(p.answers) && Array.isArray(p.notes) && Array.isArray(p.declaredPorts)).toBe(true)
  expect(new Set(p.answers.map((a) => a.questionId)).size).toBe(p.answers.length)
  for (const a of p.answers) expect(a.value === null || ANSWER_VALUES.includes(a.value)).toBe(true)
  for (const x of p.problems) {
    expect(['error', 'warning']).toContain(x.severity)
    expect(hasMessage(`disclosures.problem.${x.code}`), x.code).toBe(true)
    for (const lang of ['en', 'ja'] as const)
      expect(translate(lang, `disclosures.problem.${x.code}`, x.params), x.code).not.toMatch(/\{\{/)
    expect((x.value ?? '').length).toBeLessThanOrEqual(200)
  }
  // An error means nothing to store: the reader hands over no half-read form.
  if (p.problems.some((x) => x.severity === 'error' && x.code !== 'noQuestions')) expect(p.answers).toEqual([])
}

/** The oracle: what exceljs reads from the same workbook (cellText as the ledger import uses it; merged cells skipped). */
async function exceljsRows(bytes: Uint8Array) {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(new Uint8Array(bytes).buffer)
  return wb.worksheets.map((ws) => {
    const rows: { row: number; cells: string[]; errors: [number, string][] }[] = []
    ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const cells: string[] = []
      const errors: [number, string][] = []
      row.eachCell({ includeEmpty: false }, (cell, col) => {
        if (cell.type === ExcelJS.ValueType.Merge) return
        const t = cellText(cell.value)
        while (cells.length < col - 1) cells.push('')
        if ('error' in t) errors.push([col - 1, t.error])
        cells[col - 1] = 'error' in t ? '' : t.text
      })
      if (cells.some((c) => c.trim() !== '') || errors.length > 0) rows.push({ row: rowNumber, cells, errors })
    })
    return { sheet: ws.name, rows }
  })
}

describe('fuzzing readDisclosure', () => {
  it('the sheet-XML reader reads every cell as exceljs does (differential)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(sheet, { maxLength: 3 }), async (sheets) => {
        const bytes = await build(sheets)
        const parts = zipParts(bytes)
        const mine = gridsFromXml(bytes, parts, sheetParts(bytes, parts), 50).map((g) => ({
          sheet: g.sheet,
          rows: g.rows.map((r) => ({ row: r.row, cells: r.cells, errors: [...(r.errors ?? [])] })),
        }))
        expect(mine).toEqual(await exceljsRows(bytes))
      }),
      { numRuns: 40 },
    )
  }, 120_000)

  it('random workbooks: a result with located problems, never a throw', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(sheet, { maxLength: 3 }),
        fc.constantFrom('auto', 'mds2-2019', 'mds2-2013', 'mds-sds'),
        async (sheets, form) => {
          const bytes = await build(sheets)
          const p = await readDisclosure({ bytes, fileName: 'fuzz.xlsx', form: form as 'auto' })
          checkShape(p)
        },
      ),
      { numRuns: 40 },
    )
  }, 120_000)

  it('a real form with random cells overwritten stays readable or says why', async () => {
    const base = readFileSync(
      join(import.meta.dirname, '..', '..', 'fixtures', 'disclosures', 'sp-2000-mds2-2019.xlsx'),
    )
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 300 }), fc.integer({ min: 1, max: 8 }), cellValue), {
          maxLength: 25,
        }),
        async (edits) => {
          const wb = new ExcelJS.Workbook()
          await wb.xlsx.load(new Uint8Array(base).buffer)
          const ws = wb.worksheets[0]!
          for (const [r, c, v] of edits) {
            const cell = ws.getCell(r, c)
            if (!cell.isMerged) cell.value = v
          }
          const p = await readDisclosure({ bytes: new Uint8Array(await wb.xlsx.writeBuffer()), fileName: 'f.xlsx' })
          checkShape(p)
          expect(p.problems.map((x) => x.code)).not.toContain('fileDamaged')
          if (!p.problems.some((x) => x.severity === 'error')) expect(p.form).toBe('mds2-2019')
        },
      ),
      { numRuns: 15 },
    )
  }, 120_000)

  it('random bytes, bytes after a ZIP header, flipped bytes of a real workbook: never a throw', async () => {
    const real = readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'disclosures', 'bm-500-mds2-2019.xlsx'))
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 2000 }),
        fc.constantFrom('raw', 'zip', 'cfb', 'flip'),
        fc.array(fc.tuple(fc.nat(real.length - 1), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }),
        async (random, how, flips) => {
          let bytes: Uint8Array = random
          if (how === 'zip') bytes = new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...random])
          if (how === 'cfb') bytes = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...random])
          if (how === 'flip') {
            bytes = new Uint8Array(real)
            for (const [at, v] of flips) bytes[at] = v
          }
          const p = await readDisclosure({ bytes, fileName: 'x' })
          checkShape(p)
          if (how === 'zip' || how === 'cfb') expect(p.problems.some((x) => x.severity === 'error')).toBe(true)
        },
      ),
      { numRuns: 150 },
    )
  }, 120_000)

  it('empty workbooks and empty sheets are "not a form", named', async () => {
    for (const sheets of [[], [{ name: 'Sheet1', rows: [], merges: [] }]]) {
      const p = await readDisclosure({ bytes: await build(sheets), fileName: 'empty.xlsx' })
      expect(p.problems.map((x) => [x.severity, x.code])).toEqual([['error', 'notAForm']])
    }
  })

  it('an error does not hide the other problems found (macros, then a sheet too large)', async () => {
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('mds2-form')
    for (let r = 1; r <= 5_100; r++) ws.getCell(r, 1).value = `row ${r}`
    const bytes = normaliseWorkbook(new Uint8Array(await wb.xlsx.writeBuffer()), [
      { name: 'xl/vbaProject.bin', data: new Uint8Array(64) },
    ])
    const p = await readDisclosure({ bytes, fileName: 'big.xlsm' })
    expect(p.problems.map((x) => [x.severity, x.code])).toEqual([
      ['warning', 'macrosIgnored'],
      ['error', 'sheetTooLarge'],
    ])
  })
})
