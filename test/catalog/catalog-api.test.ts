import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Storage } from '../../src/storage/database.js'
import { DeviceRepository } from '../../src/storage/device-repository.js'
import { buildDevice } from '../factories.js'
import { buildTestApp, login, type Session } from '../helpers/app.js'
import { DIALECTS, type TestDialect } from '../helpers/databases.js'

describe.each(DIALECTS)('catalog API on $name', (dialect: TestDialect) => {
  let storage: Storage
  let app: FastifyInstance
  let admin: Session
  let engineer: Session
  let viewer: Session
  let deviceId: string

  beforeAll(async () => {
    storage = await dialect.open()
    app = await buildTestApp(storage)
    admin = await login(app, 'admin')
    engineer = await login(app, 'engineer')
    viewer = await login(app, 'viewer')
    const [d] = await new DeviceRepository(storage.db).createMany(
      [
        buildDevice({
          assetTag: 'API-1',
          manufacturer: 'フクダ電子株式会社',
          model: 'DS-8500',
          softwareVersion: '2.1',
        }),
      ],
      { id: null, name: 'seed' },
    )
    deviceId = d!.id
  })
  afterAll(async () => {
    await app.close()
    await storage.close()
  })

  const call = (
    s: Session | null,
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    url: string,
    payload?: object,
  ) => app.inject({ method, url, headers: s ? s.headers : {}, ...(payload ? { payload } : {}) })

  it('needs a sign-in and a CSRF token', async () => {
    expect((await call(null, 'GET', '/api/models')).statusCode).toBe(401)
    const noCsrf = await app.inject({
      method: 'POST',
      url: '/api/models',
      headers: { cookie: engineer.cookie },
      payload: { manufacturer: 'フクダ電子', name: 'DS-8500' },
    })
    expect(noCsrf.statusCode).toBe(403)
    expect(noCsrf.json().error.code).toBe('CSRF_INVALID')
  })

  it('lets viewers read, engineers write models and links, and only admins edit aliases', async () => {
    expect((await call(viewer, 'GET', '/api/models')).statusCode).toBe(200)
    expect(
      (await call(viewer, 'POST', '/api/models', { manufacturer: 'フクダ電子', name: 'DS-8500' })).statusCode,
    ).toBe(403)
    const created = await call(engineer, 'POST', '/api/models', { manufacturer: 'フクダ電子', name: 'DS-8500' })
    expect(created.statusCode).toBe(201)
    expect(created.json()).toMatchObject({ vendor: 'Fukuda Denshi', name: 'DS-8500', versionFrom: null })
    const again = await call(engineer, 'POST', '/api/models', {
      manufacturer: 'Fukuda Denshi Co., Ltd.',
      name: 'DS 8500',
    })
    expect(again.statusCode).toBe(409)
    expect(again.json().error).toMatchObject({ code: 'MODEL_EXISTS' })
    expect(again.json().error.messageJa).toContain('すでに')

    const aliases = await call(viewer, 'GET', '/api/manufacturer-aliases')
    expect(aliases.statusCode).toBe(200)
    expect(aliases.json().length).toBeGreaterThan(100)
    expect(
      (await call(engineer, 'POST', '/api/manufacturer-aliases', { alias: 'ACME', vendor: 'Acme' })).statusCode,
    ).toBe(403)
    const added = await call(admin, 'POST', '/api/manufacturer-aliases', { alias: 'アクメ医科', vendor: 'Acme' })
    expect(added.statusCode).toBe(201)
    const changed = await call(admin, 'PATCH', `/api/manufacturer-aliases/${added.json().id}`, {
      vendor: 'Acme Medical',
    })
    expect(changed.json()).toMatchObject({ alias: 'アクメ医科', vendor: 'Acme Medical', builtin: false })
    expect((await call(admin, 'DELETE', `/api/manufacturer-aliases/${added.json().id}`)).statusCode).toBe(204)
  })

  it('suggests, confirms and unlinks a device, and counts per model', async () => {
    const counts = await call(engineer, 'POST', '/api/models/suggest-links')
    expect(counts.json()).toMatchObject({ suggested: 1 })
    const [model] = (await call(viewer, 'GET', '/api/models')).json()
    expect(model).toMatchObject({ suggested: 1, confirmed: 0, disclosures: 0 })
    const detail = (await call(viewer, 'GET', `/api/models/${model.id}`)).json()
    expect(detail.devices[0]).toMatchObject({ assetTag: 'API-1', state: 'suggested' })
    expect(detail.devices[0].reasonJa).toContain('フクダ電子株式会社')

    expect((await call(viewer, 'PUT', `/api/devices/${deviceId}/model`, {})).statusCode).toBe(403)
    const confirmed = await call(engineer, 'PUT', `/api/devices/${deviceId}/model`, {})
    expect(confirmed.json()).toMatchObject({ state: 'confirmed', modelId: model.id, decidedBy: 'engineer' })
    expect((await call(viewer, 'GET', `/api/devices/${deviceId}/model`)).json().model.id).toBe(model.id)

    const refused = await call(engineer, 'DELETE', `/api/models/${model.id}`)
    expect(refused.statusCode).toBe(409)
    expect(refused.json().error.params).toMatchObject({ devices: 1 })
    expect((await call(engineer, 'DELETE', `/api/models/${model.id}?force=true`)).statusCode).toBe(403)

    expect((await call(engineer, 'DELETE', `/api/devices/${deviceId}/model`)).statusCode).toBe(204)
    expect((await call(viewer, 'GET', `/api/devices/${deviceId}/model`)).json()).toEqual({ link: null, model: null })
    const unlinked = await call(engineer, 'DELETE', `/api/devices/${deviceId}/model`)
    expect(unlinked.json().error.code).toBe('DEVICE_NOT_LINKED')
  })

  it('answers 404 for unknown ids and 400 with the field for bad bodies', async () => {
    const missing = await call(viewer, 'GET', '/api/models/no-such-model')
    expect(missing.statusCode).toBe(404)
    expect(missing.json().error.messageJa).toContain('機種')
    expect((await call(engineer, 'PUT', '/api/devices/no-such-device/model', { modelId: 'x' })).statusCode).toBe(404)
    const bad = await call(engineer, 'POST', '/api/models', { manufacturer: '', name: 'X' })
    expect(bad.statusCode).toBe(400)
    expect(JSON.stringify(bad.json().error)).toContain('manufacturer')
    const range = await call(engineer, 'POST', '/api/models', {
      manufacturer: 'テルモ',
      name: 'TE-171',
      versionFrom: '3',
      versionTo: '1',
    })
    expect(range.json().error).toMatchObject({ code: 'MODEL_INVALID' })
    expect(range.json().error.messageJa).toContain('バージョン開始')
    const empty = await call(admin, 'POST', '/api/manufacturer-aliases', { alias: '(株)', vendor: 'X' })
    expect(empty.json().error.code).toBe('ALIAS_EMPTY')
  })

  it('lists ledger candidates and accepts them', async () => {
    await new DeviceRepository(storage.db).createMany([buildDevice({ manufacturer: 'ニプロ', model: 'FP-N' })], {
      id: null,
      name: 'seed',
    })
    const cands = (await call(viewer, 'GET', '/api/models/candidates')).json()
    expect(cands).toContainEqual(expect.objectContaining({ vendor: 'Nipro', name: 'FP-N', devices: 1 }))
    const res = await call(engineer, 'POST', '/api/models/candidates', {
      items: [{ manufacturer: 'Nipro', name: 'FP-N' }],
    })
    expect(res.statusCode).toBe(201)
    expect(res.json().created).toHaveLength(1)
    expect(res.json().suggestions.suggested).toBeGreaterThanOrEqual(1)
  })

  it('is in the OpenAPI document', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/docs/json' })).json()
    for (const path of [
      '/api/models',
      '/api/models/{id}',
      '/api/models/{id}/merge',
      '/api/devices/{id}/model',
      '/api/manufacturer-aliases/{id}',
    ])
      expect(Object.keys(doc.paths), path).toContain(path)
  })
})
