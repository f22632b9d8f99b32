/**
 * Writes the disclosure-reader fixtures in test/fixtures/disclosures/ (run: `npx tsx scripts/make-disclosure-fixtures.ts`).
 * Every maker, model and answer is made up (サンプル医療株式会社 / Example Medical Co., Ltd.); the question texts are
 * Mamori's own summaries (src/core/disclosures/questions/), never NEMA's or JAHIS's wording. Workbooks are re-zipped
 * with a fixed timestamp, so running the script twice gives the same bytes. test/fixtures/disclosures/README.md
 * says what each file holds; keep it in step with this script.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import ExcelJS from 'exceljs'
import iconv from 'iconv-lite'
import { MDS2_2013_QUESTIONS } from '../src/core/disclosures/questions/mds2-2013.js'
import { MDS2_2019_QUESTIONS } from '../src/core/disclosures/questions/mds2-2019.js'
import { MDS2_SECTIONS } from '../src/core/disclosures/questions/sections.js'
import { normaliseWorkbook, writeZip } from '../test/importers/disclosures/support/zip.js'

const OUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'test', 'fixtures', 'disclosures')
const FIXED = new Date(Date.UTC(2024, 0, 1))

type Cell = ExcelJS.CellValue
/** One question row: answer and Note # as cell values; `id` overrides the written id (misprints, full width). */
interface Override {
  answer?: Cell
  note?: Cell
  id?: string
}

function workbook(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook()
  wb.creator = 'Mamori fixtures'
  wb.created = FIXED
  wb.modified = FIXED
  return wb
}

async function save(wb: ExcelJS.Workbook, name: string, extra: Parameters<typeof normaliseWorkbook>[1] = []) {
  const bytes = new Uint8Array(await wb.xlsx.writeBuffer())
  writeFileSync(join(OUT, name), normaliseWorkbook(bytes, extra))
}

interface SheetSpec {
  headers: [string, string, string, string]
  answers: Record<string, Override>
  defaultAnswer: (id: string) => Cell
  questionText: (q: { textEn: string; textJa: string }) => string
  /** Rows inserted after a question id (duplicates, unknown ids). */
  after?: Record<string, [string, Cell][]>
  notes: (ws: ExcelJS.Worksheet, row: number) => void
  quirks: boolean
}

/** The 2019 layout: title, header row (Question ID | Question | answer | Note # | references), DOC rows, sections. */
function mds2019Sheet(ws: ExcelJS.Worksheet, spec: SheetSpec): void {
  ws.columns = [{ width: 12 }, { width: 60 }, { width: 28 }, { width: 8 }, { width: 14 }, { width: 14 }, { width: 14 }]
  ws.getCell('A1').value = 'Manufacturer Disclosure Statement for Medical Device Security -- MDS2'
  ws.mergeCells('A1:G1')
  const [h1, h2, h3, h4] = spec.headers
  ws.getRow(3).values = [h1, h2, h3, h4, 'IEC TR 80001-2-2', 'NIST SP 800-53', 'ISO 27002']
  if (spec.quirks) for (const c of ['A', 'B', 'C', 'D', 'E', 'F', 'G']) ws.mergeCells(`${c}3:${c}4`)
  let r = spec.quirks ? 6 : 5
  let section = ''
  for (const q of MDS2_2019_QUESTIONS) {
    if (q.section !== section) {
      section = q.section
      if (spec.quirks) r++ // a blank row between sections
      ws.getCell(`A${r}`).value = `${MDS2_SECTIONS[section]!.en.toUpperCase()} (${section})`
      ws.mergeCells(`A${r}:G${r}`)
      r++
    }
    const o = spec.answers[q.id] ?? {}
    const row = ws.getRow(r)
    row.getCell(1).value = o.id ?? q.id
    row.getCell(2).value = spec.questionText(q)
    row.getCell(3).value = o.answer !== undefined ? o.answer : spec.defaultAnswer(q.id)
    if (o.note !== undefined) row.getCell(4).value = o.note
    if (q.section !== 'DOC') row.getCell(5).value = 'Section 5.x'
    r++
    for (const [id, answer] of spec.after?.[q.id] ?? []) {
      ws.getRow(r).values = [id, 'extra row', answer as ExcelJS.CellValue]
      r++
    }
    if (spec.quirks && q.id === 'CSUP-6.4') ws.getCell(`G${r++}`).value = 'Page 2' // a stray page footer
  }
  spec.notes(ws, r + 1)
}

