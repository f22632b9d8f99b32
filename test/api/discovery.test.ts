import { type AddressInfo, createServer, type Server } from 'node:net'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Storage } from '../../src/storage/database.js'
import { buildDevice } from '../factories.js'
import { buildTestApp, login, type Session } from '../helpers/app.js'
import { DIALECTS } from '../helpers/databases.js'

/** A real TCP listener on a loopback address (port chosen by the system): the scan must find exactly it open. */
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

async function waitFor(app: FastifyInstance, s: Session, id: string) {
  for (let i = 0; i < 300; i++) {
    const scan = (await app.inject({ url: `/api/scans/${id}`, headers: s.headers })).json()
    if (['completed', 'stopped', 'failed'].includes(scan.status)) return scan
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error('scan did not finish')
}

describe.each(DIALECTS)('discovery API on $name', (dialect) => {
  let storage: Storage
  let app: FastifyInstance
  let admin: Session
  let engineer: Session
  let server: Server
  /** The listener's port, and one that nothing listens on: never fixed numbers, another run may hold them. */
  let sshPort: number
  let quietPort: number

  beforeAll(async () => {
    storage = await dialect.open()
    app = await buildTestApp(storage)
    admin = await login(app, 'admin')
    engineer = await login(app, 'engineer')
    server = await listen('127.0.0.44', 0, 'SSH-2.0-OpenSSH_7.4\r\n')
    sshPort = (server.address() as AddressInfo).port
    const probe = await listen('127.0.0.44', 0, '')
    quietPort = (probe.address() as AddressInfo).port
    await new Promise((r) => probe.close(r))
  })
  afterAll(async () => {
    server.close()
    await app.close()
    await storage.close()
  })

  it('refuses a scan before any scope is approved, and says how to fix it', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/scans',
      headers: engineer.headers,
      payload: { targets: ['127.0.0.44'] },
    })
    expect(res.statusCode).toBe(403)
    expect(res.json().error.code).toBe('SCAN_OUT_OF_SCOPE')
    expect(res.json().error.message).toContain('approve')
  })

  it('lets only admins approve scopes and validates them', async () => {
    const asEngineer = await app.inject({
      method: 'POST',
      url: '/api/scopes',
      headers: engineer.headers,
      payload: { target: '127.0.0.40/29' },
    })
    expect(asEngineer.statusCode).toBe(403)
    const bad = await app.inject({
      method: 'POST',
      url: '/api/scopes',
      headers: admin.headers,
      payload: { target: '127.0.0.300/24' },
    })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().error.message).toContain('127.0.0.300/24')
    const ok = await app.inject({
      method: 'POST',
      url: '/api/scopes',
      headers: admin.headers,
      payload: { target: '127.0.0.40/29', label: 'test bench' },
    })
    expect(ok.statusCode).toBe(201)
  })

  it('refuses targets outside the approved scope and asks to confirm large scans', async () => {
    const outside = await app.inject({
      method: 'POST',
      url: '/api/scans',
      headers: engineer.headers,
      payload: { targets: ['127.0.0.44', '127.0.1.0/30'] },
    })
    expect(outside.statusCode).toBe(403)
    expect(outside.json().error.details[0].where).toBe('127.0.1.0/30')
    await app.inject({
      method: 'POST',
      url: '/api/scopes',
      headers: admin.headers,
      payload: { target: '127.1.0.0/16', confirmLarge: true },
    })
    const large = await app.inject({
      method: 'POST',
      url: '/api/scans',
      headers: engineer.headers,
      payload: { targets: ['127.1.0.0/16'] },
    })
    expect(large.statusCode).toBe(400)
    expect(large.json().error.code).toBe('SCAN_CONFIRMATION_REQUIRED')
  })

  it('scans the approved scope, skips excluded and never-scan devices, and records it in the audit log', async () => {
    await app.inject({
      method: 'POST',
      url: '/api/exclusions',
      headers: admin.headers,
      payload: { address: '127.0.0.45', reason: 'ventilator' },
    })
    await app.inject({
      method: 'POST',
      url: '/api/devices',
      headers: engineer.headers,
      payload: buildDevice({ assetTag: 'VENT-1', ipAddresses: ['127.0.0.46'], neverScan: true }),
    })
    const ledgered = (
      await app.inject({
        method: 'POST',
        url: '/api/devices',
        headers: engineer.headers,
        payload: buildDevice({ assetTag: 'ME-SSH-1', ipAddresses: ['127.0.0.44'], macAddresses: [] }),
      })
    ).json()
    const started = await app.inject({
      method: 'POST',
      url: '/api/scans',
      headers: engineer.headers,
      payload: { targets: ['127.0.0.44-47'], ports: `${sshPort},${quietPort}`, profile: 'standard' },
    })
    expect(started.statusCode).toBe(202)
    const scan = await waitFor(app, engineer, started.json().id)
    expect(scan.status).toBe('completed')
    const skipped = scan.progress.refused
      .map((r: { target: string; reason: string }) => `${r.target} ${r.reason}`)
      .join('\n')
    expect(skipped).toContain('127.0.0.45 excluded (exclusion list: ventilator)')
    expect(skipped).toContain('127.0.0.46 excluded (ledger: never scan (VENT-1))')

    const hosts = (await app.inject({ url: `/api/scans/${scan.id}/hosts`, headers: engineer.headers })).json()
    // On loopback every address answers (a refused connection proves a host), so .47 is up with nothing open.
    const up = hosts.filter((h: { state: string }) => h.state === 'up')
    expect(up.map((h: { address: string }) => h.address)).toEqual(['127.0.0.44', '127.0.0.47'])
    expect(up[1].services.filter((s: { state: string }) => s.state === 'open')).toEqual([])
    expect(
      up[0].services.filter((s: { state: string }) => s.state === 'open').map((s: { port: number }) => s.port),
    ).toEqual([sshPort])
    expect(up[0].deviceId).toBe(ledgered.id)
    expect(hosts.map((h: { address: string }) => h.address)).not.toContain('127.0.0.45')

    const rec = (await app.inject({ url: '/api/reconciliation', headers: engineer.headers })).json()
    expect(rec.matched).toEqual([
      expect.objectContaining({ address: '127.0.0.44', deviceId: ledgered.id, matchedBy: 'ip' }),
    ])

    const audit = (await app.inject({ url: `/api/audit?targetId=${scan.id}`, headers: admin.headers })).json()
    expect(audit.items.map((e: { action: string }) => e.action).sort()).toEqual(['scan.complete', 'scan.start'])
  })

  it('stops a running gentle scan at once and keeps its partial results marked incomplete', async () => {
    const started = await app.inject({
      method: 'POST',
      url: '/api/scans',
      headers: engineer.headers,
      // 1,000 ports at 5 new connections per second would take minutes.
      payload: { targets: ['127.0.0.44'], ports: '18000-18999', profile: 'gentle' },
    })
    expect(started.statusCode).toBe(202)
    await new Promise((r) => setTimeout(r, 1500))
    const stop = await app.inject({
      method: 'POST',
      url: `/api/scans/${started.json().id}/stop`,
      headers: engineer.headers,
    })
    expect(stop.statusCode).toBe(200)
    const scan = await waitFor(app, engineer, started.json().id)
    expect(scan.status).toBe('stopped')
    const hosts = (await app.inject({ url: `/api/scans/${scan.id}/hosts`, headers: engineer.headers })).json()
    expect(hosts.every((h: { complete: boolean }) => h.complete === false)).toBe(true)
    const audit = (await app.inject({ url: `/api/audit?targetId=${scan.id}`, headers: admin.headers })).json()
    expect(audit.items.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['scan.stop', 'scan.stopped']),
    )
  })

  it('keeps viewers from starting scans', async () => {
    const viewer = await login(app, 'viewer')
    const res = await app.inject({
      method: 'POST',
      url: '/api/scans',
      headers: viewer.headers,
      payload: { targets: ['127.0.0.44'] },
    })
    expect(res.statusCode).toBe(403)
  })
})
