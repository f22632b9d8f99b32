import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SYSTEM_ACTOR } from '../../src/core/ports.js'
import type { DeviceRiskFacts } from '../../src/core/risk/facts.js'
import { RiskService } from '../../src/services/risk/risk-service.js'
import type { Storage } from '../../src/storage/database.js'
import { RiskRepository } from '../../src/storage/risk-repository.js'
import { DIALECTS, type TestDialect } from '../helpers/databases.js'
import { type RiskSeed, seedRiskHospital } from './risk-seed.js'

/** A ledger edit during a re-score: a device is deleted after its facts were read and before its score is written. */
describe.each(DIALECTS)('a device deleted during a re-score on $name', (dialect: TestDialect) => {
  let storage: Storage
  let ids: RiskSeed

  beforeAll(async () => {
    storage = await dialect.open()
    ids = await seedRiskHospital(storage)
  })
  afterAll(async () => {
    await storage.close()
  })

  it('reads the facts again and scores the devices that are still there, instead of failing the re-score', async () => {
    const repo = new RiskRepository(storage.db)
    let loads = 0
    // The first read still sees the printer; it is deleted right after, before the scores are written.
    const racing = Object.create(repo) as RiskRepository
    racing.loadFacts = async (opts?: { deviceIds?: readonly string[] }): Promise<DeviceRiskFacts[]> => {
      const facts = await repo.loadFacts(opts)
      if (loads++ === 0) await storage.db.deleteFrom('devices').where('id', '=', ids.printer).execute()
      return facts
    }
    const service = new RiskService(racing, { now: () => new Date('2026-12-02T09:00:00Z') })
    const summary = await service.rescore(SYSTEM_ACTOR)
    expect(loads).toBe(2)
    expect(summary.devices).toBe(2)
    const list = await service.list({ limit: 50, offset: 0 })
    expect(list.items.map((d) => d.deviceId).sort()).toEqual([ids.ventilator, ids.labPc].sort())
  })
})
