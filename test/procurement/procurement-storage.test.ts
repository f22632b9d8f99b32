/**
 * Procurement storage on both databases (ADR 0039): each change with its audit entry in the same transaction (a
 * failing write leaves neither), the requirement set row and bids coming back whole from a backup.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Actor } from '../../src/core/actor.js'
import type { ModelCatalogService } from '../../src/services/model-catalog.js'
import { ProcurementService } from '../../src/services/procurement/procurement-service.js'
import { AuditRepository } from '../../src/storage/audit-repository.js'
import { BACKUP_TABLES, DatabaseBackupStore } from '../../src/storage/backup-store.js'
import type { Storage } from '../../src/storage/database.js'
import { procurementStoragePorts } from '../../src/storage/procurement-repository.js'
import { PROCUREMENT_BACKUP_TABLES } from '../../src/storage/schema-procurement.js'
import { DIALECTS } from '../helpers/databases.js'

const clock = { now: () => new Date('2026-12-03T09:00:00Z') }
const alice: Actor = { id: null, name: 'alice' }
const noCatalog = {
  exists: async () => {
    throw new Error('no catalog in this test')
  },
} as unknown as ModelCatalogService

describe.each(DIALECTS)('procurement storage on $name', (dialect) => {
  let storage: Storage
  let service: ProcurementService

  beforeAll(async () => {
    storage = await dialect.open()
    const { procurementStore } = procurementStoragePorts(storage.db)
    service = new ProcurementService(procurementStore, clock, new AuditRepository(storage.db), noCatalog, {} as never)
  })
  afterAll(async () => {
    await storage.close()
  })

  it('lists its tables for backups', () => {
    expect(PROCUREMENT_BACKUP_TABLES).toEqual(['procurementRequirementSet', 'procurementBids'])
    for (const t of PROCUREMENT_BACKUP_TABLES) expect(BACKUP_TABLES).toContain(t)
  })

  it('writes a bid and its audit entry together; a failing audit leaves no bid', async () => {
    const b = await service.createBid(alice, {
      tender: 'T',
      vendor: 'V',
      manufacturer: 'M',
      model: 'X',
      answers: [{ itemId: 'P-01', answer: 'yes' }],
    })
    const log = await storage.db.selectFrom('auditLog').selectAll().where('targetId', '=', b.id).execute()
    expect(log.map((l) => l.action)).toEqual(['procurement.bid.create'])
    // An audit entry that cannot be written (a circular value) fails inside the transaction: the bid is not kept.
    const circular: Record<string, unknown> = {}
    circular.self = circular
    const { procurementStore } = procurementStoragePorts(storage.db)
    await expect(
      procurementStore.insertBid({ ...(await procurementStore.getBid(b.id))!, id: 'second', vendor: 'W' }, alice, {
        action: 'procurement.bid.create',
        targetId: 'second',
        after: circular,
      }),
    ).rejects.toThrow()
    expect((await service.bids()).items.map((x) => x.vendor)).toEqual(['V'])
  })

  it('keeps the edited set and the bids through a backup and restore', async () => {
    const set = await service.requirements()
    await service.putRequirements(alice, { name: '病院版', version: '2027', items: set.items.slice(0, 3) })
    const before = { set: await service.requirements(), bids: await service.bids() }
    const backup = new DatabaseBackupStore(storage.db)
    const saved: Record<string, unknown[]> = {}
    await backup.snapshot(async (page) => {
      for (const t of backup.tables) saved[t] = await page(t, 0, 100_000)
    })
    await service.clear(alice)
    expect((await service.bids()).items).toEqual([])
    expect((await service.requirements()).builtIn).toBe(true)
    await backup.replaceAll(async (insert) => {
      for (const t of backup.tables) await insert(t, saved[t] as never)
    })
    expect(await service.requirements()).toEqual(before.set)
    expect(await service.bids()).toEqual(before.bids)
    expect(before.set.items).toHaveLength(3)
    expect(before.bids.items[0]!.score.total).toBe(3)
  })
})
