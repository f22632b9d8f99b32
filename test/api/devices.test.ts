import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SYSTEM_ACTOR } from '../../src/storage/audit-repository.js'
import type { Storage } from '../../src/storage/database.js'
import { DeviceRepository } from '../../src/storage/device-repository.js'
import { buildDevice } from '../factories.js'
import { buildTestApp, login, type Session } from '../helpers/app.js'
import { DIALECTS } from '../helpers/databases.js'

describe.each(DIALECTS)('device API on $name', (dialect) => {
  let storage: Storage
  let app: FastifyInstance
  let engineer: Session
  let viewer: Session
  let admin: Session

  beforeAll(async () => {
    storage = await dialect.open()
    app = await buildTestApp(storage)
    engineer = await login(app, 'engineer')
    viewer = await login(app, 'viewer')
    admin = await login(app, 'admin')
  })
  afterAll(async () => {
    await app.close()
    await storage.close()
  })

  it('answers /api/health without authentication', async () => {
    const res = await app.inject('/api/health')
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ status: 'ok', database: dialect.name })
  })

  it('refuses the ledger without a session and says why', async () => {
    const res = await app.inject('/api/devices')
    expect(res.statusCode).toBe(401)
    expect(res.json().error.code).toBe('AUTH_REQUIRED')
  })

  it('creates, reads, filters and searches devices', async () => {
    const a = await app.inject({
      method: 'POST',
      url: '/api/devices',
      headers: engineer.headers,
      payload: buildDevice({
        assetTag: 'ME-ICU-0001',
        department: 'ICU',
        os: 'Windows XP Embedded',
        manufacturer: '東邦メディカル',
      }),
    })
    expect(a.statusCode).toBe(201)
    const created = a.json()
    expect(created).toMatchObject({ assetTag: 'ME-ICU-0001', version: 1, createdBy: 'engineer' })
    await app.inject({
      method: 'POST',
      url: '/api/devices',
      headers: engineer.headers,
      payload: buildDevice({ assetTag: 'IT-RAD-0002', department: '放射線部', kind: 'pc', category: 'workstation' }),
    })

    const one = await app.inject({ url: `/api/devices/${created.id}`, headers: viewer.headers })
    expect(one.json().manufacturer).toBe('東邦メディカル')

    const pcs = await app.inject({ url: '/api/devices?kind=pc', headers: viewer.headers })
    expect(pcs.json().items.map((d: { assetTag: string }) => d.assetTag)).toEqual(['IT-RAD-0002'])

    const search = await app.inject({ url: `/api/devices?q=${encodeURIComponent('東邦 xp')}`, headers: viewer.headers })
    expect(search.json()).toMatchObject({ total: 1, items: [{ assetTag: 'ME-ICU-0001' }] })

    const none = await app.inject({ url: '/api/devices?q=%25', headers: viewer.headers })
    expect(none.json().total).toBe(0)

    const paged = await app.inject({
      url: '/api/devices?limit=1&offset=1&sort=assetTag&order=asc',
      headers: viewer.headers,
    })
    expect(paged.json()).toMatchObject({ total: 2, limit: 1, offset: 1, items: [{ assetTag: 'ME-ICU-0001' }] })
  })

  it('rejects invalid fields with the field and the reason', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/devices',
      headers: engineer.headers,
      payload: { ...buildDevice(), serviceLifeEnd: '2023-02-30', patientProximity: 7 },
    })
    expect(res.statusCode).toBe(400)
    const err = res.json().error
    expect(err.code).toBe('VALIDATION_FAILED')
    const where = err.details.map((d: { where: string }) => d.where).join(' ')
    expect(where).toContain('serviceLifeEnd')
    expect(where).toContain('patientProximity')
    // The UI shows messageJa in Japanese: it names the same fields.
    expect(err.messageJa).toMatch(/^リクエストの内容に誤りがあります/)
    expect(err.messageJa).toContain('serviceLifeEnd')
  })

  it('checks roles and CSRF on changes', async () => {
    const asViewer = await app.inject({
      method: 'POST',
      url: '/api/devices',
      headers: viewer.headers,
      payload: buildDevice(),
    })
    expect(asViewer.statusCode).toBe(403)
    expect(asViewer.json().error.code).toBe('FORBIDDEN')
    const noCsrf = await app.inject({
      method: 'POST',
      url: '/api/devices',
      headers: { cookie: engineer.cookie },
      payload: buildDevice(),
    })
    expect(noCsrf.statusCode).toBe(403)
    expect(noCsrf.json().error.code).toBe('CSRF_INVALID')
    const wrongCsrf = await app.inject({
      method: 'POST',
      url: '/api/devices',
      headers: { cookie: engineer.cookie, 'x-csrf-token': viewer.csrf },
      payload: buildDevice(),
    })
    expect(wrongCsrf.statusCode).toBe(403)
  })

  it('edits with optimistic locking and records before/after in the audit log', async () => {
    const created = (
      await app.inject({
        method: 'POST',
        url: '/api/devices',
        headers: engineer.headers,
        payload: buildDevice({ location: 'Bed 1' }),
      })
    ).json()
    const ok = await app.inject({
      method: 'PATCH',
      url: `/api/devices/${created.id}`,
      headers: engineer.headers,
      payload: { version: 1, patch: { location: 'Bed 2', lifeCritical: true } },
    })
    expect(ok.statusCode).toBe(200)
    expect(ok.json()).toMatchObject({ location: 'Bed 2', lifeCritical: true, version: 2, updatedBy: 'engineer' })
    const stale = await app.inject({
      method: 'PATCH',
      url: `/api/devices/${created.id}`,
      headers: engineer.headers,
      payload: { version: 1, patch: { location: 'Bed 3' } },
    })
    expect(stale.statusCode).toBe(409)
    expect(stale.json().error.code).toBe('DEVICE_VERSION_CONFLICT')

    const forbidden = await app.inject({ url: '/api/audit', headers: engineer.headers })
    expect(forbidden.statusCode).toBe(403)
    const audit = await app.inject({ url: `/api/audit?targetId=${created.id}`, headers: admin.headers })
    const entries = audit.json().items
    expect(entries.map((e: { action: string }) => e.action)).toEqual(['device.update', 'device.create'])
    expect(entries[0].before.location).toBe('Bed 1')
    expect(entries[0].after.location).toBe('Bed 2')
    expect(entries[0].actor).toBe('engineer')

    const csv = await app.inject({ url: '/api/audit/export', headers: admin.headers })
    expect(csv.headers['content-type']).toContain('text/csv')
    expect(csv.body).toContain('device.update')
  })

  it('deletes a device and 404s afterwards', async () => {
    const created = (
      await app.inject({ method: 'POST', url: '/api/devices', headers: engineer.headers, payload: buildDevice() })
    ).json()
    const del = await app.inject({ method: 'DELETE', url: `/api/devices/${created.id}`, headers: engineer.headers })
    expect(del.statusCode).toBe(204)
    const gone = await app.inject({ url: `/api/devices/${created.id}`, headers: viewer.headers })
    expect(gone.statusCode).toBe(404)
    expect(gone.json().error.code).toBe('NOT_FOUND')
  })

  it('serves dashboard counts and facets', async () => {
    const res = await app.inject({ url: '/api/dashboard', headers: viewer.headers })
    expect(res.statusCode).toBe(200)
    const stats = res.json()
    expect(stats.total).toBeGreaterThanOrEqual(3)
    expect(stats.byKind.pc).toBe(1)
    expect(stats.legacyOs).toBe(1)
    const facets = (await app.inject({ url: '/api/devices/facets', headers: viewer.headers })).json()
    expect(facets.departments).toContain('放射線部')
  })

  it('never serves a cached list after the ledger changed outside the API (e.g. the CLI)', async () => {
    const before = (await app.inject({ url: '/api/devices?q=cache-probe', headers: viewer.headers })).json()
    expect(before.total).toBe(0)
    const statsBefore = (await app.inject({ url: '/api/dashboard', headers: viewer.headers })).json()
    // Written straight into the database, as `mamori devices import` in another process would.
    await new DeviceRepository(storage.db).createMany([buildDevice({ assetTag: 'CACHE-PROBE-1' })], SYSTEM_ACTOR)
    const after = (await app.inject({ url: '/api/devices?q=cache-probe', headers: viewer.headers })).json()
    expect(after.items.map((d: { assetTag: string }) => d.assetTag)).toEqual(['CACHE-PROBE-1'])
    const statsAfter = (await app.inject({ url: '/api/dashboard', headers: viewer.headers })).json()
    expect(statsAfter.total).toBe(statsBefore.total + 1)
  })

  it('accepts API tokens without CSRF and stops accepting them once revoked', async () => {
    const t = (
      await app.inject({
        method: 'POST',
        url: '/api/tokens',
        headers: engineer.headers,
        payload: { name: 'nightly export' },
      })
    ).json()
    const bearer = { authorization: `Bearer ${t.token}` }
    const created = await app.inject({ method: 'POST', url: '/api/devices', headers: bearer, payload: buildDevice() })
    expect(created.statusCode).toBe(201)
    expect(created.json().createdBy).toBe('engineer')
    await app.inject({ method: 'DELETE', url: `/api/tokens/${t.id}`, headers: engineer.headers })
    const after = await app.inject({ url: '/api/devices', headers: bearer })
    expect(after.statusCode).toBe(401)
    expect(after.json().error.code).toBe('AUTH_INVALID_TOKEN')
  })
})
