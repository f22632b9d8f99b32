/** DeviceService against in-memory ports: save rules, optimistic locking, and what each change audits. */
import { describe, expect, it } from 'vitest'
import { SYSTEM_ACTOR } from '../../src/core/ports.js'
import { buildDevice } from '../factories.js'
import { newTestServices } from '../fakes/ports.js'

const alice = { id: 'u-alice', name: 'alice' }
const bob = { id: 'u-bob', name: 'bob' }

describe('DeviceService', () => {
  it('refuses a stale version with DEVICE_VERSION_CONFLICT naming who changed it, and changes nothing', async () => {
    const { sut, ports } = newTestServices()
    const d = await sut.devices.create(buildDevice({ assetTag: 'ME-1' }), alice)
    await sut.devices.update(d.id, 1, { department: 'ER' }, bob)
    const err = await sut.devices.update(d.id, 1, { department: 'OR' }, alice).catch((e: unknown) => e)
    expect(err).toMatchObject({ code: 'DEVICE_VERSION_CONFLICT', status: 409 })
    expect(String((err as Error).message)).toContain('bob')
    expect((await sut.devices.get(d.id)).department).toBe('ER')
    expect(ports.audit.actions()).toEqual(['device.create', 'device.update'])
  })

  it('an update changes only the fields sent, bumps the version and audits before and after', async () => {
    const { sut, ports } = newTestServices()
    const d = await sut.devices.create(buildDevice({ assetTag: 'ME-2', model: 'X1' }), alice)
    const saved = await sut.devices.update(d.id, 1, { model: 'X2' }, bob)
    expect(saved).toMatchObject({ version: 2, model: 'X2', assetTag: 'ME-2', updatedBy: 'bob' })
    const entry = ports.audit.entries.at(-1)!
    expect(entry).toMatchObject({ action: 'device.update', targetType: 'device', targetId: d.id, actor: 'bob' })
    expect(entry.before).toMatchObject({ model: 'X1', version: 1 })
    expect(entry.after).toMatchObject({ model: 'X2', version: 2 })
  })

  it('refuses a second device with the same asset tag (409) and one that nothing identifies (400)', async () => {
    const { sut, ports } = newTestServices()
    await sut.devices.create(buildDevice({ assetTag: 'DUP-1' }), alice)
    await expect(sut.devices.create(buildDevice({ assetTag: 'DUP-1' }), alice)).rejects.toMatchObject({
      code: 'DEVICE_DUPLICATE_ASSET_TAG',
    })
    await expect(
      sut.devices.create(
        buildDevice({ assetTag: null, serialNumber: null, hostname: null, ipAddresses: [], macAddresses: [] }),
        alice,
      ),
    ).rejects.toMatchObject({ code: 'DEVICE_INVALID' })
    expect(ports.ledger.devices.size).toBe(1)
  })

  it('warns (but saves) when a MAC address is already recorded for another device', async () => {
    const { sut } = newTestServices()
    await sut.devices.create(buildDevice({ assetTag: 'A-1', macAddresses: ['02:00:00:00:aa:01'] }), alice)
    const saved = await sut.devices.create(buildDevice({ assetTag: 'A-2', macAddresses: ['02:00:00:00:aa:01'] }), alice)
    expect(saved.warnings).toMatchObject([{ field: 'macAddresses', value: '02:00:00:00:aa:01' }])
  })

  it('a delete is audited with what was removed', async () => {
    const { sut, ports } = newTestServices()
    const d = await sut.devices.create(buildDevice({ assetTag: 'GONE-1' }), SYSTEM_ACTOR)
    await sut.devices.delete(d.id, alice)
    expect(ports.ledger.devices.size).toBe(0)
    expect(ports.audit.entries.at(-1)).toMatchObject({ action: 'device.delete', before: { assetTag: 'GONE-1' } })
  })
})
