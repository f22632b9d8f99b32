import { afterEach, describe, expect, it } from 'vitest'
import { JobRunner } from '../../src/services/job-runner.js'
import { AuditRepository, SYSTEM_ACTOR } from '../../src/storage/audit-repository.js'
import type { Storage } from '../../src/storage/database.js'
import { JobRepository } from '../../src/storage/job-repository.js'
import { buildNewJob, DEAD_OWNER } from '../factories/jobs.js'
import { DIALECTS } from '../helpers/databases.js'

const engineer = { id: null, name: 'engineer' }

/** Resolves when `signal` aborts. */
const aborted = (signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal.aborted) resolve()
    else signal.addEventListener('abort', () => resolve(), { once: true })
  })

describe.each(DIALECTS)('job runner on $name', (dialect) => {
  let storage: Storage
  let runner: JobRunner
  const open = async (opts: Partial<ConstructorParameters<typeof JobRunner>[0]> = {}) => {
    storage = await dialect.open()
    runner = new JobRunner({
      jobs: new JobRepository(storage.db),
      audit: new AuditRepository(storage.db),
      progressIntervalMs: 20,
      heartbeatMs: 20,
      ...opts,
    })
    return runner
  }
  const auditActions = async (jobId: string) =>
    (
      await storage.db.selectFrom('auditLog').select('action').where('targetId', '=', jobId).orderBy('id').execute()
    ).map((r) => r.action)
  afterEach(async () => {
    await runner?.shutdown()
    await storage?.close()
  })

  it('runs work in the background, records progress, result and audit', async () => {
    await open()
    let release!: () => void
    const gate = new Promise<void>((r) => {
      release = r
    })
    const { job, done } = await runner.start(
      'device-import',
      { actor: engineer, trigger: 'user', subjectId: 'imp-1' },
      async (ctx) => {
        ctx.progress({ done: 3, total: 10, phase: 'write' })
        await gate
        return { created: 10 }
      },
    )
    expect(job).toMatchObject({ kind: 'device-import', state: 'running', subjectId: 'imp-1', trigger: 'user' })
    await expect
      .poll(async () => (await new JobRepository(storage.db).get(job.id))?.progress)
      .toEqual({
        done: 3,
        total: 10,
        phase: 'write',
      })
    expect((await runner.get(job.id)).progress.done).toBe(3)
    release()
    expect(await done).toEqual({ created: 10 })
    const finished = await runner.waitFor(job.id)
    expect(finished).toMatchObject({ state: 'succeeded', result: { created: 10 }, error: null })
    expect(finished.finishedAt).not.toBeNull()
    expect(await auditActions(job.id)).toEqual(['job.start', 'job.finish'])
    const list = await runner.list({ limit: 10, offset: 0 })
    expect(list.total).toBe(1)
    expect(list.items[0]?.id).toBe(job.id)
    expect((await runner.list({ kind: 'scan', limit: 10, offset: 0 })).total).toBe(0)
  })

  it('writes progress at most about twice a second by default', async () => {
    await open({ progressIntervalMs: undefined })
    const repo = new JobRepository(storage.db)
    let writes = 0
    const update = repo.update.bind(repo)
    repo.update = async (id, patch) => {
      if (patch.progress && !patch.state) writes++
      return update(id, patch)
    }
    runner = new JobRunner({ jobs: repo, audit: new AuditRepository(storage.db) })
    const { done } = await runner.start('scan', { actor: engineer, trigger: 'user' }, async (ctx) => {
      const until = Date.now() + 1_100
      let i = 0
      while (Date.now() < until) {
        ctx.progress({ done: i++, total: null })
        await new Promise((r) => setTimeout(r, 5))
      }
      return null
    })
    await done
    expect(writes).toBeGreaterThanOrEqual(1)
    expect(writes).toBeLessThanOrEqual(4)
  })

  it('records a failure with the error code and message', async () => {
    await open()
    const { job, done } = await runner.start('scan', { actor: engineer, trigger: 'cli' }, async () => {
      throw Object.assign(new Error('The ledger changed.'), { code: 'IMPORT_STALE', messageJa: '台帳が変わりました。' })
    })
    await expect(done).rejects.toThrow('The ledger changed.')
    const failed = await runner.waitFor(job.id)
    expect(failed).toMatchObject({
      state: 'failed',
      error: { code: 'IMPORT_STALE', message: 'The ledger changed.', messageJa: '台帳が変わりました。' },
    })
    expect(await auditActions(job.id)).toEqual(['job.start', 'job.finish'])
  })

  it('cancels at once from memory, then the work stops and the job is cancelled', async () => {
    await open()
    const { job, done } = await runner.start('scan', { actor: engineer, trigger: 'user' }, async (ctx) => {
      await aborted(ctx.signal)
      return { partial: true }
    })
    const answer = await runner.cancel(job.id, SYSTEM_ACTOR)
    expect(answer.state).toBe('cancelling')
    await done
    expect(await runner.waitFor(job.id)).toMatchObject({ state: 'cancelled', result: { partial: true } })
    expect(await auditActions(job.id)).toEqual(['job.start', 'job.cancel', 'job.finish'])
    await expect(runner.cancel(job.id, SYSTEM_ACTOR)).rejects.toMatchObject({ code: 'JOB_FINISHED', status: 409 })
    await expect(runner.cancel('no-such-job', SYSTEM_ACTOR)).rejects.toMatchObject({ status: 404 })
  })

  it('a cancel asked by another process reaches the owner through the database', async () => {
    await open()
    const other = new JobRunner({ jobs: new JobRepository(storage.db), audit: new AuditRepository(storage.db) })
    const { job, done } = await runner.start('scan', { actor: engineer, trigger: 'cli' }, async (ctx) => {
      await aborted(ctx.signal)
      return null
    })
    expect((await other.cancel(job.id, SYSTEM_ACTOR)).state).toBe('cancelling')
    await done
    expect((await runner.waitFor(job.id)).state).toBe('cancelled')
  })

  it('shutdown cancels running work and waits for it to be recorded', async () => {
    await open()
    const { job } = await runner.start('scan', { actor: engineer, trigger: 'schedule' }, async (ctx) => {
      await aborted(ctx.signal)
      return null
    })
    await runner.shutdown()
    expect((await new JobRepository(storage.db).get(job.id))?.state).toBe('cancelled')
  })

  it('on restart, jobs left running by a dead process fail with JOB_INTERRUPTED; live ones are kept', async () => {
    await open()
    const repo = new JobRepository(storage.db)
    const dead = await repo.create(buildNewJob({ owner: DEAD_OWNER }))
    await repo.update(dead.id, { state: 'running', startedAt: new Date().toISOString() })
    const stale = await repo.create(
      buildNewJob({ owner: 'elsewhere:1:x', createdAt: new Date(Date.now() - 3_600_000).toISOString() }),
    )
    await repo.heartbeat([stale.id], new Date(Date.now() - 3_600_000).toISOString())
    const alive = await repo.create(buildNewJob({ owner: 'elsewhere:1:y' }))
    const done = await repo.create(buildNewJob({ owner: DEAD_OWNER }))
    await repo.update(done.id, { state: 'succeeded' })

    expect((await runner.recoverInterrupted()).sort()).toEqual([dead.id, stale.id].sort())
    expect(await repo.get(dead.id)).toMatchObject({ state: 'failed', error: { code: 'JOB_INTERRUPTED' } })
    expect((await repo.get(dead.id))?.finishedAt).not.toBeNull()
    expect((await repo.get(stale.id))?.state).toBe('failed')
    expect((await repo.get(alive.id))?.state).toBe('queued')
    expect((await repo.get(done.id))?.state).toBe('succeeded')
  })

  it('latestBySubject names the newest job of each subject', async () => {
    await open()
    const repo = new JobRepository(storage.db)
    await repo.create(buildNewJob({ subjectId: 's1', createdAt: '2026-01-01T00:00:00.000Z' }))
    const newer = await repo.create(buildNewJob({ subjectId: 's1', createdAt: '2026-01-02T00:00:00.000Z' }))
    const other = await repo.create(buildNewJob({ subjectId: 's2' }))
    const map = await runner.latestBySubject(['s1', 's2', 's3'])
    expect(Object.fromEntries(map)).toEqual({ s1: newer.id, s2: other.id })
  })
})
