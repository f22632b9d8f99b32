import { describe, expect, it } from 'vitest'
import { ModelCatalogService } from '../../src/services/model-catalog.js'
import { buildDevice } from '../factories.js'
import { newFakePorts } from '../fakes/ports.js'

/** The service's decisions over the in-memory fakes (the storage rules themselves are tested on both databases). */
function setup() {
  const ports = newFakePorts()
  const catalog = new ModelCatalogService(ports.catalog, ports.ledger)
  return { ports, catalog }
}
const alice = { id: null, name: 'alice' }

describe('ModelCatalogService over fakes', () => {
  it('seeds the built-in aliases once per process and maps vendor text through them', async () => {
    const { ports, catalog } = setup()
    await catalog.aliases()
    await catalog.aliases()
    expect(ports.audit.actions().filter((a) => a === 'alias.seed')).toHaveLength(1)
    const m = await catalog.create(alice, { manufacturer: 'ＧＥヘルスケア・ジャパン㈱', name: 'CARESCAPE B650' })
    expect(m.vendor).toBe('GE HealthCare')
  })

  it('resolveOrCreate returns the only model of a name, else the open-ended one, else creates one', async () => {
    const { catalog } = setup()
    const ranged = await catalog.create(alice, {
      manufacturer: 'テルモ',
      name: 'TE-LM800',
      versionFrom: '1.0',
      versionTo: '1.9',
    })
    expect((await catalog.resolveOrCreate(alice, { manufacturer: 'Terumo', model: 'TE LM800' })).id).toBe(ranged.id)
    await catalog.create(alice, { manufacturer: 'テルモ', name: 'TE-LM800', versionFrom: '2.0' })
    const open = await catalog.resolveOrCreate(alice, { manufacturer: 'テルモ株式会社', model: 'TE-LM800' })
    expect([open.versionFrom, open.versionTo]).toEqual([null, null])
    expect((await catalog.resolveOrCreate(alice, { manufacturer: 'Terumo', model: 'TELM800' })).id).toBe(open.id)
    expect(
      (await catalog.resolveOrCreate(alice, { manufacturer: 'Terumo', model: 'TE-LM800', versionFrom: '2.0' }))
        .versionFrom,
    ).toBe('2.0')
    expect((await catalog.list()).length).toBe(3)
  })

  it('refuses empty names and a backwards version range, in both languages', async () => {
    const { catalog } = setup()
    await expect(catalog.create(alice, { manufacturer: '株式会社', name: 'X' })).rejects.toMatchObject({
      code: 'MODEL_INVALID',
    })
    const e = await catalog
      .create(alice, { manufacturer: 'Acme', name: ' - ', versionFrom: '2', versionTo: '1' })
      .catch((x) => x)
    expect(e.message).toContain('the model name is empty')
    expect(e.messageJa).toContain('型式が空です')
    expect(e.messageJa).toContain('バージョン開始「2」が終了「1」より後です')
  })

  it('confirm needs a link; link by asset tag and "MAKER MODEL" text', async () => {
    const { ports, catalog } = setup()
    // The fake catalog reads its own device list; the ledger answers the asset tag.
    const [d] = await ports.ledger.insert([buildDevice({ assetTag: 'ME-1' })], alice, () => ({
      action: 'device.create',
    }))
    ports.catalog.devices.push({
      id: d!.id,
      assetTag: 'ME-1',
      manufacturer: '日本光電',
      model: 'BSM-6501',
      softwareVersion: null,
    })
    await catalog.create(alice, { manufacturer: '日本光電', name: 'BSM-6501' })
    await expect(catalog.confirm(alice, 'ME-1')).rejects.toMatchObject({ code: 'DEVICE_NOT_LINKED' })
    expect((await catalog.suggestLinks(alice)).suggested).toBe(1)
    expect((await catalog.confirm(alice, 'ME-1')).state).toBe('confirmed')
    const relinked = await catalog.link(alice, 'ME-1', 'Nihon Kohden BSM-6501')
    expect(relinked.confidence).toBe(0.95)
    expect(ports.audit.actions().filter((a) => a.startsWith('model-link'))).toEqual([
      'model-link.suggest',
      'model-link.confirm',
      'model-link.confirm',
    ])
  })
})
