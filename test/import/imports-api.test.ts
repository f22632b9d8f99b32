import type { FastifyInstance } from 'fastify'
import iconv from 'iconv-lite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PendingImports } from '../../src/services/import-jobs.js'
import type { Storage } from '../../src/storage/database.js'
import { buildTestApp, login, type Session } from '../helpers/app.js'
import { DIALECTS } from '../helpers/databases.js'

/** A multipart/form-data body with one file field, as a browser sends it. */
function multipart(fileName: string, bytes: Uint8Array, field = 'file') {
  const boundary = '----mamori-test-boundary'
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  )
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`)
  return { payload: Buffer.concat([head, bytes, tail]), contentType: `multipart/form-data; boundary=${boundary}` }
}

const SJIS = new Uint8Array(
  iconv.encode(
    '資産番号,種別,製造販売業者,型式,IPアドレス,導入日\r\nME-1,医療機器,日本光電,BSM-6000,10.0.0.1,令和2年4月1日\r\nME-2,医療機器,テルモ,TE-171,10.0.0.300,2020/4/1\r\n',
    'cp932',
  ),
)

describe.each(DIALECTS)('import API on $name', (dialect) => {
  let storage: Storage
  let app: FastifyInstance
  let engineer: Session
  let viewer: Session

  beforeAll(async () => {
    storage = await dialect.open()
    app = await buildTestApp(storage)
    engineer = await login(app, 'engineer')
    viewer = await login(app, 'viewer')
  })
  afterAll(async () => {
    await app.close()
    await storage.close()
  })

  const upload = (s: Session, name: string, bytes: Uint8Array) => {
    const body = multipart(name, bytes)
    return app.inject({
      method: 'POST',
      url: '/api/imports',
      headers: { ...s.headers, 'content-type': body.contentType },
      payload: body.payload,
    })
  }

  it('previews a Shift_JIS CSV without writing, then commits it once', async () => {
    const res = await upload(engineer, '台帳.csv', SJIS)
    expect(res.statusCode).toBe(200)
    const preview = res.json()
    expect(preview).toMatchObject({
      encoding: 'shift_jis',
      toCreate: 1,
      rejected: 1,
      fatal: false,
      fileName: '台帳.csv',
    })
    expect(preview.problems[0]).toMatchObject({ row: 3, column: 'IPアドレス', value: '10.0.0.300', severity: 'error' })
    const list0 = await app.inject({ url: '/api/devices', headers: engineer.headers })
    expect(list0.json().total).toBe(0)

    const again = await app.inject({ url: `/api/imports/${preview.importId}`, headers: engineer.headers })
    expect(again.json().importId).toBe(preview.importId)

    const commit = await app.inject({
      method: 'POST',
      url: `/api/imports/${preview.importId}/commit`,
      headers: engineer.headers,
    })
    expect(commit.statusCode).toBe(200)
    expect(commit.json()).toMatchObject({ created: 1, rejected: 1 })
    const list = await app.inject({ url: '/api/devices', headers: engineer.headers })
    expect(list.json().items[0]).toMatchObject({ assetTag: 'ME-1', installedOn: '2020-04-01', createdBy: 'engineer' })

    const twice = await app.inject({
      method: 'POST',
      url: `/api/imports/${preview.importId}/commit`,
      headers: engineer.headers,
    })
    expect(twice.statusCode).toBe(404)
    expect(twice.json().error.code).toBe('IMPORT_NOT_FOUND')
  })

  it('refuses uploads over the size limit with 413 UPLOAD_TOO_LARGE', async () => {
    const res = await upload(engineer, 'big.csv', new Uint8Array(1024 * 1024 + 10).fill(0x41))
    expect(res.statusCode).toBe(413)
    expect(res.json().error.code).toBe('UPLOAD_TOO_LARGE')
  })

  it('reports a damaged file as a fatal preview, with a message and no stack', async () => {
    const res = await upload(engineer, 'x.xlsx', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]))
    expect(res.statusCode).toBe(200)
    expect(res.json().fatal).toBe(true)
    expect(res.json().problems[0].message).toContain('damaged or incomplete')
    expect(res.body).not.toMatch(/at .*\.js:\d+/)
  })

  it('asks for a file when none is attached', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/imports', headers: engineer.headers, payload: {} })
    expect(res.statusCode).toBe(400)
    expect(res.json().error.code).toBe('IMPORT_NO_FILE')
  })

  it('does not let a viewer import', async () => {
    const res = await upload(viewer, 'a.csv', SJIS)
    expect(res.statusCode).toBe(403)
  })

  it('exports the ledger as CSV and XLSX with the list filters', async () => {
    const csv = await app.inject({
      url: '/api/devices/export?format=csv&lang=en&kind=medical_device',
      headers: viewer.headers,
    })
    expect(csv.statusCode).toBe(200)
    expect(csv.headers['content-type']).toContain('text/csv')
    expect(csv.headers['content-disposition']).toMatch(/attachment; filename="mamori-devices-.*\.csv"/)
    expect(csv.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]))
    expect(csv.rawPayload.toString('utf8')).toContain('Asset Tag')
    const xlsx = await app.inject({ url: '/api/devices/export?format=xlsx', headers: viewer.headers })
    expect(xlsx.statusCode).toBe(200)
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK')
    const bad = await app.inject({ url: '/api/devices/export?format=pdf', headers: viewer.headers })
    expect(bad.statusCode).toBe(400)
  })
})

describe('PendingImports', () => {
  const plan = (id: string, totalRows = 10) => ({ preview: { importId: id, totalRows } })
  it('expires previews after their time and keeps at most N', () => {
    let now = 0
    const p = new PendingImports<ReturnType<typeof plan>>(1000, 2, () => now)
    p.add(plan('a'), 'u')
    p.add(plan('b'), 'u')
    p.add(plan('c'), 'u')
    expect(p.peek('a')).toBeUndefined()
    expect(p.peek('b')).toBeDefined()
    now = 1500
    expect(p.peek('c')).toBeUndefined()
  })
  it('drops the oldest previews to stay under the row budget', () => {
    const p = new PendingImports<ReturnType<typeof plan>>(1000, 10, () => 0, 100)
    p.add(plan('a', 60), 'u')
    p.add(plan('b', 30), 'u')
    p.add(plan('c', 50), 'u')
    expect([p.peek('a'), p.peek('b'), p.peek('c')].map(Boolean)).toEqual([false, true, true])
  })
})
