/** Job history is part of a backup: a restore brings back every job with its state, progress, result and error. */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { backupDatabase, restoreDatabase } from '../../src/services/backup.js'
import { DatabaseBackupStore } from '../../src/storage/backup-store.js'
import { JobRepository } from '../../src/storage/job-repository.js'
import { buildNewJob } from '../factories/jobs.js'
import { DIALECTS } from '../helpers/databases.js'

describe.each(DIALECTS)('backup and restore of jobs on $name', (dialect) => {
  it('round-trips the job history, and a restore replaces the jobs that were there', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'mamori-backup-jobs-')), 'b.gz')
    const a = await dialect.open()
    const jobs = new JobRepository(a.db)
    const done = await jobs.create(buildNewJob({ kind: 'device-import', subjectId: 'imp-1', trigger: 'cli' }))
    await jobs.update(done.id, {
      state: 'succeeded',
      progress: { done: 2, total: 2, phase: 'write' },
      startedAt: '2026-01-01T00:00:00.000Z',
      finishedAt: '2026-01-01T00:00:05.000Z',
      result: { created: 2 },
    })
    const failed = await jobs.create(buildNewJob({ kind: 'scan', subjectId: 'scan-1' }))
    await jobs.update(failed.id, { state: 'failed', error: { code: 'JOB_INTERRUPTED', message: 'stopped' } })
    const before = [await jobs.get(done.id), await jobs.get(failed.id)]
    const counts = await backupDatabase(new DatabaseBackupStore(a.db), file)
    expect(counts.jobs).toBe(2)
    await a.close()

    const b = await dialect.open()
    const other = await new JobRepository(b.db).create(buildNewJob({ kind: 'scan' }))
    const restored = await restoreDatabase(new DatabaseBackupStore(b.db), file)
    expect(restored.jobs).toBe(2)
    const after = new JobRepository(b.db)
    expect([await after.get(done.id), await after.get(failed.id)]).toEqual(before)
    expect(await after.get(other.id)).toBeNull()
    expect((await after.list({ limit: 10, offset: 0 })).total).toBe(2)
    await b.close()
  })
})
