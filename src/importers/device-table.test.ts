import ExcelJS from 'exceljs'
import iconv from 'iconv-lite'
import { describe, expect, it } from 'vitest'
import { cellText, decodeText, parseDeviceTable, zipUncompressedSize } from './device-table.js'

const CSV = '資産番号,製造販売業者,型式\r\nME-1,日本光電,BSM-6000\r\n'
const utf8 = (s: string) => new TextEncoder().encode(s)

async function xlsx(rows: unknown[][], sheets = 1): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook()
  for (let s = 0; s < sheets; s++) {
    const ws = wb.addWorksheet(`Sheet${s + 1}`)
    for (const r of rows) ws.addRow(r)
  }
  return new Uint8Array(await wb.xlsx.writeBuffer())
}

describe('decodeText', () => {
  it.each([
    ['UTF-8 without BOM', utf8(CSV), 'utf-8'],
    ['UTF-8 with BOM', new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(CSV)]), 'utf-8-bom'],
    ['Shift_JIS (CP932) as Japanese Excel saves it', new Uint8Array(iconv.encode(CSV, 'cp932')), 'shift_jis'],
    ['UTF-16LE with BOM', new Uint8Array(iconv.encode(`\ufeff${CSV}`, 'utf-16le')), 'utf-16le'],
    ['UTF-16BE with BOM', new Uint8Array(iconv.encode(`\ufeff${CSV}`, 'utf-16be')), 'utf-16be'],
    ['EUC-JP', new Uint8Array(iconv.encode(CSV, 'euc-jp')), 'euc-jp'],
    ['UTF-16LE without BOM', new Uint8Array(iconv.encode(CSV, 'utf-16le')), 'utf-16le'],
    ['UTF-16BE without BOM', new Uint8Array(iconv.encode(CSV, 'utf-16be')), 'utf-16be'],
  ])('detects %s', (_name, bytes, encoding) => {
    const r = decodeText(bytes)
    expect(r).toEqual({ text: CSV, encoding })
  })

  it('decodes CP932-only characters (NEC special characters such as ①)', () => {
    const r = decodeText(new Uint8Array(iconv.encode('備考\r\n①台目\r\n', 'cp932')))
    expect(r).toMatchObject({ text: '備考\r\n①台目\r\n', encoding: 'shift_jis' })
  })

  it('rejects a UTF-8 BOM followed by invalid UTF-8', () => {
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, 0xff, 0xfe, 0x41]))).toHaveProperty('error')
  })
})

describe('parseDeviceTable: CSV', () => {
  it('reads a Shift_JIS CSV with row numbers as Excel shows them', async () => {
    const r = await parseDeviceTable(new Uint8Array(iconv.encode(`${CSV}\r\nME-2,テルモ,TE-171\r\n`, 'cp932')))
    expect(r.table).toMatchObject({
      format: 'csv',
      encoding: 'shift_jis',
      rows: [
        { row: 1, cells: ['資産番号', '製造販売業者', '型式'] },
        { row: 2, cells: ['ME-1', '日本光電', 'BSM-6000'] },
        { row: 4, cells: ['ME-2', 'テルモ', 'TE-171'] },
      ],
    })
  })

  it('reads Excel "Unicode text" (UTF-16LE, tab-separated)', async () => {
    const r = await parseDeviceTable(new Uint8Array(iconv.encode('\ufeff資産番号\t型式\r\nA-1\tX\r\n', 'utf-16le')))
    expect(r.table?.rows[1]?.cells).toEqual(['A-1', 'X'])
  })

  it.each([
    ['an empty file', new Uint8Array(0), 'empty'],
    ['binary data', new Uint8Array([0x41, 0x00, 0x42, 0x01, 0x02, 0x03]), 'binary data'],
    ['random high bytes', new Uint8Array([0xff, 0xfe, 0xfd, 0x80, 0x81]), 'UTF-16'],
    ['an old .xls file', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), '.xls'],
    ['a truncated quoted cell', utf8('資産番号,備考\nA,"never closed\n'), 'never closed'],
  ])('rejects %s with a clear message', async (_name, bytes, words) => {
    const r = await parseDeviceTable(bytes)
    expect(r.table).toBeNull()
    expect(r.problems[0]?.severity).toBe('error')
    expect(r.problems[0]?.message).toContain(words)
  })

  it('points at the line of binary garbage', async () => {
    const r = await parseDeviceTable(utf8('資産番号\nA-1\nA-2\u0000\u0001'))
    expect(r.problems[0]).toMatchObject({ row: 3 })
  })

  it('rejects a file named .xlsx that is not a workbook', async () => {
    const r = await parseDeviceTable(utf8('a,b'), 'ledger.xlsx')
    expect(r.problems[0]?.message).toContain('not an Excel workbook')
  })
})

