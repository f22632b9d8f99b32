import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Storage } from '../../src/storage/database.js'
import { toDeviceRow } from '../../src/storage/device-rows.js'
import { buildDevice } from '../factories.js'
import { buildTestApp, login, type Session } from '../helpers/app.js'
import { DIALECTS } from '../helpers/databases.js'

async function waitFor(app: FastifyInstance, s: Session, id: string) {
  for (let i = 0; i < 300; i++) {
    const scan = (await app.inject({ url: `/api/scans/${id}`, headers: s.headers })).json()
    if (['completed', 'stopped', 'failed'].includes(scan.status)) return scan
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error('scan did not finish')
}

describe.each(DIALECTS)(
  'device API validates like the import, and scans survive bad ledger rows, on $name',
  (dialect) => {
    let storage: Storage
    let app: FastifyInstance
    let engineer: Session
    let admin: Session

    beforeAll(async () => {
      storage = await dialect.open()
      app = await buildTestApp(storage)
      engineer = await login(app, 'engineer')
      admin = await login(app, 'admin')
    })
    afterAll(async () => {
      await app.close()
      await storage.close()
    })

    const post = (payload: object) =>
      app.inject({ method: 'POST', url: '/api/devices', headers: engineer.headers, payload })
    const patch = (id: string, version: number, p: object) =>
      app.inject({
        method: 'PATCH',
        url: `/api/devices/${id}`,
        headers: engineer.headers,
        payload: { version, patch: p },
      })

    it('refuses a host name as an IP address, naming the field in English and Japanese', async () => {
      const res = await post(buildDevice({ assetTag: 'V-1', ipAddresses: ['pump-7.local'], neverScan: true }))
      expect(res.statusCode).toBe(400)
      const { error } = res.json()
      expect(error.code).toBe('DEVICE_INVALID')
      expect(error.details[0]).toMatchObject({ where: 'ipAddresses.0' })
      expect(error.details[0].message).toContain('"pump-7.local" is not an IP address')
      expect(error.details[0].messageJa).toContain('IPアドレスとして正しくありません')
      const bad = await post(buildDevice({ assetTag: 'V-1b', macAddresses: ['00:11:22:33:44'] }))
      expect(bad.json().error.details[0]).toMatchObject({ where: 'macAddresses.0' })
    })

    it('normalises addresses as the import does (full-width digits, any MAC notation)', async () => {
      const res = await post(
        buildDevice({
          assetTag: 'V-2',
          ipAddresses: ['１０．９．０．１', '10.9.0.1'],
          macAddresses: ['02-00-5E-AA-BB-CC'],
        }),
      )
      expect(res.statusCode).toBe(201)
      expect(res.json()).toMatchObject({ ipAddresses: ['10.9.0.1'], macAddresses: ['02:00:5e:aa:bb:cc'], warnings: [] })
    })

    it('refuses a device with nothing that identifies it', async () => {
      const res = await post({ department: 'ICU', model: 'X', assetTag: '  ' })
      expect(res.statusCode).toBe(400)
      expect(res.json().error.code).toBe('DEVICE_INVALID')
      expect(res.json().error.messageJa).toContain('少なくとも一つ')
    })

    it('refuses a duplicate asset tag and warns about a shared serial number or MAC address', async () => {
      const dup = await post(buildDevice({ assetTag: 'V-2' }))
      expect(dup.statusCode).toBe(409)
      expect(dup.json().error.code).toBe('DEVICE_DUPLICATE_ASSET_TAG')
      const first = (
        await post(buildDevice({ assetTag: 'V-3', serialNumber: 'S-9', manufacturer: 'ミナト医科' }))
      ).json()
      const shared = await post(
        buildDevice({
          assetTag: 'V-4',
          serialNumber: 'S-9',
          manufacturer: 'ミナト医科',
          macAddresses: ['02:00:5e:aa:bb:cc'],
        }),
      )
      expect(shared.statusCode).toBe(201)
      expect(
        shared
          .json()
          .warnings.map((w: { field: string }) => w.field)
          .sort(),
      ).toEqual(['macAddresses', 'serialNumber'])
      expect(shared.json().warnings[0].messageJa).toMatch(/V-3|V-2/)

      // PATCH: the same rules on the whole record; a bad address or a taken asset tag is refused, nothing changes.
      const badIp = await patch(first.id, first.version, { ipAddresses: ['pump-7.local'] })
      expect(badIp.statusCode).toBe(400)
      const taken = await patch(first.id, first.version, { assetTag: 'V-4' })
      expect(taken.statusCode).toBe(409)
      const emptied = await patch(first.id, first.version, {
        assetTag: null,
        serialNumber: null,
        ipAddresses: [],
        macAddresses: [],
        hostname: null,
      })
      expect(emptied.statusCode).toBe(400)
      const ok = await patch(first.id, first.version, { ipAddresses: ['１０．９．０．３'], location: 'ICU-3' })
      expect(ok.statusCode).toBe(200)
      expect(ok.json()).toMatchObject({ ipAddresses: ['10.9.0.3'], location: 'ICU-3', assetTag: 'V-3', version: 2 })
    })

    it('a bad ledger row already in the database never blocks a scan: it is skipped and named', async () => {
      // Written straight into the database, as a version before address checks (or a restore) could have left it.
      const row = toDeviceRow(buildDevice({ assetTag: 'OLD-PUMP-7', ipAddresses: ['pump-7.local'], neverScan: true }), {
        id: '00000000-0000-4000-8000-0000000000aa',
        version: 1,
        createdAt: '2024-01-01T00:00:00.000Z',
        createdBy: 'test',
        updatedAt: '2024-01-01T00:00:00.000Z',
        updatedBy: 'test',
      })
      await storage.db.insertInto('devices').values(row).execute()
      await app.inject({
        method: 'POST',
        url: '/api/scopes',
        headers: admin.headers,
        payload: { target: '127.0.0.88/32' },
      })

      // Through the scan service: the plan names the device instead of failing with SCOPE_INVALID.
      const plan = await app.deps.scans.plan({ targets: ['127.0.0.88'], ports: '1' })
      expect(plan.allowed).toEqual(['127.0.0.88'])
      expect(plan.refused).toContainEqual({
        target: 'pump-7.local',
        reason:
          'ledger device OLD-PUMP-7 has "pump-7.local" as an IP address, which is not one; skipped (fix the device in the ledger)',
      })

      // Through the API: the scan runs to the end and its log (refused list) names the device.
      const started = await app.inject({
        method: 'POST',
        url: '/api/scans',
        headers: engineer.headers,
        payload: { targets: ['127.0.0.88'], ports: '1' },
      })
      expect(started.statusCode).toBe(202)
      const scan = await waitFor(app, engineer, started.json().id)
      expect(scan.status).toBe('completed')
      expect(JSON.stringify(scan.progress.refused)).toContain('OLD-PUMP-7')
    })
  },
)
