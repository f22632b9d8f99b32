import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import iconv from 'iconv-lite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Storage } from '../../src/storage/database.js'
import { buildTestApp, login, type Session } from '../helpers/app.js'
import { DIALECTS } from '../helpers/databases.js'

const FIXTURE = new Uint8Array(
  readFileSync(join(import.meta.dirname, '..', 'fixtures', 'import', 'hospital-ledger-sjis.csv')),
)

function multipart(fileName: string, bytes: Uint8Array) {
  const boundary = '----mamori-test-boundary'
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  )
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`)
  return { payload: Buffer.concat([head, bytes, tail]), contentType: `multipart/form-data; boundary=${boundary}` }
}

describe.each(DIALECTS)('a hospital ledger through the import API on $name', (dialect) => {
  let storage: Storage
  let app: FastifyInstance
  let engineer: Session

  beforeAll(async () => {
    storage = await dialect.open()
    app = await buildTestApp(storage)
    engineer = await login(app, 'engineer')
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
      headers: { ...engineer.headers, 'content-type': body.contentType },
      payload: body.payload,
    })
  }

  it('imports 機器名 and 型式 into their own fields, names bad rows, and offers them back as a CSV to fix', async () => {
    const res = await upload('台帳.csv', FIXTURE)
    expect(res.statusCode).toBe(200)
    const preview = res.json()
    expect(preview).toMatchObject({ encoding: 'shift_jis', totalRows: 6, toCreate: 4, rejected: 2, fatal: false })
    expect(preview.mapping).toMatchObject({ 機器名: 'name', 型式: 'model', 耐用年数: 'serviceLifeEnd' })
    const errors = preview.problems.filter((p: { severity: string }) => p.severity === 'error')
    expect(errors[0]).toMatchObject({ row: 5, column: 'IPアドレス', value: 'pump-7.local' })
    expect(errors[0].message).toContain('not an IP address')
    expect(errors[0].messageJa).toContain('IPアドレスとして正しくありません')

    // The rejected rows, as written in the file, with the reasons in a last column: fix in Excel, import again.
    const rej = await app.inject({ url: `/api/imports/${preview.importId}/rejected`, headers: engineer.headers })
    expect(rej.statusCode).toBe(200)
    expect(rej.headers['content-type']).toContain('text/csv')
    const lines = rej.rawPayload.subarray(3).toString('utf8').trim().split('\r\n')
    expect(lines[0]).toBe(
      '資産番号,機器名,型式,メーカー,製造番号,設置部署,導入日,耐用年数,IPアドレス,備考,取り込めない理由',
    )
    expect(lines).toHaveLength(3)
    expect(lines[1]).toMatch(/^ME-1004,輸液ポンプ,TE-LM800,.*pump-7\.local.*元の5行目「IPアドレス」/)
    expect(lines[2]).toMatch(/^ME-1005,人工呼吸器,/)

    const commit = await app.inject({
      method: 'POST',
      url: `/api/imports/${preview.importId}/commit`,
      headers: engineer.headers,
    })
    expect(commit.json()).toMatchObject({ created: 4, rejected: 2 })
    const list = (await app.inject({ url: '/api/devices?sort=assetTag', headers: engineer.headers })).json()
    expect(list.items[0]).toMatchObject({
      assetTag: 'ME-1001',
      name: '輸液ポンプ',
      model: 'TE-LM800',
      category: 'infusion_pump',
      manufacturer: 'ミナト医科',
      installedOn: '2019-04-01',
      serviceLifeEnd: '2025-04-01',
    })

    // The fixed file (reasons column and all) imports the two rows; the reason column is ignored without a warning.
    const fixed = rej.rawPayload
      .toString('utf8')
      .replace('pump-7.local', '10.10.3.24')
      .replace('2023/2/30', '2023/2/28')
    const again = (await upload('fixed.csv', new Uint8Array(Buffer.from(fixed)))).json()
    expect(again).toMatchObject({ toCreate: 2, rejected: 0, unknownColumns: [] })
  })

  it("takes a person's column choices in the dry run and in the commit", async () => {
    // A ledger whose 機器名 column actually holds model numbers, and an unknown header holding the generic name.
    const csv = iconv.encode(
      '管理番号,機器名,装置の種類\r\nMP-1,TE-171,輸液ポンプ\r\nMP-2,BSM-1,生体情報モニタ\r\n',
      'cp932',
    )
    const first = (await upload('m.csv', new Uint8Array(csv))).json()
    expect(first.mapping).toMatchObject({ 機器名: 'name', 装置の種類: null })
    const mapping = { 機器名: 'model', 装置の種類: 'name' }
    const remapped = await app.inject({
      method: 'POST',
      url: `/api/imports/${first.importId}/mapping`,
      headers: engineer.headers,
      payload: { mapping },
    })
    expect(remapped.statusCode).toBe(200)
    expect(remapped.json()).toMatchObject({ importId: first.importId, mapping, toCreate: 2, unknownColumns: [] })
    const bad = await app.inject({
      method: 'POST',
      url: `/api/imports/${first.importId}/mapping`,
      headers: engineer.headers,
      payload: { mapping: { 機器名: 'nonsense' } },
    })
    expect(bad.json()).toMatchObject({ fatal: true })
    expect(bad.json().problems[0].messageJa).toContain('台帳の項目ではありません')
    const commit = await app.inject({
      method: 'POST',
      url: `/api/imports/${first.importId}/commit`,
      headers: engineer.headers,
      payload: { mapping },
    })
    expect(commit.json()).toMatchObject({ created: 2 })
    const mp1 = (await app.inject({ url: '/api/devices?q=MP-1', headers: engineer.headers })).json().items[0]
    expect(mp1).toMatchObject({ model: 'TE-171', name: '輸液ポンプ', category: 'infusion_pump' })
  })

  it('offers a template (.xlsx and .csv) with Japanese headers, and a Japanese export writes Japanese words', async () => {
    const csv = await app.inject({ url: '/api/imports/template?format=csv', headers: engineer.headers })
    expect(csv.statusCode).toBe(200)
    const header = csv.rawPayload.subarray(3).toString('utf8').trim().split(',')
    expect(header.slice(0, 3)).toEqual(['資産番号', '施設', '部署'])
    expect(header).toContain('機器名')
    expect(header).not.toContain('機器ID')
    const xlsx = await app.inject({ url: '/api/imports/template?format=xlsx', headers: engineer.headers })
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK')
    // The template, as it is, is a file the import reads (a header and no rows).
    const empty = (await upload('template.xlsx', new Uint8Array(xlsx.rawPayload))).json()
    expect(empty.unknownColumns).toEqual([])

    const exp = await app.inject({ url: '/api/devices/export?format=csv&lang=ja', headers: engineer.headers })
    const text = exp.rawPayload.toString('utf8')
    expect(text).toContain('医療機器')
    expect(text).toContain('使用中')
    expect(text).toContain('輸液ポンプ')
    expect(text).not.toContain('medical_device')
    expect(text).not.toContain('in_use')
    const back = (await upload('export.csv', new Uint8Array(exp.rawPayload))).json()
    expect(back).toMatchObject({ toCreate: 0, toUpdate: 0, rejected: 0 })
    expect(back.unchanged).toBeGreaterThan(0)
  })
})
