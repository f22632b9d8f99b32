import ExcelJS from 'exceljs'
import { BUILT_IN_EDITIONS } from '../../src/core/checklist/editions/index.js'

/**
 * Generated stand-ins for MHLW's .xlsx forms (test fixtures built in the test, never downloaded): a 令和8年度-like
 * one-sheet 医療機関・薬局確認用 whose header row is 番号 / 確認項目 / はい / いいえ / 確認日 / 目標日 / 備考, a workbook of
 * another layout, and helpers to break them. The item texts are the built-in 令和7 ones plus an invented 2-⑭; they
 * only exercise the loader.
 */

async function bytesOf(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer())
}

export const R8_EXTRA = { id: '2-⑭', text: 'アカウントのロックアウトを設定している。(医療情報システム全般)' }

export async function r8Form(
  opts: { duplicate?: boolean; emptyText?: boolean; noYear?: boolean } = {},
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('チェックリスト')
  ws.getCell('A1').value = opts.noYear
    ? '医療機関におけるサイバーセキュリティ対策チェックリスト'
    : '令和8年度 医療機関におけるサイバーセキュリティ対策チェックリスト'
  ws.getCell('A2').value = '【医療機関・薬局確認用】'
  ws.getCell('A3').value = '医療機関名:'
  ws.getRow(5).values = ['番号', '確認項目', 'はい', 'いいえ', '確認日', '目標日', '備考']
  const items = BUILT_IN_EDITIONS[0]!.items.map((i) => [i.id === '前提' ? '(前提)' : i.id, i.textJa])
  items.push([R8_EXTRA.id, R8_EXTRA.text])
  if (opts.duplicate) items.push(['2-⑥', '重複した項目'])
  items.forEach(([id, text], n) => {
    const row = ws.getRow(6 + n)
    row.getCell(1).value = id
    row.getCell(2).value = opts.emptyText && id === '2-⑧' ? '' : text
    row.getCell(7).value = id === '2-⑩' ? '令和9年度までに対応' : id === '2-⑥' ? 'システム運用編 8.2' : null
  })
  return bytesOf(wb)
}

/** A ledger export, say: a workbook that is no checklist at all. */
export async function otherLayout(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('機器台帳')
  ws.addRow(['資産番号', '機器名', '設置場所'])
  ws.addRow(['ME-0001', '生体情報モニタ', 'ICU'])
  const ws2 = wb.addWorksheet('回答欄')
  ws2.addRow(['項目', 'はい', 'いいえ', '確認日', '目標日'])
  ws2.addRow(['A', '', '', '', ''])
  return bytesOf(wb)
}

/** A layout that prints the section once ("1" + "体制構築") and only "①", "②" on the item rows. */
export async function sectionedForm(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('医療機関・薬局確認用')
  ws.getCell('A1').value = '令和8年度 医療機関におけるサイバーセキュリティ対策チェックリスト'
  ws.getRow(3).values = ['番号', '', '確認項目', 'はい・いいえ', '確認日', '目標日']
  const rows: [string, string, string][] = [
    ['前提', '', '医療情報システムを導入、運用している。'],
    ['1', '体制構築', ''],
    ['', '①', '医療情報システム安全管理責任者を設置している。'],
    ['', '②', '運用管理規程等を整備している。'],
    ['2', '医療情報システムの管理・運用', ''],
    ['', '①', 'サーバ、端末PC、ネットワーク機器の台帳管理を行っている。'],
    ['3', 'インシデント発生に備えた対応', ''],
    ['', '①', '連絡体制図がある。'],
  ]
  rows.forEach((r, i) => {
    ws.getRow(4 + i).values = r
  })
  return bytesOf(wb)
}
