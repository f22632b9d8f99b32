import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { backupDatabase, restoreDatabase } from '../../src/services/backup.js'
import { recordAudit, SYSTEM_ACTOR } from '../../src/storage/audit-repository.js'
import { DatabaseBackupStore } from '../../src/storage/backup-store.js'
import { DeviceRepository } from '../../src/storage/device-repository.js'
import { buildDevice } from '../factories.js'
import { DIALECTS } from '../helpers/databases.js'

describe.each(DIALECTS)('backup and restore on $name', (dialect) => {
  it('round-trips every table and keeps the audit sequence usable', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mamori-backup-'))
    const file = join(dir, 'b.gz')
    const a = await dialect.open()
    await new DeviceRepository(a.db).createMany(
      [buildDevice({ assetTag: 'B-1' }), buildDevice({ assetTag: 'B-2' })],
      SYSTEM_ACTOR,
    )
    const counts = await backupDatabase(new DatabaseBackupStore(a.db), file)
    expect(counts.devices).toBe(2)
    expect(counts.auditLog).toBe(2)
    await a.close()

    const b = await dialect.open()
    await new DeviceRepository(b.db).createMany([buildDevice({ assetTag: 'OTHER' })], SYSTEM_ACTOR)
    const restored = await restoreDatabase(new DatabaseBackupStore(b.db), file)
    expect(restored.devices).toBe(2)
    const tags = (await new DeviceRepository(b.db).list({ limit: 10 })).items.map((d) => d.assetTag)
    expect(tags).toEqual(['B-1', 'B-2'])
    // New audit entries after a restore must not collide with restored ids.
    await recordAudit(b.db, SYSTEM_ACTOR, { action: 'after.restore' })
    await b.close()
  })

  it('refuses a damaged backup and changes nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mamori-backup-'))
    const s = await dialect.open()
    await new DeviceRepository(s.db).createMany([buildDevice({ assetTag: 'KEEP' })], SYSTEM_ACTOR)
    const notGzip = join(dir, 'x.gz')
    writeFileSync(notGzip, 'hello')
    await expect(restoreDatabase(new DatabaseBackupStore(s.db), notGzip)).rejects.toThrow(
      /not a readable Mamori backup/,
    )
    const truncated = join(dir, 't.gz')
    writeFileSync(
      truncated,
      gzipSync(
        `${JSON.stringify({ format: 'mamori-backup', version: 1, createdAt: '', migrations: ['0001-ledger'] })}\n{"t":"devices","r":{"id":`,
      ),
    )
    await expect(restoreDatabase(new DatabaseBackupStore(s.db), truncated)).rejects.toThrow(/line 2 is not valid JSON/)
    expect((await new DeviceRepository(s.db).list({})).items.map((d) => d.assetTag)).toEqual(['KEEP'])
    await s.close()
  })
})
