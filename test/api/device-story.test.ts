import { type AddressInfo, createServer, type Server } from 'node:net'
import ExcelJS from 'exceljs'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Storage } from '../../src/storage/database.js'
import { buildDevice } from '../factories.js'
import { buildTestApp, login, type Session } from '../helpers/app.js'
import { DIALECTS } from '../helpers/databases.js'

const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/

function listen(host: string, port: number, greeting: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const s = createServer((sock) => {
      sock.on('error', () => {})
      sock.end(greeting)
    })
    s.once('error', reject)
    s.listen(port, host, () => resolve(s))
  })
}

describe.each(DIALECTS)('device story, first steps, findings export on $name', (dialect) => {
  let storage: Storage
  let app: FastifyInstance
  let admin: Session
  let engineer: Session
  let viewer: Session
  let server: Server
  /** Chosen by the system: a fixed number may be held by another run on the same machine. */
  let sshPort = 0
  let deviceId = ''

  const get = (s: Session, url: string) => app.inject({ url, headers: s.headers })
  const steps = async () => {
    const res = await get(viewer, '/api/first-steps')
    expect(res.statusCode).toBe(200)
    const body = res.json() as {
      steps: { id: string; state: string; count: number }[]
      openFindings: Record<string, number>
    }
    return { ...body, state: Object.fromEntries(body.steps.map((s) => [s.id, s.state])) }
  }

  beforeAll(async () => {
    storage = await dialect.open()
    app = await buildTestApp(storage)
    ;[admin, engineer, viewer] = await Promise.all([login(app, 'admin'), login(app, 'engineer'), login(app, 'viewer')])
    server = await listen('127.0.0.60', 0, 'SSH-2.0-OpenSSH_9.6\r\n')
    sshPort = (server.address() as AddressInfo).port
  })
  afterAll(async () => {
    server.close()
    await app.close()
    await storage.close()
  })

  it('starts with import and scope to do, and reconciliation says that no scan has run', async () => {
    const s = await steps()
    expect(s.state).toEqual({
      import: 'todo',
      scope: 'todo',
      scan: 'waiting',
      findings: 'waiting',
      reconcile: 'waiting',
    })
    expect(s.openFindings).toEqual({ critical: 0, high: 0, medium: 0, low: 0, info: 0 })
    const rec = (await get(viewer, '/api/reconciliation')).json()
    expect(rec.scanId).toBeNull()
    expect(rec.unknownHosts).toEqual([])
  })

  it('refuses a scan before any scope in English and in Japanese, each without the other language', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/scans',
      headers: engineer.headers,
      payload: { targets: ['127.0.0.60'] },
    })
    expect(res.statusCode).toBe(403)
    const e = res.json().error
    expect(e.code).toBe('SCAN_OUT_OF_SCOPE')
    expect(e.message).not.toMatch(JAPANESE)
    expect(e.messageJa).toContain('まだスコープが承認されていません')
    expect(e.details[0].messageJa).toMatch(JAPANESE)
    const cidr = await app.inject({
      method: 'POST',
      url: '/api/scopes',
      headers: admin.headers,
      payload: { target: '127.0.0.0/40' },
    })
    expect(cidr.statusCode).toBe(400)
    expect(cidr.json().error.message).not.toMatch(JAPANESE)
    expect(cidr.json().error.messageJa).toContain('プレフィックス長「/40」は 0〜32 の数値にしてください')
    // A legacy one-line bilingual message is split into its halves.
    const anon = await app.inject({ url: '/api/devices' })
    expect(anon.json().error).toMatchObject({ message: 'Please sign in.', messageJa: 'ログインしてください。' })
  })

  it('walks the first steps as the ledger, the scope and a scan arrive; the device page learns when it was seen', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/api/devices',
      headers: engineer.headers,
      payload: buildDevice({ assetTag: 'OV-001', ipAddresses: ['127.0.0.60'], macAddresses: [], department: 'ICU' }),
    })
    expect(created.statusCode).toBe(201)
    deviceId = created.json().id
    expect((await steps()).state).toMatchObject({ import: 'done', scope: 'todo', scan: 'waiting' })
    expect((await get(viewer, `/api/devices/${deviceId}/discovery`)).json()).toEqual({ lastSeen: null })

    const scope = await app.inject({
      method: 'POST',
      url: '/api/scopes',
      headers: admin.headers,
      payload: { target: '127.0.0.60/32' },
    })
    expect(scope.statusCode).toBe(201)
    expect((await steps()).state).toMatchObject({ import: 'done', scope: 'done', scan: 'todo', findings: 'waiting' })

    const started = await app.inject({
      method: 'POST',
      url: '/api/scans',
      headers: engineer.headers,
      payload: { targets: ['127.0.0.60'], ports: `T:${sshPort}` },
    })
    expect(started.statusCode).toBe(202)
    for (let i = 0; i < 300; i++) {
      const st = (await get(engineer, `/api/scans/${started.json().id}`)).json().status
      if (st === 'completed') break
      expect(['queued', 'running']).toContain(st)
      await new Promise((r) => setTimeout(r, 100))
    }
    const after = await steps()
    expect(after.state.scan).toBe('done')
    // The only host answering is the registered device: nothing unknown to reconcile.
    expect(after.steps.find((s) => s.id === 'reconcile')).toEqual({ id: 'reconcile', state: 'done', count: 0 })
    const seen = (await get(viewer, `/api/devices/${deviceId}/discovery`)).json()
    expect(seen.lastSeen).toMatchObject({ scanId: started.json().id, address: '127.0.0.60' })
    expect(seen.lastSeen.openPorts).toContainEqual(expect.objectContaining({ port: sshPort, transport: 'tcp' }))
  })

  it('shows the device on its findings, counts open findings by severity, and needs a reason to accept a risk', async () => {
    await app.deps.discovery.upsertFindings('scan', null, [
      {
        key: 'test:telnet',
        deviceId,
        siteId: 'default',
        draft: {
          ruleId: 'telnet-open',
          severity: 'high',
          address: '127.0.0.60',
          port: 23,
          titleJa: 'Telnet が開いています',
          titleEn: 'Telnet is open',
          detailJa: '平文',
          detailEn: 'Cleartext',
          recommendationJa: 'Telnet を無効にする',
          recommendationEn: 'Disable Telnet',
          evidence: '=HYPERLINK("http://x")',
          incomplete: false,
        },
      },
    ])
    const s = await steps()
    expect(s.openFindings.high).toBeGreaterThanOrEqual(1)
    expect(s.steps.find((x) => x.id === 'findings')).toMatchObject({ state: 'todo' })
    const list = (await get(viewer, `/api/findings?deviceId=${deviceId}`)).json()
    const f = list.items.find((x: { ruleId: string }) => x.ruleId === 'telnet-open')
    expect(f.device).toEqual({ id: deviceId, assetTag: 'OV-001', name: null, department: 'ICU' })

    const noReason = await app.inject({
      method: 'PATCH',
      url: `/api/findings/${f.id}`,
      headers: engineer.headers,
      payload: { status: 'accepted' },
    })
    expect(noReason.statusCode).toBe(400)
    expect(noReason.json().error.message).not.toMatch(JAPANESE)
    expect(noReason.json().error.messageJa).toContain('理由')
    const accepted = await app.inject({
      method: 'PATCH',
      url: `/api/findings/${f.id}`,
      headers: engineer.headers,
      payload: { status: 'accepted', reason: 'isolated VLAN' },
    })
    expect(accepted.statusCode).toBe(200)
    const open = (await get(viewer, `/api/findings?deviceId=${deviceId}&status=open&severity=high`)).json()
    expect(open.total).toBe(0)
  })

  it("lets a viewer read the device's own history (without actors' IP addresses) and labels targets by asset tag", async () => {
    const res = await get(viewer, `/api/devices/${deviceId}/history`)
    expect(res.statusCode).toBe(200)
    const h = res.json()
    const actions = h.items.map((e: { action: string }) => e.action)
    expect(actions).toContain('device.create')
    expect(actions).toContain('finding.update')
    expect(h.items.every((e: { ip: string | null }) => e.ip === null)).toBe(true)
    expect(h.items.find((e: { action: string }) => e.action === 'device.create').targetLabel).toBe('OV-001')
    const asAdmin = (await get(admin, `/api/devices/${deviceId}/history`)).json()
    expect(asAdmin.items.some((e: { ip: string | null }) => e.ip !== null)).toBe(true)
    expect((await get(viewer, '/api/devices/nope/history')).statusCode).toBe(404)
    // The admin's audit log shows the same labels.
    const audit = (await get(admin, `/api/audit?targetId=${deviceId}`)).json()
    expect(audit.items[0].targetLabel).toBe('OV-001')
    const scopeEntry = (await get(admin, '/api/audit?action=scope.approve')).json().items[0]
    expect(scopeEntry.targetLabel).toBe('127.0.0.60/32')
  })

  it('exports findings as CSV and Excel with the device, in the chosen language, formulas guarded, audited', async () => {
    const csv = await get(viewer, `/api/findings/export?format=csv&lang=en&deviceId=${deviceId}`)
    expect(csv.statusCode).toBe(200)
    expect(csv.headers['content-type']).toContain('text/csv')
    const text = csv.body.replace(/^\uFEFF/, '')
    const [header, ...rows] = text.trim().split('\r\n')
    expect(header).toBe(
      'Severity,Status,Finding,Asset tag,Device name,Department,IP address,Port,Recommended action,Detail,Evidence,Reason,Until,First seen,Last seen,Rule',
    )
    const telnet = rows.find((r) => r.includes('telnet-open'))!
    expect(telnet).toContain('High,Risk accepted,Telnet is open,OV-001,,ICU,127.0.0.60,23,Disable Telnet')
    expect(telnet).toContain(`"'=HYPERLINK(""http://x"")"`)

    const xlsx = await app.inject({
      url: `/api/findings/export?format=xlsx&lang=ja&deviceId=${deviceId}`,
      headers: viewer.headers,
    })
    expect(xlsx.statusCode).toBe(200)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer)
    const ws = wb.getWorksheet('検出事項')!
    expect(ws.getRow(1).getCell(4).value).toBe('資産番号')
    const values = ws
      .getRows(2, ws.rowCount - 1)!
      .map((r) => [r.getCell(1).value, r.getCell(4).value, r.getCell(11).value])
    expect(values).toContainEqual(['高', 'OV-001', '=HYPERLINK("http://x")'])

    const audit = (await get(admin, '/api/audit?action=export.findings')).json()
    expect(audit.total).toBe(2)
    expect(audit.items[0].actor).toBe('viewer')
  })
})
