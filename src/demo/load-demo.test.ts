import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DIALECTS } from '../../test/helpers/databases.js'
import { listAudit } from '../storage/audit-repository.js'
import type { Storage } from '../storage/database.js'
import { DeviceRepository } from '../storage/device-repository.js'
import { DEMO_SITE, demoHospital } from './hospital.js'
import { loadDemo } from './load-demo.js'

const actor = { id: null, name: 'demo' }

describe.each(DIALECTS)('loadDemo on $name', (dialect) => {
  let storage: Storage
  beforeEach(async () => {
    storage = await dialect.open()
  })
  afterEach(async () => {
    await storage.close()
  })

  it('loads every demo device with its addresses, the site and the audit entries', async () => {
    const expected = demoHospital()
    const r = await loadDemo(storage.db, { actor })
    expect(r.created).toBe(expected.length)
    expect(r.removed).toBe(0)
    const repo = new DeviceRepository(storage.db)
    expect(await repo.count()).toBe(expected.length)
    expect(await repo.sites()).toContainEqual({ id: DEMO_SITE.id, name: DEMO_SITE.name })
    const pacs = expected.find((d) => d.category === 'pacs')!
    const found = await repo.findByAddresses('ip', [pacs.ipAddresses[0]!])
    expect(found.get(pacs.ipAddresses[0]!)?.assetTag).toBe(pacs.assetTag)
    const list = await repo.list({ q: 'windows xp', limit: 500 })
    expect(list.total).toBe(expected.filter((d) => d.os?.includes('Windows XP')).length)
    const audit = await listAudit(storage.db, { limit: 10, offset: 0, action: 'demo.load' })
    expect(audit.total).toBe(1)
    expect(audit.items[0]?.after).toMatchObject({ created: expected.length })
    expect((await listAudit(storage.db, { limit: 1, offset: 0, action: 'device.create' })).total).toBe(expected.length)
  })

  it('refuses a ledger that has devices, and replaces them with reset', async () => {
    const few = demoHospital().slice(0, 5)
    await loadDemo(storage.db, { actor, devices: few })
    await expect(loadDemo(storage.db, { actor })).rejects.toMatchObject({ code: 'DEMO_LEDGER_NOT_EMPTY', status: 409 })
    expect(await new DeviceRepository(storage.db).count()).toBe(5)
    const r = await loadDemo(storage.db, { actor, reset: true })
    expect(r.removed).toBe(5)
    expect(await new DeviceRepository(storage.db).count()).toBe(r.created)
    expect((await listAudit(storage.db, { limit: 1, offset: 0, action: 'demo.reset' })).total).toBe(1)
  })

  it('writes nothing when a device cannot be stored', async () => {
    const bad = demoHospital().slice(0, 3)
    // Same asset tag is allowed, but a duplicate address row for one device violates the address primary key.
    bad[1] = { ...bad[1]!, ipAddresses: ['10.0.0.1', '10.0.0.1'] }
    await expect(loadDemo(storage.db, { actor, devices: bad })).rejects.toThrow()
    expect(await new DeviceRepository(storage.db).count()).toBe(0)
    expect((await listAudit(storage.db, { limit: 1, offset: 0 })).total).toBe(0)
  })
})
