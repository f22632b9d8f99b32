import { describe, expect, it } from 'vitest'
import type { AuditRecord } from '../../src/core/ports.js'
import { JobRunner } from '../../src/services/job-runner.js'
import { MemoryJobStore } from './memory-job-store.js'

const actor = { id: 'u1', name: 'engineer' }

function setup() {
  const store = new MemoryJobStore()
  const audit: AuditRecord[] = []
  const runner = new JobRunner({
    jobs: store,
    audit: { record: async (_a, rec) => void audit.push(...(Array.isArray(rec) ? rec : [rec])) },
    progressIntervalMs: 10,
    heartbeatMs: 10,
  })
  return { store, audit, runner }
}

describe('job runner against an in-memory store', () => {
  it('a cancel answers while the store is blocked (a long SQLite transaction), then persists', async () => {
    const { store, runner, audit } = setup()
    const { job, done } = await runner.start('device-import', { actor, trigger: 'user' }, async (ctx) => {
      if (!ctx.signal.aborted)
        await new Promise<void>((r) => ctx.signal.addEventListener('abort', () => r(), { once: true }))
      throw new Error('rolled back')
    })
    store.block()
    const answer = await runner.cancel(job.id, actor) // must not wait for the store
    expect(answer.state).toBe('cancelling')
    expect((await runner.get(job.id)).state).toBe('cancelling') // from memory, store still blocked
    store.release()
    await expect(done).rejects.toThrow('rolled back')
    const finished = await runner.waitFor(job.id)
    expect(finished).toMatchObject({ state: 'cancelled', error: null })
    expect(store.rows.get(job.id)?.job.state).toBe('cancelled')
    expect(audit.map((a) => a.action)).toEqual(['job.start', 'job.cancel', 'job.finish'])
  })

  it('work that completed despite a late cancel is succeeded when it says it is complete', async () => {
    const { runner } = setup()
    let finish!: () => void
    const gate = new Promise<void>((r) => {
      finish = r
    })
    const { job, done } = await runner.start(
      'device-import',
      { actor, trigger: 'cli', isComplete: () => true },
      async () => {
        await gate
        return { created: 1 }
      },
    )
    await runner.cancel(job.id, actor)
    finish()
    await done
    expect(await runner.waitFor(job.id)).toMatchObject({ state: 'succeeded', result: { created: 1 } })
  })

  it('progress keeps the last total and phase when a call leaves them out', async () => {
    const { runner } = setup()
    let release!: () => void
    const { job, done } = await runner.start('scan', { actor, trigger: 'user' }, async (ctx) => {
      ctx.progress({ done: 1, total: 5, phase: 'sweep' })
      ctx.progress({ done: 2 })
      await new Promise<void>((r) => {
        release = r
      })
      return null
    })
    await expect.poll(async () => (await runner.get(job.id)).progress).toEqual({ done: 2, total: 5, phase: 'sweep' })
    release()
    await done
  })
})
