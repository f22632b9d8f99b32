import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseCsvRecords } from '../../src/importers/csv-records.js'
import type { Storage } from '../../src/storage/database.js'
import { buildDevice } from '../factories.js'
import { buildTestApp, login } from '../helpers/app.js'
import { DIALECTS } from '../helpers/databases.js'

/** Values an attacker would type (ASCII, full-width, behind leading white space) and the exact CSV cell expected. */
const ATTACKS: [value: string, cell: string][] = [
  ["=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"],
  ["＝cmd|' /C calc'!A0", "'＝cmd|' /C calc'!A0"],
  ['+HYPERLINK("http://x")', `"'+HYPERLINK(""http://x"")"`],
  ['-2+3+cmd|x', "'-2+3+cmd|x"],
  ['@SUM(1+1)', "'@SUM(1+1)"],
  ['＋1＋1', "'＋1＋1"],
  ['－1', "'－1"],
  ['＠SUM(A1)', "'＠SUM(A1)"],
  ['\t=1+1', "'\t=1+1"],
  ['\r=1+1', `"'\r=1+1"`],
  [' =1+1', "' =1+1"],
  ['\u3000＝1+1', "'\u3000＝1+1"],
]

function decode(body: Buffer): string {
  expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
  return body.subarray(3).toString('utf8')
}

describe.each(DIALECTS)('CSV exports guard formulas on $name', (dialect) => {
  let storage: Storage
  let app: FastifyInstance
  beforeAll(async () => {
    storage = await dialect.open()
    app = await buildTestApp(storage)
  })
  afterAll(async () => {
    await app.close()
    await storage.close()
  })

  it('audit CSV: a failed login with a formula as user name is written as text', async () => {
    for (const [i, [value]] of ATTACKS.entries()) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress: `10.9.0.${i + 1}`,
        payload: { username: value, password: 'whatever-1' },
      })
      expect(res.statusCode).toBe(401)
    }
    const admin = await login(app, 'admin')
    const res = await app.inject({ url: '/api/audit/export', headers: admin.headers })
    expect(res.statusCode).toBe(200)
    const text = decode(res.rawPayload)
    const parsed = parseCsvRecords(text)
    if (!('records' in parsed)) throw new Error(parsed.error)
    const actorCol = parsed.records[0]!.indexOf('actor')
    const actors = parsed.records.map((r) => r[actorCol])
    for (const [value, cell] of ATTACKS) {
      // the exact bytes of the cell between its separators, and the parsed value with the apostrophe
      expect(text).toContain(`,${cell},auth.login.failed,`)
      expect(actors).toContain(`'${value}`)
    }
    expect(actors).not.toContain(ATTACKS[0]![0])
  })

  it('device CSV: formula values in text fields are written as text; the export re-imports them unchanged', async () => {
    const eng = await login(app, 'engineer')
    // The API trims text fields, so leading white space does not reach the ledger; compare with what was stored.
    const stored: string[] = []
    for (const [i, [value]] of ATTACKS.entries()) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/devices',
        headers: eng.headers,
        payload: buildDevice({ assetTag: `INJ-${i}`, model: value, department: value.trim() || 'x' }),
      })
      expect(res.statusCode, res.body).toBe(201)
      stored.push(res.json().model)
    }
    const res = await app.inject({ url: '/api/devices/export?format=csv&lang=en&q=INJ-', headers: eng.headers })
    expect(res.statusCode).toBe(200)
    const text = decode(res.rawPayload)
    const parsed = parseCsvRecords(text)
    if (!('records' in parsed)) throw new Error(parsed.error)
    const [header, ...rows] = parsed.records
    const tagCol = header!.indexOf('Asset Tag')
    const modelCol = header!.indexOf('Model')
    expect(tagCol).toBeGreaterThanOrEqual(0)
    expect(modelCol).toBeGreaterThanOrEqual(0)
    for (const [i, [value, cell]] of ATTACKS.entries()) {
      const row = rows.find((r) => r[tagCol] === `INJ-${i}`)!
      expect(row[modelCol]).toBe(`'${stored[i]}`)
      expect(text).toContain(stored[i] === value ? `,${cell},` : `,'${stored[i]},`)
    }
    // Round trip: the importer strips exactly the guard it added.
    const imp = await app.inject({
      method: 'POST',
      url: '/api/imports',
      headers: { ...eng.headers, 'content-type': 'multipart/form-data; boundary=X' },
      payload: Buffer.concat([
        Buffer.from(
          '--X\r\nContent-Disposition: form-data; name="file"; filename="l.csv"\r\nContent-Type: text/csv\r\n\r\n',
        ),
        res.rawPayload,
        Buffer.from('\r\n--X--\r\n'),
      ]),
    })
    expect(imp.statusCode, imp.body).toBe(200)
    expect(imp.json()).toMatchObject({ rejected: 0, toCreate: 0, toUpdate: 0, unchanged: ATTACKS.length })
  })

  it('a negative number is guarded too (OWASP): "-5" is written as \'-5', async () => {
    const eng = await login(app, 'engineer')
    await app.inject({
      method: 'POST',
      url: '/api/devices',
      headers: eng.headers,
      payload: buildDevice({ assetTag: 'NEG-1', softwareVersion: '-5' }),
    })
    const res = await app.inject({ url: '/api/devices/export?format=csv&lang=en&q=NEG-1', headers: eng.headers })
    expect(decode(res.rawPayload)).toContain(",'-5,")
  })

  it('XLSX: attacker values are stored as text cells, never as formulas', async () => {
    const eng = await login(app, 'engineer')
    const res = await app.inject({ url: '/api/devices/export?format=xlsx&lang=en&q=INJ-', headers: eng.headers })
    expect(res.statusCode).toBe(200)
    const ExcelJS = (await import('exceljs')).default
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(new Uint8Array(res.rawPayload).buffer)
    const ws = wb.worksheets[0]!
    const header = (ws.getRow(1).values as unknown[]).map(String)
    const modelCol = header.indexOf('Model')
    const models: unknown[] = []
    ws.eachRow((row, n) => {
      if (n > 1) {
        const cell = row.getCell(modelCol)
        expect(cell.type).toBe(ExcelJS.ValueType.String)
        expect(cell.formula).toBeUndefined()
        models.push(cell.value)
      }
    })
    expect(models).toContain(ATTACKS[0]![0])
  })
})
