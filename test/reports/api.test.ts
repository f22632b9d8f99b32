/**
 * The reports routes end to end on both databases, over the demo hospital and its fictional gentle scan, through the
 * real risk, actions, checklist and benchmark services: GET /api/home names the riskiest devices and why; the
 * management report (PDF and .docx), the inspection pack and the device card download with Content-Disposition and
 * are audited as exports; schedules are for admins only and refused without SMTP.
 */
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { HomeView } from '../../api/reports.js'
import { recordDemoScan } from '../../src/demo/demo-scan.js'
import { loadDemo } from '../../src/demo/load-demo.js'
import { SYSTEM_ACTOR } from '../../src/storage/audit-repository.js'
import type { Storage } from '../../src/storage/database.js'
import { storagePorts } from '../../src/storage/ports.js'
import { pdfText } from '../documents/read-back.js'
import { buildTestApp, login, type Session } from '../helpers/app.js'
import { DIALECTS } from '../helpers/databases.js'

describe.each(DIALECTS)('reports API on $name', (dialect) => {
  let storage: Storage
  let app: FastifyInstance
  let admin: Session
  let engineer: Session
  let viewer: Session

  beforeAll(async () => {
    storage = await dialect.open()
    app = await buildTestApp(storage)
    admin = await login(app, 'admin')
    engineer = await login(app, 'engineer')
    viewer = await login(app, 'viewer')
    await loadDemo(storage.db, { actor: SYSTEM_ACTOR })
    await recordDemoScan(storage.db, app.deps.scans, SYSTEM_ACTOR)
    for (const url of ['/api/risk/rescore', '/api/actions/sync']) {
      const res = await app.inject({ method: 'POST', url, headers: engineer.headers })
      expect(res.statusCode, `${url}: ${res.body.slice(0, 300)}`).toBe(200)
    }
  })
  afterAll(async () => {
    await app.close()
    await storage.close()
  })

  it('answers the home page to a viewer: riskiest devices with why, urgent actions, counts', async () => {
    const res = await app.inject({ url: '/api/home', headers: viewer.headers })
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200)
    const home = res.json() as HomeView
    expect(home.topDevices.length).toBeGreaterThan(0)
    expect(home.topDevices.length).toBeLessThanOrEqual(5)
    const scores = home.topDevices.map((d) => d.score)
    expect(scores).toEqual([...scores].sort((a, b) => b - a))
    expect(home.topDevices[0]?.headlineJa.length).toBeGreaterThan(0)
    expect(home.topActions.length).toBeGreaterThan(0)
    expect(home.counts.devices).toBeGreaterThan(0)
    expect(home.counts.openActions).toBeGreaterThan(0)
    expect(home.riskSummary.devices).toBeGreaterThan(0)
    expect(home.checklist?.total).toBeGreaterThan(0)
    expect((await app.inject({ url: '/api/home' })).statusCode).toBe(401)
  })

  it('downloads the management report as PDF (readable Japanese) and .docx, each audited as an export', async () => {
    const res = await app.inject({ url: '/api/reports/management?lang=ja&format=pdf', headers: viewer.headers })
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200)
    expect(res.headers['content-type']).toBe('application/pdf')
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="mamori-management-\d{4}-\d{2}-\d{2}-ja\.pdf"/,
    )
    const { pages, totalPages } = await pdfText(res.rawPayload)
    expect(totalPages).toBeLessThanOrEqual(10)
    const all = pages.join('').replace(/\s+/g, '')
    expect(all).toContain('医療機器サイバーセキュリティ報告（経営層向け）')
    expect(all).toContain('危険度の高い機器（上位10台）')
    expect(all).toContain(home0(await app.inject({ url: '/api/home', headers: viewer.headers })))
    const docx = await app.inject({ url: '/api/reports/management?lang=en&format=docx', headers: viewer.headers })
    expect(docx.statusCode).toBe(200)
    expect(docx.headers['content-type']).toContain('wordprocessingml')
    const audit = await storagePorts(storage).audit.list({ limit: 5, offset: 0, action: 'report.export' })
    expect(audit.items.slice(0, 2).map((a) => [a.actor, a.targetId])).toEqual([
      ['viewer', 'management'],
      ['viewer', 'management'],
    ])
  })

  it('downloads the inspection pack and a one-page device card', async () => {
    const insp = await app.inject({ url: '/api/reports/inspection?lang=ja', headers: viewer.headers })
    expect(insp.statusCode, insp.body.slice(0, 300)).toBe(200)
    const inspText = (await pdfText(insp.rawPayload)).pages.join('').replace(/\s+/g, '')
    expect(inspText).toContain('番号確認項目対象はい/いいえ確認日目標日備考')
    const home = (await app.inject({ url: '/api/home', headers: viewer.headers })).json() as HomeView
    const top = home.topDevices[0]!
    const card = await app.inject({ url: `/api/reports/device-card/${top.deviceId}?lang=ja`, headers: viewer.headers })
    expect(card.statusCode, card.body.slice(0, 300)).toBe(200)
    const { pages, totalPages } = await pdfText(card.rawPayload)
    expect(totalPages).toBe(1)
    expect(pages.join('').replace(/\s+/g, '')).toContain(`スコア${top.score}点`)
    const missing = await app.inject({ url: '/api/reports/device-card/no-such-device', headers: viewer.headers })
    expect(missing.statusCode).toBe(404)
  })

  it('keeps schedules to admins and refuses them without SMTP, saving nothing', async () => {
    const body = { kind: 'management', lang: 'ja', cron: '0 7 1 * *', recipients: ['cio@hospital.example'] }
    const asEngineer = await app.inject({
      method: 'POST',
      url: '/api/reports/schedules',
      headers: engineer.headers,
      payload: body,
    })
    expect(asEngineer.statusCode).toBe(403)
    const asAdmin = await app.inject({
      method: 'POST',
      url: '/api/reports/schedules',
      headers: admin.headers,
      payload: body,
    })
    expect(asAdmin.statusCode).toBe(400)
    expect(asAdmin.json().error.code).toBe('REPORT_NO_SMTP')
    const bad = await app.inject({
      method: 'POST',
      url: '/api/reports/schedules',
      headers: admin.headers,
      payload: { ...body, recipients: ['not an address'] },
    })
    expect(bad.statusCode).toBe(400)
    const list = await app.inject({ url: '/api/reports/schedules', headers: viewer.headers })
    expect(list.json()).toEqual({ items: [] })
    const del = await app.inject({ method: 'DELETE', url: '/api/reports/schedules/nope', headers: engineer.headers })
    expect(del.statusCode).toBe(403)
    const del404 = await app.inject({ method: 'DELETE', url: '/api/reports/schedules/nope', headers: admin.headers })
    expect(del404.statusCode).toBe(404)
  })
})

/** The first top device's asset tag, as the management report prints it. */
function home0(res: { json(): unknown }): string {
  const home = res.json() as HomeView
  return home.topDevices[0]?.assetTag ?? ''
}