const PUMP: Record<string, Override> = {
  'DOC-1': { answer: 'サンプル医療株式会社 (Example Medical Co., Ltd.)   ' },
  'DOC-2': { answer: 'Infusion pump / 輸液ポンプ' },
  'DOC-3': { answer: 'SP-2000 輸液ポンプ' },
  'DOC-4': { answer: 'MDS2-SP2000-2024-01' },
  'DOC-5': { answer: 'Example Medical Co., Ltd. Product Security, security@example.com' },
  'DOC-6': { answer: 'Wired LAN to the infusion management server; remote service by the manufacturer.' },
  'DOC-7': { answer: 45383 }, // an Excel serial number: 2024-04-01
  'DOC-8': { answer: 'No' },
  'DOC-9': { answer: 'No' },
  'DOC-11': { answer: 'No' },
  'ALOF-2': { answer: { formula: 'IF(1=1,"Yes","No")', result: 'Yes' } },
  'AUDT-1': { answer: { richText: [{ text: 'Ye', font: { bold: true } }, { text: 's' }] } },
  'AUDT-2': { answer: 'yes - see note 3' },
  'AUTH-1.1': { answer: 'Yes,LDAP' },
  'AUTH-3': { answer: 'No' },
  'CSUP-1': { answer: 'See Notes', note: 'Note 1' },
  'CSUP-2.1': { answer: 'No' },
  'CSUP-2.3': { answer: 'No' },
  'CSUP-2.4': { answer: 'No' },
  'CSUP-3.1': { answer: 'No' },
  'CSUP-4': { answer: 'No' },
  'CSUP-8': { answer: 'No' },
  'DIDT-1': { answer: 'No' },
  'DIDT-1.1': { answer: null }, // unanswered
  'DTBK-1': { answer: 'No' },
  'DTBK-4': { answer: 'No,' },
  'EMRG-1': { answer: null }, // unanswered
  'IGAU-2': { answer: { error: '#N/A' } },
  'MLDP-2': { answer: 'No' },
  'MLDP-2.1': { answer: 'No' },
  'MLDP-2.2': { answer: 'No' },
  'MLDP-2.3': { answer: 'No' },
  'MLDP-2.4': { id: ' MLDP 2.4 ', answer: 'No' },
  'MLDP-3': { answer: 'No' },
  'MLDP-5': { answer: 'No' },
  'NAUT-2': { answer: 'No' },
  'CONN-1.1': { answer: 'No' },
  'CONN-2': { answer: 'Yes', note: 2 },
  'CONN-3': { answer: 'Yes, TCP 104 (DICOM) and 2575/tcp (HL7)' },
  'CONN-4': { answer: 'Yes', note: '2' },
  'CONN-6': { answer: 'No' },
  'CONN-7': { answer: 'Yes,443/tcp HTTPS' },
  'PAUT-1': { answer: 'No' },
  'PAUT-1.1': { answer: 'No' },
  'PAUT-3': { answer: 'No' },
  'PAUT-4': { answer: 'N/A: No default accounts' },
  'PAUT-5': { answer: 'No' },
  'PAUT-8': { answer: 'No' },
  'PLOK-1': { answer: 'No' },
  'PLOK-2': { id: 'ＰＬＯＫ－２', answer: 'Yes' },
  'RDMP-4': { answer: 'No' },
  'SBOM-1': { answer: 'No' },
  'SBOM-2': { answer: 'Yes' },
  'SAHD-2': { answer: 'See Note 9' }, // there is no note 9
  'SAHD-9': { answer: 'No' },
  'SAHD-12': { answer: 'No' },
  'SAHD-13': { answer: 'Maybe' }, // not an allowed answer
  'SAHD-15': { id: 'SHAD-15', answer: 'Yes,' }, // the misprint published forms carry
  'SGUD-1': { answer: { text: 'Yes', hyperlink: 'https://example.com/security' } },
  'STCF-1': { answer: 'いいえ' },
  'STCF-1.1': { answer: '該当なし' },
  'STCF-1.2': { answer: '対象外' },
  'STCF-1.3': { answer: '注記参照', note: 1 },
  'TXCF-2': { answer: 'No' },
  'TXCF-2.1': { answer: 'No' },
  'TXCF-4': { answer: 'No' },
  'TXIG-1': { answer: 'No' },
  'RMOT-1': { answer: 'Yes' },
  'RMOT-1.1': { answer: 'Yes  ' },
  'RMOT-1.2': { answer: 'No' },
  'RMOT-1.3': { answer: 'Yes', note: '3, 5' },
}
const NA_WHEN_NO = /^(CSUP-4\.|CSUP-5\.|CSUP-6\.|MLDP-2\.[5-8]|MLDP-5\.|NAUT-2\.1|CONN-1\.1\.|DOC-11\.)/

