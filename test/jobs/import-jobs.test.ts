import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { planDeviceImport } from '../../src/services/import-devices.js'
import { ImportJobs } from '../../src/services/import-jobs.js'
import { JobRunner } from '../../src/services/job-runner.js'
import { AuditRepository } from '../../src/storage/audit-repository.js'
import type { Storage } from '../../src/storage/database.js'
import { createDeviceImportStore } from '../../src/storage/device-import-store.js'
import { JobRepository } from '../../src/storage/job-repository.js'
import { DIALECTS } from '../helpers/databases.js'

const actor = { id: null, name: 'engineer' }
const csv = (rows: number) =>
  new TextEncoder().encode(
    `資産番号,種別,IPアドレス\r\n${Array.from({ length: rows }, (_, i) => `C-${i},医療機器,10.8.${i >> 8}.${i & 255}`).join('\r\n')}\r\n`,
  )

describe.each(DIALECTS)('ledger import commits on the job runner ($name)', (dialect) => {
  let storage: Storage
  let runner: JobRunner
  beforeEach(async () => {
    storage = await dialect.open()
    runner = new JobRunner({ jobs: new JobRepository(storage.db), audit: new AuditRepository(storage.db) })
  })
  afterEach(async () => {
    await runner.shutdown()
    await storage.close()
  })
  const devices = async () =>
    Number(
      (
        await storage.db
          .selectFrom('devices')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )

  it('a cancel during the commit rolls the whole import back', async () => {
    const real = createDeviceImportStore(storage.db)
    let jobId = ''
    // After the first chunk of rows is written inside the transaction, someone cancels the job.
    const store: typeof real = {
      ...real,
      transaction: (fn) =>
        real.transaction((tx) =>
          fn({
            ...tx,
            insertDevices: async (...args: Parameters<typeof tx.insertDevices>) => {
              await tx.insertDevices(...args)
              void runner.cancel(jobId, actor)
            },
          }),
        ),
    }
    const imports = new ImportJobs({ store, jobs: runner })
    const plan = await planDeviceImport(store, csv(6_000), { fileName: 'big.csv' })
    expect(plan.creates.length).toBe(6_000)
    const started = await imports.start(plan, actor, 'cli')
    jobId = started.jobId
    await expect(started.done).rejects.toMatchObject({ code: 'JOB_CANCELLED' })
    expect(await runner.waitFor(jobId)).toMatchObject({ kind: 'device-import', state: 'cancelled', trigger: 'cli' })
    expect(await devices()).toBe(0)
  })

  it('a commit through ImportJobs answers with its job and can be committed once only', async () => {
    const store = createDeviceImportStore(storage.db)
    const imports = new ImportJobs({ store, jobs: runner })
    const user = { id: 'u1', isAdmin: false }
    const preview = await imports.preview({ bytes: csv(3), fileName: 'small.csv' }, crypto.randomUUID(), user)
    expect(preview.toCreate).toBe(3)
    expect(() => imports.mine(preview.importId, { id: 'someone-else', isAdmin: false })).toThrow(/not waiting/)
    const result = await imports.commit(preview.importId, user, actor)
    expect(result).toMatchObject({ created: 3, jobId: expect.any(String) })
    expect(await runner.get(result.jobId)).toMatchObject({ state: 'succeeded', result: { created: 3 } })
    expect(await devices()).toBe(3)
    // Committed once only.
    await expect(imports.commit(preview.importId, user, actor)).rejects.toMatchObject({ code: 'IMPORT_NOT_FOUND' })
  })
})
