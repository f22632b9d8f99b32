import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { ModelCatalogService } from '../../src/services/model-catalog.js'
import { openStorage } from '../../src/storage/database.js'
import { DeviceRepository } from '../../src/storage/device-repository.js'
import { ModelCatalogRepository } from '../../src/storage/model-catalog-repository.js'
import { buildDevice } from '../factories.js'
import { mamori } from '../helpers/cli.js'

describe('mamori models', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'mamori-models-'))
  let modelId = ''

  beforeAll(async () => {
    const init = await mamori(dataDir, ['init', '--json'], { MAMORI_ADMIN_PASSWORD: 'Cli-Test-Password-1' })
    expect(init.code).toBe(0)
    const storage = openStorage({ dataDir })
    try {
      const ledger = new DeviceRepository(storage.db)
      await ledger.createMany(
        [
          buildDevice({ assetTag: 'CLI-1', manufacturer: '日本光電工業株式会社', model: 'BSM-6501' }),
          buildDevice({ assetTag: 'CLI-2', manufacturer: 'ﾆﾎﾝｺｳﾃﾞﾝ', model: 'BSM 6501' }),
        ],
        { id: null, name: 'seed' },
      )
      const catalog = new ModelCatalogService(new ModelCatalogRepository(storage.db), ledger)
      modelId = (await catalog.create({ id: null, name: 'seed' }, { manufacturer: '日本光電', name: 'BSM-6501' })).id
    } finally {
      await storage.close()
    }
  }, 120_000)

  it('suggests links over the ledger and prints what it proposed', async () => {
    const r = await mamori(dataDir, ['models', 'link', '--suggest', '--json'])
    expect(r.code).toBe(0)
    const out = JSON.parse(r.stdout)
    expect(out.counts).toMatchObject({ devices: 2, suggested: 1, unmatched: 1 })
    expect(out.models[0]).toMatchObject({ id: modelId, suggested: 1 })
    const human = await mamori(dataDir, ['models', 'link', '--suggest'])
    expect(human.stdout).toContain('機器 2 台')
  }, 180_000)

  it('links a device by asset tag to a model named as "MAKER MODEL", then lists and shows it', async () => {
    const link = await mamori(dataDir, ['models', 'link', 'CLI-2', 'Nihon Kohden BSM-6501', '--json'])
    expect(link.code).toBe(0)
    expect(JSON.parse(link.stdout).link).toMatchObject({ modelId, state: 'confirmed' })
    const list = JSON.parse((await mamori(dataDir, ['models', 'list', '--json'])).stdout)
    expect(list).toEqual([expect.objectContaining({ id: modelId, vendor: 'Nihon Kohden', confirmed: 1, suggested: 1 })])
    const table = await mamori(dataDir, ['models', 'list'])
    expect(table.stdout).toContain('CONFIRMED')
    const show = JSON.parse((await mamori(dataDir, ['models', 'show', '日本光電 BSM6501', '--json'])).stdout)
    expect(show.devices.map((d: { assetTag: string }) => d.assetTag)).toEqual(['CLI-1', 'CLI-2'])
  }, 180_000)

  it('fails with a clear message and exit code for an unknown model or device', async () => {
    const unknown = await mamori(dataDir, ['models', 'show', '日本光電 XYZ-1'])
    expect(unknown.code).toBe(4)
    expect(unknown.stderr).toContain('カタログにありません')
    const noDevice = await mamori(dataDir, ['models', 'link', 'NO-SUCH-TAG', modelId, '--json'])
    expect(JSON.parse(noDevice.stdout).error.code).toBe('NOT_FOUND')
    const unreadable = await mamori(dataDir, ['models', 'show', 'gibberish'])
    expect(unreadable.code).toBe(3)
    expect(unreadable.stderr).not.toMatch(/at .*\.ts:\d+/)
  }, 180_000)
})
