import { describe, expect, it } from 'vitest'
import { SYSTEM_ACTOR } from '../core/actor.js'
import { AssessmentRefresh } from './assessment-refresh.js'

const tick = () => new Promise((r) => setTimeout(r, 5))

describe('AssessmentRefresh', () => {
  it('shares one waiting refresh among callers and queues one more when a change arrives during a refresh', async () => {
    const runs: string[] = []
    let release!: () => void
    const refresh = new AssessmentRefresh(async (actor) => {
      runs.push(actor.name)
      if (runs.length === 1) await new Promise<void>((r) => (release = r))
    })
    const first = refresh.after({ ...SYSTEM_ACTOR, name: 'scan' })
    await tick()
    // While the first runs, three changes arrive: they share the one refresh queued after it.
    const a = refresh.after({ ...SYSTEM_ACTOR, name: 'match' })
    const b = refresh.after({ ...SYSTEM_ACTOR, name: 'ledger' })
    expect(a).toBe(b)
    release()
    await Promise.all([first, a, b])
    expect(runs).toEqual(['scan', 'match'])
  })

  it('turns a failed refresh into a warning and keeps refreshing afterwards', async () => {
    const warnings: string[] = []
    const onWarning = (w: Error) => warnings.push(w.message)
    process.on('warning', onWarning)
    let calls = 0
    const refresh = new AssessmentRefresh(async () => {
      calls++
      if (calls === 1) throw new Error('database gone')
    })
    await expect(refresh.after(SYSTEM_ACTOR)).resolves.toBeUndefined()
    await refresh.after(SYSTEM_ACTOR)
    await tick()
    process.off('warning', onWarning)
    expect(calls).toBe(2)
    expect(warnings.some((w) => w.includes('database gone'))).toBe(true)
  })
})
