/**
 * "Add to ledger" creates the device and links the discovered host in one transaction: if the link fails, no device
 * and no audit row are left behind. Both databases.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SYSTEM_ACTOR } from '../../src/storage/audit-repository.js'
import type { Storage } from '../../src/storage/database.js'
import { DeviceRepository } from '../../src/storage/device-repository.js'
import { DiscoveryRepository } from '../../src/storage/discovery-repository.js'
import { buildDevice } from '../factories.js'
import { DIALECTS } from '../helpers/databases.js'

describe.each(DIALECTS)('creating a device together with linking its host on $name', (dialect) => {
  let storage: Storage
  beforeAll(async () => {
    storage = await dialect.open()
  })
  afterAll(async () => storage?.close())

  it('leaves no device and no audit row when the link fails', async () => {
    const devices = new DeviceRepository(storage.db)
    const before = await devices.count()
    const audits = async () =>
      Number(
        (
          await storage.db
            .selectFrom('auditLog')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      )
    const auditBefore = await audits()
    await expect(
      devices.create(buildDevice({ assetTag: 'LINK-FAILS-1' }), SYSTEM_ACTOR, (trx, device) =>
        new DiscoveryRepository(trx).linkHost('no-such-host', device.id),
      ),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' })
    expect(await devices.count()).toBe(before)
    expect(await audits()).toBe(auditBefore)
  })
})
