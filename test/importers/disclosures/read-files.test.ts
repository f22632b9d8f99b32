import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { afterAll, describe, expect, it } from 'vitest'
import type { ParsedDisclosure } from '../../../src/core/disclosures/disclosure.js'
import { MDS_SDS_V5_INFERRED, type MdsSdsMapping } from '../../../src/core/disclosures/mds-sds-mapping.js'
import { translate } from '../../../src/core/messages/translate.js'
import { readDisclosure } from '../../../src/importers/disclosures/index.js'
import { writeZip } from './support/zip.js'

/** JAHIS MDS/SDS, and every kind of file that is not a readable form: a clear error, nothing else read. */

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'disclosures')
const bytesOf = (name: string) => new Uint8Array(readFileSync(join(FIXTURES, name)))
const errors = (p: ParsedDisclosure) => p.problems.filter((x) => x.severity === 'error')

describe('JAHIS MDS/SDS through the mapping', () => {
  it('reads the check sheet and its cover with the built-in (inferred) mapping, and says it is inferred', async () => {
    const p = await readDisclosure({ bytes: bytesOf('jahis-mds-sds.xlsx'), fileName: 'jahis-mds-sds.xlsx' })
    expect(p.form).toBe('mds-sds')
    expect(p.header).toMatchObject({
      manufacturer: 'サンプル医療株式会社',
      deviceDescription: '輸液管理システム',
      model: 'IM-300 Ver.2',
      releaseDate: '2024-10-01',
      contact: '品質保証部 security@example.com',
    })
    expect(p.answers.map((a) => [a.questionId, a.value, a.comment, a.cell?.column])).toEqual([
      ['1-1', 'yes', null, 'D'],
      ['1-2', 'yes', '年 2 回', 'D'],
      ['2-1', 'no', '共用アカウントのみ', 'D'],
      ['2-2', 'no', null, 'D'],
      ['2-3', 'yes', null, 'D'],
      ['2-4', 'na', '患者データを保存しない', 'D'],
      ['2-5', null, '検討中', 'D'],
      ['2-6', null, null, 'D'],
    ])
    expect(p.questionCount).toBe(8)
    expect(p.problems.map((x) => [x.code, x.row, x.column, x.value])).toEqual([
      ['mappingInferred', null, null, null],
      ['answerNotAllowed', 12, 'D', '検討中'],
    ])
  })

  it('a hospital can adjust the mapping: fixed column letters and its own answer words', async () => {
    const mapping: MdsSdsMapping = {
      ...MDS_SDS_V5_INFERRED,
      id: 'our-hospital',
      inferred: false,
      headerRow: 3,
      columns: {
        itemId: { letter: 'A' },
        question: { letter: 'C' },
        answer: { letter: 'D' },
        remarks: { letter: 'E' },
      },
      answers: { ...MDS_SDS_V5_INFERRED.answers, no: [...MDS_SDS_V5_INFERRED.answers.no, '検討中'] },
    }
    const p = await readDisclosure({
      bytes: bytesOf('jahis-mds-sds.xlsx'),
      fileName: 'x.xlsx',
      form: 'mds-sds',
      mdsSdsMapping: mapping,
    })
    expect(p.problems).toEqual([])
    expect(p.answers.find((a) => a.questionId === '2-5')?.value).toBe('no')
  })

  it('an MDS2 read as MDS/SDS is not an MDS/SDS sheet', async () => {
    const p = await readDisclosure({ bytes: bytesOf('not-a-form-ledger.xlsx'), fileName: 'l.xlsx', form: 'mds-sds' })
    expect(errors(p).map((x) => x.code)).toEqual(['notAForm'])
  })
})

