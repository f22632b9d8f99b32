import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseDeviceTable } from '../../src/importers/device-table.js'
import { checkZip } from '../../src/importers/zip-check.js'
import type { Storage } from '../../src/storage/database.js'
import { buildTestApp, login, type Session } from '../helpers/app.js'
import { mamori } from '../helpers/cli.js'
import { DIALECTS } from '../helpers/databases.js'
import { buildZip, deflatedZeros } from '../helpers/zip.js'

const SHEET = Buffer.from('<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>')
const TYPES = Buffer.from('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
const MB = 1024 * 1024

/** Declares 1 KB in both headers, inflates to 200 MB of zeros. */
async function lyingBomb(): Promise<Buffer> {
  const zeros = await deflatedZeros(200 * MB)
  return buildZip([
    { name: '[Content_Types].xml', data: TYPES },
    { name: 'xl/worksheets/sheet1.xml', data: zeros, raw: true, size: 1024, crc: 0x12345678 },
  ])
}

const HOSTILE: [what: string, bytes: () => Buffer, code: string][] = [
  [
    'a local name other than the directory name',
    () => buildZip([{ name: 'xl/worksheets/sheet1.xml', data: SHEET, local: { name: 'xl/worksheets/sheet2.xml' } }]),
    'XLSX_ZIP_MISMATCH',
  ],
  [
    'a local size other than the directory size',
    () => buildZip([{ name: 'xl/worksheets/sheet1.xml', data: SHEET, local: { size: 5 } }]),
    'XLSX_ZIP_MISMATCH',
  ],
  [
    'a local compression method other than the directory one',
    () => buildZip([{ name: 'xl/worksheets/sheet1.xml', data: SHEET, local: { method: 0 } }]),
    'XLSX_ZIP_MISMATCH',
  ],
  [
    'a directory offset that points at another part',
    () =>
      buildZip([
        { name: '[Content_Types].xml', data: TYPES },
        { name: 'xl/worksheets/sheet1.xml', data: SHEET, central: { offsetOf: '[Content_Types].xml' } },
      ]),
    'XLSX_ZIP_MISMATCH',
  ],
  [
    'two directory entries sharing the same bytes (overlapping zip bomb)',
    () =>
      buildZip([
        { name: 'a.xml', data: SHEET },
        { name: 'a.xml', data: SHEET, central: { offsetOf: 'a.xml' } },
      ]),
    'XLSX_ZIP_MISMATCH',
  ],
  [
    'a part that inflates to more than it declares',
    () => buildZip([{ name: 'xl/worksheets/sheet1.xml', data: SHEET, size: 10 }]),
    'XLSX_ZIP_MISMATCH',
  ],
]

async function realWorkbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('台帳')
  ws.addRow(['資産番号', '製造販売業者', '型式', 'IPアドレス'])
  ws.addRow(['ZIP-1', '日本光電', 'BSM-6000', '10.0.0.1'])
  return Buffer.from(await wb.xlsx.writeBuffer())
}

describe('xlsx ZIP checks (importer unit)', () => {
  it('a lying directory (1 KB declared, 200 MB of zeros) is refused after inflating at most one chunk past 1 KB', async () => {
    const bomb = await lyingBomb()
    expect(bomb.length).toBeLessThan(1 * MB)
    const r = await checkZip(bomb, 512 * MB)
    expect(r).toMatchObject({ ok: false, code: 'XLSX_ZIP_MISMATCH', entry: 'xl/worksheets/sheet1.xml' })
    const t = await parseDeviceTable(bomb, 'bomb.xlsx')
    expect(t.table).toBeNull()
    expect(t.problems[0]).toMatchObject({ severity: 'error', value: 'xl/worksheets/sheet1.xml' })
    expect(t.problems[0]!.message).toContain('disagree (size)')
    expect(t.problems[0]!.messageJa).toContain('一致しません')
  })

  it.each(HOSTILE)('refuses %s', async (_what, bytes, code) => {
    const r = await checkZip(bytes(), 512 * MB)
    expect(r).toMatchObject({ ok: false, code })
    const t = await parseDeviceTable(bytes(), 'x.xlsx')
    expect(t.table).toBeNull()
  })

  it('counts what it inflates against the cap, whatever is declared', async () => {
    const honest = buildZip([{ name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(64 * 1024) }])
    expect(await checkZip(honest, 1024 * 1024)).toMatchObject({ ok: true, inflated: 64 * 1024 })
    expect(await checkZip(honest, 1000)).toMatchObject({ ok: false, code: 'XLSX_TOO_LARGE' })
  })

  it('accepts a real workbook (exceljs, and the streaming writer with data descriptors)', async () => {
    const r = await checkZip(await realWorkbook(), 512 * MB)
    expect(r).toMatchObject({ ok: true })
    const t = await parseDeviceTable(await realWorkbook(), 'ok.xlsx')
    expect(t.table?.rows.map((x) => x.cells[0])).toEqual(['資産番号', 'ZIP-1'])
  })
})

