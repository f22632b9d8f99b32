/** FirstStepsService against in-memory ports: which step is done, next, or waiting. */
import { describe, expect, it } from 'vitest'
import { buildDevice } from '../factories.js'
import { newTestServices } from '../fakes/ports.js'

const admin = { id: 'u-admin', name: 'admin' }
const states = (r: { steps: { id: string; state: string }[] }) =>
  Object.fromEntries(r.steps.map((s) => [s.id, s.state]))

describe('FirstStepsService', () => {
  it('on a fresh install, import and scope are both to do and the rest waits', async () => {
    const { sut } = newTestServices()
    const r = await sut.firstSteps.steps()
    expect(states(r)).toEqual({
      import: 'todo',
      scope: 'todo',
      scan: 'waiting',
      findings: 'waiting',
      reconcile: 'waiting',
    })
    expect(r.openFindings).toEqual({ critical: 0, high: 0, medium: 0, low: 0, info: 0 })
  })

  it('with devices and a scope, the scan is next', async () => {
    const { sut, ports } = newTestServices()
    ports.ledger.seed([buildDevice()])
    await sut.scopes.approve('10.1.0.0/24', {}, admin)
    const r = await sut.firstSteps.steps()
    expect(states(r)).toMatchObject({ import: 'done', scope: 'done', scan: 'todo', findings: 'waiting' })
    expect(r.steps.find((s) => s.id === 'import')?.count).toBe(1)
  })
})
