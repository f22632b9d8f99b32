import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { ParsedDisclosure } from '../../../src/core/disclosures/disclosure.js'
import { bilingual } from '../../../src/core/messages/translate.js'
import { readDisclosure } from '../../../src/importers/disclosures/index.js'

/** The MDS2 fixtures (scripts/make-disclosure-fixtures.ts; test/fixtures/disclosures/README.md) read end to end. */

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'disclosures')
const read = (name: string, form?: 'mds2-2019' | 'mds2-2013' | 'auto') =>
  readDisclosure({ bytes: new Uint8Array(readFileSync(join(FIXTURES, name))), fileName: name, form })
const answer = (p: ParsedDisclosure, id: string) => p.answers.find((a) => a.questionId === id)
const codes = (p: ParsedDisclosure) => p.problems.map((x) => `${x.severity} ${x.code} ${x.column ?? ''}${x.row ?? ''}`)
const ports = (p: ParsedDisclosure) =>
  p.declaredPorts.map((d) => `${d.port}/${d.transport} ${d.direction} ${d.service}`)

describe('MDS2 2019: the SP-2000 pump with every quirk', async () => {
  const p = await read('sp-2000-mds2-2019.xlsx')

  it('is read as the 2019 form with its DOC header (serial date, trailing spaces)', () => {
    expect(p.form).toBe('mds2-2019')
    expect(p.header).toEqual({
      manufacturer: 'サンプル医療株式会社 (Example Medical Co., Ltd.)',
      deviceDescription: 'Infusion pump / 輸液ポンプ',
      model: 'SP-2000 輸液ポンプ',
      documentId: 'MDS2-SP2000-2024-01',
      contact: 'Example Medical Co., Ltd. Product Security, security@example.com',
      intendedUse: 'Wired LAN to the infusion management server; remote service by the manufacturer.',
      releaseDate: '2024-04-01',
    })
    // DOC-8 onwards are answers; DOC-1…7 are the header only.
    expect(answer(p, 'DOC-8')?.value).toBe('no')
    expect(answer(p, 'DOC-1')).toBeUndefined()
  })

  it('reads every question once, counting the unanswered', () => {
    expect(p.questionCount).toBe(233)
    expect(p.answers).toHaveLength(233)
    expect(new Set(p.answers.map((a) => a.questionId)).size).toBe(233)
    expect(p.answers.filter((a) => a.value === null).map((a) => a.questionId)).toEqual([
      'DIDT-1.1',
      'EMRG-1',
      'IGAU-2',
      'SAHD-13',
    ])
  })

  it.each([
    ['ALOF-2', 'yes', null, []], // formula: its cached result
    ['AUDT-1', 'yes', null, []], // rich text
    ['AUDT-2', 'yes', 'see note 3', [3]],
    ['AUTH-1.1', 'yes', 'LDAP', []],
    ['CSUP-1', 'see-notes', null, [1]], // Note # column "Note 1"
    ['CONN-2', 'yes', null, [2]], // Note # as a number
    ['DTBK-4', 'no', null, []],
    ['PAUT-4', 'na', 'No default accounts', []],
    ['PAUT-1', 'no', null, []],
    ['MLDP-4', 'yes', null, []], // the first of two rows
    ['MLDP-2.4', 'no', null, []], // written " MLDP 2.4 "
    ['PLOK-2', 'yes', null, []], // written in full width
    ['SAHD-15', 'yes', null, []], // written SHAD-15
    ['SGUD-1', 'yes', null, []], // hyperlink
    ['STCF-1', 'no', null, []],
    ['STCF-1.1', 'na', null, []],
    ['STCF-1.2', 'na', null, []],
    ['STCF-1.3', 'see-notes', null, [1]],
    ['RMOT-1.1', 'yes', null, []],
    ['RMOT-1.3', 'yes', null, [3, 5]],
    ['SBOM-1', 'no', null, []],
    ['SBOM-2', 'yes', null, []],
    ['SAHD-13', null, 'Maybe', []],
  ] as const)('%s → %s, comment %j, notes %j', (id, value, comment, refs) => {
    expect(answer(p, id)).toMatchObject({ value, comment, noteRefs: refs })
  })

  it('keeps the written id where it differed, and the cell of every answer', () => {
    expect(answer(p, 'SAHD-15')).toMatchObject({ writtenId: 'SHAD-15', cell: { sheet: 'mds2-form', column: 'C' } })
    expect(answer(p, 'PLOK-2')?.writtenId).toBe('ＰＬＯＫ－２')
    expect(answer(p, 'PAUT-1')?.writtenId).toBeNull()
    expect(p.answers.every((a) => a.cell?.sheet === 'mds2-form' && a.cell.column === 'C' && a.cell.row > 4)).toBe(true)
  })

  it('reads the notes block in both styles', () => {
    expect(p.notes.map((n) => n.number)).toEqual([1, 2, 3, 5])
    expect(p.notes[0]?.text).toMatch(/^Security patches for the embedded OS/)
    expect(p.notes[3]?.text).toMatch(/^Remote service runs over the manufacturer VPN/)
  })

  it('reports each quirk that needs a person, with sheet, row, column and value', () => {
    expect(codes(p)).toEqual([
      'warning errorCell C148',
      'warning duplicateQuestion A163',
      'warning noteMissing C237',
      'warning answerNotAllowed C253',
      'warning idMistyped A256',
      'warning unknownQuestion A282',
    ])
    const mistyped = p.problems.find((x) => x.code === 'idMistyped')!
    expect(mistyped).toMatchObject({ sheet: 'mds2-form', row: 256, column: 'A', value: 'SHAD-15' })
    expect(bilingual(`disclosures.problem.${mistyped.code}`, mistyped.params)).toEqual({
      en: 'Sheet "mds2-form", row 256, column A: the question id "SHAD-15" is not in the form; it was read as SAHD-15 (a known misprint).',
      ja: 'シート「mds2-form」256 行目 A 列: 質問 ID「SHAD-15」は様式にありません。既知の誤記として SAHD-15 と読みました。',
    })
    expect(p.problems.find((x) => x.code === 'answerNotAllowed')).toMatchObject({ value: 'Maybe' })
    expect(p.problems.find((x) => x.code === 'errorCell')).toMatchObject({ value: '#N/A' })
  })

  it('collects the declared ports from CONN answers and the notes', () => {
    expect(ports(p)).toEqual(['22/tcp in SSH', '104/tcp in DICOM', '443/tcp in HTTPS', '2575/tcp in HL7'])
    expect(p.declaredPorts.find((d) => d.port === 443)?.tls).toBe(true)
  })

  it('reads the CSV export (Shift_JIS) to the same answers; the #N/A cell is still an error cell', async () => {
    const csv = await read('sp-2000-mds2-2019.csv')
    const brief = (x: ParsedDisclosure) =>
      x.answers.map((a) => [a.questionId, a.value, a.comment, a.noteRefs, a.cell?.row])
    expect(brief(csv)).toEqual(brief(p))
    expect(csv.header).toEqual(p.header)
    expect(csv.notes).toEqual(p.notes)
    expect(ports(csv)).toEqual(ports(p))
    // CSV columns are numbers: A → 1, C → 3.
    const csvColumn = (c: string) => c.replace(/ ([AC])(\d+)$/, (_, l, n) => ` ${l === 'A' ? 1 : 3}${n}`)
    expect(codes(csv)).toEqual(codes(p).map(csvColumn))
  })
})

