/**
 * Writes the ledger-import fixtures in test/fixtures/import/ (run: `npx tsx scripts/make-import-fixtures.ts`).
 * Every device, vendor name and address is made up for the project; nothing comes from a real hospital or vendor file.
 * test/fixtures/import/README.md says how each file was made; keep it in step with this script.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import ExcelJS from 'exceljs'
import iconv from 'iconv-lite'

const OUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'test', 'fixtures', 'import')

/** RFC 4180 CSV with CRLF, as Excel writes it. */
function csv(rows: string[][]): string {
  const cell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v)
  return `${rows.map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`
}

const JA_HEADER = [
  '管理番号',
  '種別',
  '分類',
  'メーカー',
  '型式',
  '製造番号',
  'IPアドレス',
  'MACアドレス',
  '病棟',
  '設置場所',
  '導入日',
  '耐用年限',
  '保守終了',
  '状態',
  '生命維持',
  '患者との距離',
  '接続方式',
  '備考',
]
const JA_ROWS = [
  [
    'ME-0001',
    '医療機器',
    '生体情報モニタ',
    'ミナト医科',
    'MM-8000',
    'A10001',
    '10.10.1.11',
    '02:00:5E:10:01:11',
    'ICU',
    'ICU-1',
    '令和2年4月1日',
    '8年',
    '2030/3/31',
    '使用中',
    'はい',
    '2',
    '有線',
    '',
  ],
  [
    'ME-0002',
    '医療機器',
    '輸液ポンプ',
    'サクラ電子',
    'SP-30',
    'B20002',
    '10.10.1.12',
    '02-00-5E-10-01-12',
    'ICU',
    'ICU-2',
    '2019/10/1',
    '2027-09-30',
    '',
    '使用中',
    '○',
    '2',
    '無線LAN',
    '夜間はナースステーションで充電',
  ],
  [
    'RA-0003',
    '医療機器',
    'CT',
    'ミナト医科',
    'CT-Aq',
    'C30003',
    '10.20.0.5',
    '0200.5e20.0005',
    '放射線科',
    'CT室',
    '平成31年4月1日',
    '2027/3/31',
    '2026/3/31',
    '使用中',
    '×',
    '3',
    '有線;リモート保守',
    'リモート保守回線あり',
  ],
  [
    'PC-0004',
    'PC',
    'ワークステーション',
    'ホクト電機',
    'WS-7',
    'D40004',
    '10.30.0.20',
    '',
    '医事課',
    '受付',
    '2015/4/1',
    '2021/3/31',
    '2020/1/14',
    '保管中',
    'いいえ',
    '4',
    '有線',
    'Windows 7',
  ],
]

