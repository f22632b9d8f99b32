/**
 * The lifecycle routes as a client sends them, on both databases (ADR 0041): every role reads the calendar, the
 * re-scan list and a device's timeline (by id or asset tag); a date that does not exist or a range over 10 years is a
 * 400 naming the field; only an admin changes settings or runs the reminders, and those changes are audited.
 */
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DeviceTimeline, LifecycleCalendar, RescanDueList } from '../../api/operations.js'
import { addDays } from '../../src/core/operations/calendar.js'
import type { Storage } from '../../src/storage/database.js'
import { buildDevice } from '../factories.js'
import { buildTestApp, login, type Session } from '../helpers/app.js'
import { DIALECTS } from '../helpers/databases.js'

const today = new Date().toISOString().slice(0, 10)

describe.each(DIALECTS)('lifecycle API on $name', (dialect) => {
  let storage: Storage
  let app: FastifyInstance
  let admin: Session
  let engineer: Session
  let viewer: Session

  const send = (s: Session, method: 'POST' | 'PUT', url: string, payload?: object) =>
    app.inject({ method, url, headers: s.headers, ...(payload ? { payload } : {}) })
  const get = (url: string, s: Session = viewer) => app.inject({ url, headers: s.headers })

  beforeAll(async () => {
    storage = await dialect.open()
    app = await buildTestApp(storage)
    admin = await login(app, 'admin')
    engineer = await login(app, 'engineer')
    viewer = await login(app, 'viewer')
    const res = await send(
      engineer,
      'POST',
      '/api/devices',
      buildDevice({ assetTag: 'ICU-MON-03', name: '生体情報モニタ', supportEnd: addDays(today, 40) }),
    )
    expect(res.statusCode, res.body).toBe(201)
  })
  afterAll(async () => {
    await app.close()
    await storage.close()
  })

  it('answers the calendar to every role, and 400 naming the field for a bad date or range', async () => {
    const res = await get('/api/lifecycle/calendar?kind=support_end')
    expect(res.statusCode, res.body).toBe(200)
    const cal = res.json() as LifecycleCalendar
    expect(cal.events.map((e) => [e.assetTag, e.daysLeft])).toEqual([['ICU-MON-03', 40]])
    const bad = await get('/api/lifecycle/calendar?from=2027-02-30')
    expect(bad.statusCode).toBe(400)
    expect(bad.json()).toMatchObject({ error: { code: 'LIFECYCLE_INVALID' } })
    expect(JSON.stringify(bad.json())).toContain('from')
    const long = await get('/api/lifecycle/calendar?from=2027-01-01&to=2040-01-01')
    expect(long.statusCode).toBe(400)
    expect(JSON.stringify(long.json())).toContain('to')
  })

  it('lets only an admin change the settings or run the reminders, audited', async () => {
    const settings = { enabled: true, leadDays: [60], kinds: ['support_end'] }
    expect((await send(engineer, 'PUT', '/api/lifecycle/reminders', settings)).statusCode).toBe(403)
    expect((await send(engineer, 'POST', '/api/lifecycle/reminders/run')).statusCode).toBe(403)
    expect(
      (await send(viewer, 'PUT', '/api/lifecycle/rescan-cadence', { defaultDays: 10, byCategory: {} })).statusCode,
    ).toBe(403)
    const put = await send(admin, 'PUT', '/api/lifecycle/reminders', settings)
    expect(put.statusCode, put.body).toBe(200)
    expect((await get('/api/lifecycle/reminders')).json()).toEqual(settings)
    const run = await send(admin, 'POST', '/api/lifecycle/reminders/run')
    expect(run.statusCode, run.body).toBe(200)
    expect(run.json()).toMatchObject({ sent: 1, linesJa: ['サポート終了まで 60 日: 生体情報モニタ ICU-MON-03'] })
    expect((await send(admin, 'POST', '/api/lifecycle/reminders/run')).json()).toMatchObject({ sent: 0 })
    const cadence = await send(admin, 'PUT', '/api/lifecycle/rescan-cadence', {
      defaultDays: 10,
      byCategory: { server: 5 },
    })
    expect(cadence.statusCode, cadence.body).toBe(200)
    const audit = await get('/api/audit?action=lifecycle.', admin)
    expect(audit.statusCode, audit.body).toBe(200)
    expect((audit.json().items as { action: string }[]).map((a) => a.action).sort()).toEqual([
      'lifecycle.reminders.run',
      'lifecycle.reminders.sent',
      'lifecycle.reminders.update',
      'lifecycle.rescan-cadence.update',
    ])
    // The in-app bell shows the digest.
    const bell = await get('/api/notifications', viewer)
    expect(bell.statusCode, bell.body).toBe(200)
    expect(JSON.stringify(bell.json())).toContain('サポート終了まで 60 日')
  })

  it('lists the devices due a scan and a device’s timeline by asset tag, paged', async () => {
    const due = (await get('/api/lifecycle/rescan-due?limit=10')).json() as RescanDueList
    expect(due.items.map((d) => [d.assetTag, d.lastScannedAt, d.cadenceDays])).toEqual([['ICU-MON-03', null, 10]])
    const res = await get('/api/devices/ICU-MON-03/timeline?limit=1')
    expect(res.statusCode, res.body).toBe(200)
    const tl = res.json() as DeviceTimeline
    expect(tl.entries).toHaveLength(1)
    expect(tl.entries[0]).toMatchObject({ kind: 'ledger', titleJa: '台帳に登録', actor: 'engineer' })
    expect(tl.nextBefore).not.toBeNull()
    const next = (
      await get(`/api/devices/ICU-MON-03/timeline?limit=1&before=${encodeURIComponent(tl.nextBefore!)}`)
    ).json()
    expect(next).toMatchObject({ entries: [], nextBefore: null })
    expect((await get('/api/devices/NOPE/timeline')).statusCode).toBe(404)
    expect((await get('/api/devices/ICU-MON-03/timeline?before=soon')).statusCode).toBe(400)
  })
})