describe('MDS2 2019: clean and translated forms', async () => {
  const clean = await read('bm-500-mds2-2019.xlsx')

  it('a clean form gives no problem, a date cell and the ports of its notes', () => {
    expect(clean.problems).toEqual([])
    expect(clean.answers.every((a) => a.value !== null)).toBe(true)
    expect(clean.header.releaseDate).toBe('2023-10-02')
    expect(ports(clean)).toEqual(['123/udp out NTP', '2575/tcp in HL7'])
  })

  it('a Japanese translation (headers, questions, answers) reads to the same answers', async () => {
    const ja = await read('bm-500-mds2-2019-ja.xlsx')
    expect(ja.problems).toEqual([])
    expect(ja.answers.map((a) => [a.questionId, a.value])).toEqual(clean.answers.map((a) => [a.questionId, a.value]))
    expect(ja.header.manufacturer).toBe('サンプル医療株式会社')
    expect(ja.notes.map((n) => n.number)).toEqual([1])
  })

  it('a macro-enabled workbook is read, its macros ignored, with a warning', async () => {
    const xlsm = await read('bm-500-mds2-2019.xlsm')
    expect(codes(xlsm)).toEqual(['warning macrosIgnored '])
    expect(xlsm.answers).toEqual(clean.answers)
  })
})

describe('MDS2 2013', async () => {
  const p = await read('er-100-mds2-2013.xlsx')

  it('is recognised by its section-numbered ids and CNFS, with the labelled header', () => {
    expect(p.form).toBe('mds2-2013')
    expect(p.problems).toEqual([])
    expect(p.header).toMatchObject({
      manufacturer: 'Example Medical Co., Ltd.',
      deviceDescription: 'Endoscopy video system',
      model: 'ER-100',
      documentId: 'MDS2-ER100-2014',
      contact: 'security@example.com',
      intendedUse: 'Stores endoscopy images to PACS',
      releaseDate: '2014-06-30',
    })
    expect(p.answers).toHaveLength(p.questionCount)
    expect(answer(p, '4-1')?.value).toBe('yes')
    expect(answer(p, '12-1.1')?.value).toBe('no')
    expect(answer(p, 'B.5')?.value).toBe('no')
    expect(answer(p, '14-1')).toMatchObject({ value: 'see-notes', noteRefs: [1] })
    expect(ports(p)).toEqual(['5938/tcp out null'])
  })

  it('read as 2019 when the caller insists, it says no 2019 question was found', async () => {
    const forced = await read('er-100-mds2-2013.xlsx', 'mds2-2019')
    expect(forced.problems.filter((x) => x.severity === 'error').map((x) => x.code)).toEqual(['noQuestions'])
  })
})