const EN_HEADER = [
  'Asset Tag',
  'Kind',
  'Category',
  'Manufacturer',
  'Model',
  'Serial Number',
  'IP Addresses',
  'MAC Addresses',
  'Department',
  'Installed On',
  'Service Life End',
  'Status',
  'Life-critical',
  'Proximity',
  'Tags',
  'custom:Budget code',
]

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true })

  // 1. Shift_JIS (CP932) CSV with Japanese headers, the way Japanese Excel saves "CSV (コンマ区切り)".
  writeFileSync(join(OUT, 'ledger-sjis.csv'), iconv.encode(csv([JA_HEADER, ...JA_ROWS]), 'cp932'))

  // 2. UTF-8 with BOM ("CSV UTF-8 (コンマ区切り)"), a title row above the header, canonical headers.
  const utf8 = `医療機器台帳 2024年度\r\n${csv([
    [
      '資産番号',
      '種別',
      'カテゴリ',
      '製造販売業者',
      '型式',
      'シリアル番号',
      'IPアドレス',
      'ホスト名',
      'OS',
      'OSバージョン',
      'タグ',
    ],
    [
      'SV-0101',
      'サーバ',
      'PACS',
      'ホクト電機',
      'PX-2',
      'E50101',
      '10.20.0.10',
      'pacs01',
      'Windows Server',
      '2012 R2',
      '画像;重要',
    ],
    ['NW-0102', 'ネットワーク機器', 'スイッチ', 'カモメ通信', 'SW-24', 'F60102', '10.0.0.2', 'core-sw', '', '', ''],
  ])}`
  writeFileSync(
    join(OUT, 'ledger-utf8-bom.csv'),
    Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(utf8, 'utf8')]),
  )

  // 3. An English-header workbook with typed cells (dates, numbers, booleans) and a custom column.
  const wb = new ExcelJS.Workbook()
  wb.creator = 'Mamori fixtures'
  // Fixed timestamps keep the file stable between runs (the ZIP entries still carry the run time).
  wb.created = new Date(Date.UTC(2024, 0, 1))
  wb.modified = new Date(Date.UTC(2024, 0, 1))
  const ws = wb.addWorksheet('Devices')
  ws.addRow(EN_HEADER)
  ws.addRow([
    'LAB-0201',
    'medical device',
    'lab analyzer',
    'Kamome Lab',
    'KA-100',
    'G70201',
    '10.40.0.31',
    '02:00:5e:40:00:31',
    'Laboratory',
    new Date(Date.UTC(2018, 6, 1)),
    new Date(Date.UTC(2025, 5, 30)),
    'in use',
    false,
    4,
    'lab; HL7',
    'B-12',
  ])
  ws.addRow([
    'LAB-0202',
    'Medical Device',
    'Lab Analyzer',
    'Kamome Lab',
    'KA-200',
    'G70202',
    '10.40.0.32',
    '',
    'Laboratory',
    '2020-04-01',
    45930,
    'in storage',
    true,
    3,
    '',
    '',
  ])
  writeFileSync(join(OUT, 'ledger-en.xlsx'), new Uint8Array(await wb.xlsx.writeBuffer()))

  // 4. Bad rows: each data row has exactly one problem, plus a duplicate asset tag (rows 6 and 7).
  writeFileSync(
    join(OUT, 'bad-rows.csv'),
    csv([
      ['資産番号', '種別', 'IPアドレス', 'MACアドレス', '導入日', '状態'],
      ['BAD-1', '医療機器', '10.0.0.256', '', '', '使用中'],
      ['BAD-2', '医療機器', '', '00:11:22:33:44', '', '使用中'],
      ['BAD-3', '医療機器', '', '', '2023-02-30', '使用中'],
      ['BAD-4', 'ロボット', '', '', '', '使用中'],
      ['DUP-5', '医療機器', '10.0.0.5', '', '', '使用中'],
      ['DUP-5', '医療機器', '10.0.0.6', '', '', '使用中'],
      ['OK-8', '医療機器', '10.0.0.8', '', '2020/4/1', '保管中'],
    ]),
  )

  // 5. A truncated workbook: the first 60% of a valid .xlsx, as an interrupted download or copy leaves it.
  const full = new Uint8Array(await wb.xlsx.writeBuffer())
  writeFileSync(join(OUT, 'truncated.xlsx'), full.subarray(0, Math.floor(full.length * 0.6)))

  // 6. A hospital ledger as ME rooms keep it: Shift_JIS, 機器名 (generic name) and 型式 (model) side by side, no
  // category column, 耐用年数 in years, full-width digits typed with an IME, an unknown 種別 word in one row and
  // two bad rows (an IP that is a host name, an impossible date).
  writeFileSync(join(OUT, 'hospital-ledger-sjis.csv'), iconv.encode(csv(HOSPITAL_ROWS), 'cp932'))
}

/** Rows of hospital-ledger-sjis.csv (header first). Rows 5 and 6 are bad; every other row imports. */
export const HOSPITAL_ROWS = [
  ['資産番号', '機器名', '型式', 'メーカー', '製造番号', '設置部署', '導入日', '耐用年数', 'IPアドレス', '備考'],
  ['ME-1001', '輸液ポンプ', 'TE-LM800', 'ミナト医科', 'ＳＮ１００１', '３階東病棟', '2019/4/1', '6', '10.10.3.21', ''],
  [
    'ME-1002',
    '生体情報モニタ',
    'BSM-1700',
    'サクラ電子',
    'SN1002',
    'ICU',
    '令和2年10月1日',
    '８年',
    '１０．１０．３．２２',
    '',
  ],
  ['ME-1003', 'シリンジポンプ', 'TE-SS700', 'ミナト医科', 'SN1003', '手術室', '2021-06-15', '6', '', '予備機'],
  [
    'ME-1004',
    '輸液ポンプ',
    'TE-LM800',
    'ミナト医科',
    'SN1004',
    '3階西病棟',
    '2020/4/1',
    '6',
    'pump-7.local',
    'IP欄にホスト名',
  ],
  ['ME-1005', '人工呼吸器', 'VT-300', 'カモメ医療', 'SN1005', 'ICU', '2023/2/30', '7', '10.10.3.25', '日付の誤り'],
  ['ME-1006', '除細動器', 'DF-9', 'カモメ医療', 'SN1006', '救急外来', '2018/7/1', '5', '', ''],
]

await main()