function multipart(fileName: string, bytes: Uint8Array) {
  const boundary = '----mamori-zip-boundary'
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  )
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`)
  return { payload: Buffer.concat([head, bytes, tail]), contentType: `multipart/form-data; boundary=${boundary}` }
}

describe.each(DIALECTS)('xlsx ZIP checks through the import API on $name', (dialect) => {
  let storage: Storage
  let app: FastifyInstance
  let eng: Session
  beforeAll(async () => {
    storage = await dialect.open()
    app = await buildTestApp(storage)
    eng = await login(app, 'engineer')
  })
  afterAll(async () => {
    await app.close()
    await storage.close()
  })

  const upload = (name: string, bytes: Uint8Array) => {
    const body = multipart(name, bytes)
    return app.inject({
      method: 'POST',
      url: '/api/imports',
      headers: { ...eng.headers, 'content-type': body.contentType },
      payload: body.payload,
    })
  }
  const devices = async () => (await app.inject({ url: '/api/devices', headers: eng.headers })).json().total

  it('answers 400 with a code and a bilingual reason for a lying directory; nothing is written', async () => {
    const res = await upload('bomb.xlsx', await lyingBomb())
    expect(res.statusCode).toBe(400)
    const err = res.json().error
    expect(err.code).toBe('XLSX_ZIP_MISMATCH')
    expect(`${err.message} ${err.messageJa ?? ''}`).toContain('xl/worksheets/sheet1.xml')
    expect(`${err.message} ${err.messageJa ?? ''}`).toMatch(/一致しません/)
    expect(await devices()).toBe(0)
  })

  it.each(HOSTILE)('answers 400 for %s', async (_what, bytes, code) => {
    const res = await upload('x.xlsx', bytes())
    expect(res.statusCode).toBe(400)
    expect(res.json().error.code).toBe(code)
  })

  it('a normal workbook still imports', async () => {
    const res = await upload('ok.xlsx', await realWorkbook())
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json()).toMatchObject({ fatal: false, toCreate: 1, rejected: 0 })
    const commit = await app.inject({
      method: 'POST',
      url: `/api/imports/${res.json().importId}/commit`,
      headers: eng.headers,
      payload: {},
    })
    expect(commit.statusCode, commit.body).toBe(200)
    expect(await devices()).toBe(1)
  })
})

describe('xlsx ZIP checks through the CLI', () => {
  it('exits 3 with the reason and writes nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mamori-zip-'))
    const init = await mamori(dir, ['init', '--json'], { MAMORI_ADMIN_PASSWORD: 'Zip-Test-Password-1' })
    expect(init.code).toBe(0)
    const file = join(dir, 'bomb.xlsx')
    writeFileSync(file, await lyingBomb())
    const r = await mamori(dir, ['devices', 'import', file, '--yes', '--json'])
    expect(r.code).toBe(3)
    expect(JSON.parse(r.stdout).error.code).toBe('XLSX_ZIP_MISMATCH')
    const list = await mamori(dir, ['devices', 'list', '--json'])
    expect(JSON.parse(list.stdout).total).toBe(0)
  }, 120_000)
})