describe('parseDeviceTable: XLSX', () => {
  it('reads cells of every type', async () => {
    const bytes = await xlsx([
      ['資産番号', '導入日', 'VLAN', '生命維持', '備考'],
      ['ME-1', new Date(Date.UTC(2019, 3, 1)), 120, true, { richText: [{ text: 'ab' }, { text: 'c' }] }],
      [],
      ['ME-2', null, { formula: '100+20', result: 120 }, false, { text: 'link', hyperlink: 'https://example.invalid' }],
    ])
    const r = await parseDeviceTable(bytes, 'x.xlsx')
    expect(r.table).toMatchObject({
      format: 'xlsx',
      sheet: 'Sheet1',
      rows: [
        { row: 1 },
        { row: 2, cells: ['ME-1', '2019-04-01', '120', 'TRUE', 'abc'] },
        { row: 4, cells: ['ME-2', '', '120', 'FALSE', 'link'] },
      ],
    })
  })

  it('warns that only the first of several sheets is read', async () => {
    const r = await parseDeviceTable(await xlsx([['資産番号'], ['A']], 2))
    expect(r.problems[0]).toMatchObject({ severity: 'warning' })
    expect(r.problems[0]?.message).toContain('Sheet1')
  })

  it('rejects a truncated workbook', async () => {
    const full = await xlsx([['資産番号'], ['A']])
    const r = await parseDeviceTable(full.subarray(0, Math.floor(full.length / 2)), 'x.xlsx')
    expect(r.table).toBeNull()
    expect(r.problems[0]?.message).toContain('damaged or incomplete')
  })

  it('turns error cells into a warning and an empty cell', () => {
    expect(cellText({ error: '#N/A' })).toEqual({ error: '#N/A' })
    expect(cellText(0.1 + 0.2)).toEqual({ text: '0.3' })
  })
})

describe('zipUncompressedSize', () => {
  it('reads the declared sizes of a real workbook', async () => {
    const bytes = await xlsx([['資産番号'], ['A']])
    const size = zipUncompressedSize(bytes)
    expect(size).toBeGreaterThan(bytes.length)
    expect(size).toBeLessThan(100_000)
  })

  it('refuses a workbook whose parts declare gigabytes', async () => {
    const bytes = new Uint8Array(await xlsx([['資産番号'], ['A']]))
    const dv = new DataView(bytes.buffer)
    // Patch every central-directory entry's uncompressed size (APPNOTE §4.3.12, offset 24) to 1 GB.
    for (let i = 0; i + 4 <= bytes.length; i++)
      if (dv.getUint32(i, true) === 0x02014b50) dv.setUint32(i + 24, 1 << 30, true)
    const r = await parseDeviceTable(bytes, 'bomb.xlsx')
    expect(r.table).toBeNull()
    expect(r.problems[0]?.message).toContain('expands to more than the 512 MB limit')
  })

  it('returns null when the directory is cut off', async () => {
    const bytes = await xlsx([['資産番号'], ['A']])
    expect(zipUncompressedSize(bytes.subarray(0, bytes.length - 30))).toBeNull()
  })
})
