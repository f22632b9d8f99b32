import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Storage } from '../../src/storage/database.js'
import { buildTestApp, login, type Session } from '../helpers/app.js'
import { DIALECTS } from '../helpers/databases.js'

const BOUNDARY = '----mamori-cut'
const FULL = Buffer.concat([
  Buffer.from(
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="ledger.csv"\r\nContent-Type: text/csv\r\n\r\n`,
  ),
  Buffer.from('資産番号,型式\r\nCUT-1,TE-171\r\nCUT-2,TE-172\r\n'),
  Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
])

describe.each(DIALECTS)('a multipart upload cut short on $name', (dialect) => {
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
  const send = (payload: Buffer) =>
    app.inject({
      method: 'POST',
      url: '/api/imports',
      headers: { ...eng.headers, 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
      payload,
    })

  it('the whole body previews normally', async () => {
    const res = await send(FULL)
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json()).toMatchObject({ fatal: false, toCreate: 2 })
  })

  it.each([
    ['in the middle of the file', FULL.length - 30],
    ['before the closing boundary', FULL.length - 12],
    ['inside the part headers', 40],
  ])('cut %s: 400 UPLOAD_INCOMPLETE with the reason in both languages, nothing kept', async (_where, at) => {
    const res = await send(FULL.subarray(0, at))
    expect(res.statusCode, res.body).toBe(400)
    const err = res.json().error
    expect(err.code).toBe('UPLOAD_INCOMPLETE')
    expect(err.message).toContain('multipart')
    expect(`${err.message} ${err.messageJa ?? ''}`).toContain('途中で切れて')
    const devices = await app.inject({ url: '/api/devices', headers: eng.headers })
    expect(devices.json().total).toBe(0)
  })
})
