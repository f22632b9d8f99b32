/**
 * Reconciliation reads the whole ledger, not a page of it: with 12,000 devices in use, a host that matches the
 * device listed last is still "registered", on both databases. (It used to read the first 10,000 devices in use and
 * call the rest unknown.) Real scan on loopback, real databases.
 */
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DeviceFields } from '../../api/device.js'
import { syntheticDevices } from '../../src/demo/hospital.js'
import { loadDemo } from '../../src/demo/load-demo.js'
import { SYSTEM_ACTOR } from '../../src/storage/audit-repository.js'
import type { Storage } from '../../src/storage/database.js'
import { buildTestApp, login, type Session } from '../helpers/app.js'
import { DIALECTS } from '../helpers/databases.js'

const LEDGER_SIZE = 12_000
const HOST = '127.0.0.51'

async function waitFor(app: FastifyInstance, s: Session, id: string) {
  for (let i = 0; i < 600; i++) {
    const scan = (await app.inject({ url: `/api/scans/${id}`, headers: s.headers })).json()
    if (['completed', 'stopped', 'failed'].includes(scan.status)) return scan
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error('scan did not finish')
}

describe.each(DIALECTS)('reconciliation over a ledger of 12,000 devices on $name', (dialect) => {
  let storage: Storage
  let app: FastifyInstance

  beforeAll(async () => {
    storage = await dialect.open()
    const devices: DeviceFields[] = [...syntheticDevices(LEDGER_SIZE)].map((d) => ({ ...d, status: 'in_use' }))
    // The device that answers sorts last by asset tag (the list's default order) and is created last.
    devices[LEDGER_SIZE - 1] = { ...devices[LEDGER_SIZE - 1]!, assetTag: 'ZZ-LAST-DEVICE', ipAddresses: [HOST] }
    await loadDemo(storage.db, { actor: SYSTEM_ACTOR, devices })
    app = await buildTestApp(storage)
  }, 240_000)
  afterAll(async () => {
    await app?.close()
    await storage?.close()
  })

  it('matches a host to the last of 12,000 devices and calls no registered host unknown', async () => {
    const admin = await login(app, 'admin')
    const engineer = await login(app, 'engineer')
    const scope = await app.inject({
      method: 'POST',
      url: '/api/scopes',
      headers: admin.headers,
      payload: { target: `${HOST}/32` },
    })
    expect(scope.statusCode).toBe(201)
    const started = await app.inject({
      method: 'POST',
      url: '/api/scans',
      headers: engineer.headers,
      // One closed port is enough: on loopback the refused connection proves the host is up.
      payload: { targets: [HOST], ports: 'T:1', profile: 'standard' },
    })
    expect(started.statusCode).toBe(202)
    const scan = await waitFor(app, engineer, started.json().id)
    expect(scan.status).toBe('completed')

    const rec = (await app.inject({ url: '/api/reconciliation', headers: engineer.headers })).json()
    expect(rec.scanId).toBe(scan.id)
    expect(rec.matched).toEqual([
      expect.objectContaining({ address: HOST, assetTag: 'ZZ-LAST-DEVICE', matchedBy: 'ip' }),
    ])
    expect(rec.unknownHosts).toEqual([])
    // The scan and the reconciliation agree on which device the host is.
    const hosts = (await app.inject({ url: `/api/scans/${scan.id}/hosts`, headers: engineer.headers })).json()
    expect(hosts.find((h: { address: string }) => h.address === HOST)?.deviceId).toBe(rec.matched[0].deviceId)
  }, 120_000)
})