describe('files that are not readable forms', () => {
  it.each([
    ['encrypted.xlsx', 'fileEncrypted', /password-protected/],
    ['old-excel.xls', 'fileXls', /Excel 97–2003/],
    ['truncated.xlsx', 'fileDamaged', /damaged or cut short/],
    ['zip-bomb.xlsx', 'fileTooLarge', /more than 64 MB/],
    ['not-a-form-ledger.xlsx', 'notAForm', /sheet \("機器台帳"\).*管理番号 \| 機器名/],
  ])('%s → %s', async (name, code, text) => {
    const p = await readDisclosure({ bytes: bytesOf(name), fileName: name })
    expect(p.problems.map((x) => [x.severity, x.code])).toEqual([['error', code]])
    expect(translate('en', `disclosures.problem.${code}`, p.problems[0]!.params)).toMatch(text)
    expect(translate('ja', `disclosures.problem.${code}`, p.problems[0]!.params)).toMatch(/[\u3040-\u30ff]/)
    expect([p.answers, p.notes, p.declaredPorts]).toEqual([[], [], []])
  })

  it.each([
    ['empty', new Uint8Array(0), 'fileEmpty'],
    ['binary', new Uint8Array([0x00, 0xff, 0x13, 0x37, 0x00, 0x81, 0x90, 0x00, 0x12, 0xfe]), 'fileNotText'],
    ['a PDF', new TextEncoder().encode('%PDF-1.7\n\u0000\u0001binary'), 'fileNotText'],
    ['plain text', new TextEncoder().encode('hello\nworld\n'), 'notAForm'],
    ['ZIP header + random bytes', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6, 7, 8, 9]), 'fileDamaged'],
    ['an empty ZIP', writeZip([]), 'notAForm'],
    ['a ZIP that is not a workbook', writeZip([{ name: 'a.txt', data: new Uint8Array(10) }]), 'notAForm'],
  ] as const)('%s', async (_, bytes, code) => {
    const p = await readDisclosure({ bytes, fileName: 'upload.bin' })
    expect(errors(p).map((x) => x.code)).toEqual([code])
  })

  it('a ZIP whose directory understates a part is refused as inconsistent before exceljs opens it', async () => {
    const bytes = writeZip([{ name: 'xl/workbook.xml', data: new Uint8Array(100_000), declaredSize: 100 }])
    const p = await readDisclosure({ bytes, fileName: 'lie.xlsx' })
    expect(errors(p).map((x) => [x.code, x.params.entry])).toEqual([['fileZipMismatch', 'xl/workbook.xml']])
  })

  describe('a 100,000-row workbook', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mamori-disclosure-'))
    afterAll(() => rmSync(dir, { recursive: true, force: true }))

    it('is refused with the sheet and its size, without loading it', async () => {
      const file = join(dir, 'huge.xlsx')
      const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false })
      const ws = wb.addWorksheet('mds2-form')
      for (let r = 1; r <= 100_000; r++) ws.addRow([`MLDP-${r}`, 'Question', 'Yes', r]).commit()
      await wb.commit()
      const before = process.memoryUsage().rss
      const p = await readDisclosure({ bytes: new Uint8Array(readFileSync(file)), fileName: 'huge.xlsx' })
      expect(p.problems.map((x) => [x.code, x.params.sheet, x.params.maxRows])).toEqual([
        ['sheetTooLarge', 'mds2-form', 5000],
      ])
      expect(Number(p.problems[0]!.params.rows)).toBeGreaterThan(5000)
      // Counting stops at the limit: far less memory than loading 100,000 rows into exceljs (~hundreds of MiB).
      expect(process.memoryUsage().rss - before).toBeLessThan(150 * 1024 * 1024)
    })

    it('a sheet with more than 50 used columns is refused too', async () => {
      const wb = new ExcelJS.Workbook()
      wb.addWorksheet('wide').addRow(Array.from({ length: 60 }, (_, i) => `c${i}`))
      const p = await readDisclosure({ bytes: new Uint8Array(await wb.xlsx.writeBuffer()), fileName: 'wide.xlsx' })
      expect(p.problems.map((x) => [x.code, x.params.sheet, x.params.columns])).toEqual([['sheetTooLarge', 'wide', 51]])
    })
  })
})

it('a 2019 CSV in UTF-16 with tabs (Excel "Unicode text") reads like any other', async () => {
  const rows = [
    ['Question ID', 'Question', 'Answer', 'Note #'],
    ['DOC-1', 'Manufacturer', 'Example Medical Co., Ltd.', ''],
    ...['PAUT-1', 'PAUT-5', 'MLDP-2', 'CSUP-2.1', 'TXCF-2', 'RMOT-1', 'SBOM-1'].map((id) => [id, 'q', 'No', '']),
  ]
  const text = `\ufeff${rows.map((r) => r.join('\t')).join('\r\n')}`
  const bytes = new Uint8Array(Buffer.from(text, 'utf16le'))
  const p = await readDisclosure({ bytes, fileName: 'form.txt' })
  expect(p.form).toBe('mds2-2019')
  expect(p.header.manufacturer).toBe('Example Medical Co., Ltd.')
  expect(p.answers.map((a) => [a.questionId, a.value, a.cell?.column])).toContainEqual(['RMOT-1', 'no', '3'])
  expect(p.problems.map((x) => x.code)).toEqual(['questionsMissing'])
})