const PUMP_NOTES = (ws: ExcelJS.Worksheet, row: number) => {
  ws.getCell(`A${row}`).value =
    'Note 1: Security patches for the embedded OS are released by Example Medical twice a year; the hospital cannot install them.'
  ws.mergeCells(`A${row}:G${row}`)
  ws.getRow(row + 1).values = [
    'Note 2',
    'Ports: TCP 104 (DICOM), 2575/tcp (HL7 results), 443/tcp HTTPS (web console), 22/tcp SSH (manufacturer service, inbound).',
  ]
  ws.getRow(row + 3).values = ['Notes']
  ws.getRow(row + 4).values = [3, 'The audit log keeps 90 days; remote sessions are logged.']
  ws.getRow(row + 5).values = [
    '5.',
    'Remote service runs over the manufacturer VPN; patient screens are visible during a session.',
  ]
}

async function pump2019(): Promise<void> {
  const wb = workbook()
  mds2019Sheet(wb.addWorksheet('mds2-form'), {
    headers: ['Question ID', 'Question', '', 'Note #'],
    answers: PUMP,
    defaultAnswer: (id) => (NA_WHEN_NO.test(id) ? 'N/A' : 'Yes'),
    questionText: (q) => q.textEn,
    after: { 'MLDP-4': [['MLDP-4', 'No']], 'TXCF-5': [['TXCF-9', 'Yes']] },
    notes: PUMP_NOTES,
    quirks: true,
  })
  await save(wb, 'sp-2000-mds2-2019.xlsx')
  // The same form exported as CSV by Japanese Excel: Shift_JIS, CRLF; formulas and rich text as their text.
  const ws = wb.getWorksheet('mds2-form')!
  const lines: string[] = []
  ws.eachRow({ includeEmpty: true }, (row) => {
    const cells: string[] = []
    for (let c = 1; c <= 7; c++) {
      const cell = row.getCell(c)
      cells.push(cell.isMerged && cell.master !== cell ? '' : cell.text)
    }
    lines.push(cells.map((v) => (/[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v)).join(','))
  })
  writeFileSync(join(OUT, 'sp-2000-mds2-2019.csv'), iconv.encode(`${lines.join('\r\n')}\r\n`, 'cp932'))
}

const MONITOR_NO = new Set([
  'DOC-11',
  'MPII-3.7',
  'MPII-3.8',
  'CSUP-8',
  'CONN-4',
  'CONN-6',
  'RMOT-1',
  'RMOT-2',
  'RMOT-3',
])

async function monitor2019(name: string, japanese: boolean, macros: boolean): Promise<void> {
  const wb = workbook()
  const yes = japanese ? 'はい' : 'Yes'
  const no = japanese ? 'いいえ' : 'No'
  const na = japanese ? '該当なし' : 'N/A'
  mds2019Sheet(wb.addWorksheet('mds2-form'), {
    headers: japanese ? ['質問ID', '質問', '回答', '注記番号'] : ['Question ID', 'Question', 'Answer', 'Note #'],
    answers: {
      'DOC-1': { answer: japanese ? 'サンプル医療株式会社' : 'Example Medical Co., Ltd.' },
      'DOC-2': { answer: japanese ? 'ベッドサイドモニタ' : 'Bedside monitor' },
      'DOC-3': { answer: 'BM-500' },
      'DOC-4': { answer: 'MDS2-BM500-03' },
      'DOC-5': { answer: 'security@example.com' },
      'DOC-6': { answer: japanese ? 'セントラルモニタへ有線 LAN で接続' : 'Wired LAN to the central station' },
      'DOC-7': { answer: new Date(Date.UTC(2023, 9, 2)) },
      'CONN-3': { answer: yes, note: 1 },
    },
    defaultAnswer: (id) => (MONITOR_NO.has(id) ? no : id.startsWith('RMOT-1.') || NA_WHEN_NO.test(id) ? na : yes),
    questionText: (q) => (japanese ? q.textJa : q.textEn),
    notes: (ws, row) => {
      ws.getRow(row).values = [japanese ? '注記' : 'Notes']
      ws.getRow(row + 1).values = [
        1,
        'HL7 results go to the central station over TCP 2575; time comes from NTP (UDP port 123, outbound).',
      ]
    },
    quirks: false,
  })
  const vba = macros ? [{ name: 'xl/vbaProject.bin', data: new Uint8Array(512).fill(0x41) }] : []
  await save(wb, name, vba)
}

async function er2013(): Promise<void> {
  const wb = workbook()
  const ws = wb.addWorksheet('MDS2')
  ws.getCell('A1').value = 'Manufacturer Disclosure Statement for Medical Device Security – MDS2'
  ws.mergeCells('A1:D1')
  ws.getRow(3).values = ['Device Category', 'Manufacturer', 'Document ID', 'Document Release Date']
  ws.getRow(4).values = ['Endoscopy video system', 'Example Medical Co., Ltd.', 'MDS2-ER100-2014', 'June 30, 2014']
  ws.getRow(5).values = ['Device Model', 'Software Revision', 'Software Release Date']
  ws.getRow(6).values = ['ER-100', '2.1', '2014-05-01']
  ws.getRow(7).values = [
    'Manufacturer or Representative Contact Information:',
    'Company Name',
    'Manufacturer Contact Information',
  ]
  ws.getRow(8).values = ['', 'Example Medical Co., Ltd.', 'security@example.com']
  ws.getRow(9).values = ['Intended use of device in network-connected environment:', 'Stores endoscopy images to PACS']
  let r = 11
  let section = ''
  const no = new Set(['10-1', '10-2', '10-3', '12-1.1', '12-3', '18-2', '19-1', '20-2.1', 'B.5', 'B.6', 'D.6', 'D.7'])
  for (const q of MDS2_2013_QUESTIONS) {
    if (q.section !== section) {
      section = q.section
      const title =
        section === 'MPII'
          ? 'MANAGEMENT OF PRIVATE DATA'
          : `${q.id.split('-')[0]}  ${MDS2_SECTIONS[section]!.en.toUpperCase()} (${section})`
      ws.getRow(r).values = [title, '', 'Yes, No, N/A, or See Note', 'Note #']
      r++
    }
    const answer = q.id === '14-1' ? 'See Note' : q.id === '20-1' ? 'Yes' : no.has(q.id) ? 'No' : 'Yes'
    ws.getRow(r).values = [q.id, q.textEn, answer, q.id === '14-1' || q.id === '20-1' ? 1 : null]
    r++
  }
  ws.getRow(r + 1).values = [
    'Note 1: Windows 7 Embedded SP1. Remote service over the manufacturer VPN using TCP port 5938 (outbound).',
  ]
  await save(wb, 'er-100-mds2-2013.xlsx')
}

async function jahisMdsSds(): Promise<void> {
  const wb = workbook()
  const cover = wb.addWorksheet('表紙')
  cover.getCell('A2').value = '製造業者/サービス事業者による医療情報セキュリティ開示書(MDS)'
  cover.getRow(4).values = ['製造業者名', 'サンプル医療株式会社']
  cover.getRow(5).values = ['製品名', '輸液管理システム']
  cover.getRow(6).values = ['型式', 'IM-300 Ver.2']
  cover.getRow(7).values = ['記入日', new Date(Date.UTC(2024, 9, 1))]
  cover.getRow(8).values = ['連絡先', '品質保証部 security@example.com']
  const ws = wb.addWorksheet('MDS')
  ws.getCell('A1').value = 'MDS チェックシート(架空の例)'
  ws.mergeCells('A1:E1')
  ws.getRow(3).values = ['項番', '分類', '確認項目', '回答', '備考']
  const items: [string, string, string, string, string][] = [
    ['', '組織的安全管理', '', '', ''],
    ['1-1', '', 'セキュリティの問い合わせ窓口がある', 'はい', ''],
    ['1-2', '', '脆弱性情報を医療機関へ提供する', 'はい', '年 2 回'],
    ['', '技術的安全管理', '', '', ''],
    ['2-1', '', '利用者ごとに ID とパスワードを設定できる', 'いいえ', '共用アカウントのみ'],
    ['2-2', '', '二要素認証に対応する', 'いいえ', ''],
    ['2-3', '', 'アクセスログを記録する', 'はい', ''],
    ['2-4', '', '保存データを暗号化する', '対象外', '患者データを保存しない'],
    ['2-5', '', 'リモート保守の接続記録を残す', '検討中', ''],
    ['2-6', '', 'マルウェア対策ソフトを導入できる', '', ''],
  ]
  items.forEach((row, i) => {
    ws.getRow(4 + i).values = row
  })
  await save(wb, 'jahis-mds-sds.xlsx')
}

async function damaged(): Promise<void> {
  const wb = workbook()
  const ws = wb.addWorksheet('機器台帳')
  ws.getRow(1).values = ['管理番号', '機器名', 'メーカー', '型式', 'IPアドレス']
  ws.getRow(2).values = ['ME-0001', '輸液ポンプ', 'サンプル医療', 'SP-2000', '10.0.0.21']
  ws.getRow(3).values = ['ME-0002', 'ベッドサイドモニタ', 'サンプル医療', 'BM-500', '10.0.0.22']
  await save(wb, 'not-a-form-ledger.xlsx')
  const whole = new Uint8Array(await wb.xlsx.writeBuffer())
  const normal = normaliseWorkbook(whole)
  writeFileSync(join(OUT, 'truncated.xlsx'), normal.subarray(0, Math.floor(normal.length / 2)))
  // A ZIP disguised as a workbook whose one part inflates to 65 MiB of zeros (over the 64 MiB cap).
  writeFileSync(
    join(OUT, 'zip-bomb.xlsx'),
    writeZip([{ name: 'xl/worksheets/sheet1.xml', data: new Uint8Array(65 << 20) }]),
  )
  writeFileSync(join(OUT, 'encrypted.xlsx'), cfb(['EncryptionInfo', 'EncryptedPackage', '\u0006DataSpaces']))
  writeFileSync(join(OUT, 'old-excel.xls'), cfb(['Workbook', '\u0005SummaryInformation']))
}

/** An OLE compound file reduced to what the reader looks at: the signature and directory entry names (UTF-16LE). */
function cfb(names: string[]): Uint8Array {
  const header = Buffer.alloc(512)
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header)
  header.writeUInt16LE(0x3e, 24)
  header.writeUInt16LE(3, 26)
  header.writeUInt16LE(0xfffe, 28)
  header.writeUInt16LE(9, 30)
  const dir = Buffer.alloc(128 * 4)
  ;['Root Entry', ...names].forEach((n, i) => {
    const name = Buffer.from(`${n}\u0000`, 'utf16le')
    name.copy(dir, i * 128)
    dir.writeUInt16LE(name.length, i * 128 + 64)
  })
  return new Uint8Array(Buffer.concat([header, dir]))
}

mkdirSync(OUT, { recursive: true })
await pump2019()
await monitor2019('bm-500-mds2-2019.xlsx', false, false)
await monitor2019('bm-500-mds2-2019-ja.xlsx', true, false)
await monitor2019('bm-500-mds2-2019.xlsm', false, true)
await er2013()
await jahisMdsSds()
await damaged()
console.log(`fixtures written to ${OUT}`)
