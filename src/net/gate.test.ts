import { describe, expect, it } from 'vitest'
import { ScopeGuard } from '../core/discovery/scope.js'
import { ConnectionGate, RATE_MARGIN, ScopeViolation } from './gate.js'

const scope = new ScopeGuard(['127.0.0.0/8'])

describe('ConnectionGate', () => {
  it('refuses addresses outside the scope before anything else', () => {
    const g = new ConnectionGate(
      { perHostConcurrency: 9, perHostRate: null, globalRate: null, globalConcurrency: 9 },
      scope,
    )
    expect(() => g.tryAcquire('10.0.0.1')).toThrow(ScopeViolation)
    expect(() => g.enqueue('10.0.0.1', () => {})).toThrow(/outside every approved scope/)
    expect(g.stats.started).toBe(0)
  })

  it('holds per-host and global concurrency and hands slots over on release', async () => {
    const g = new ConnectionGate(
      { perHostConcurrency: 2, perHostRate: null, globalRate: null, globalConcurrency: 3 },
      scope,
    )
    expect(g.tryAcquire('127.0.0.1')).toBe(true)
    expect(g.tryAcquire('127.0.0.1')).toBe(true)
    expect(g.tryAcquire('127.0.0.1')).toBe(false) // host full
    expect(g.tryAcquire('127.0.0.2')).toBe(true)
    expect(g.tryAcquire('127.0.0.3')).toBe(false) // global full
    const order: string[] = []
    g.enqueue('127.0.0.3', () => order.push('a'))
    await Promise.resolve()
    expect(order).toEqual([])
    g.release('127.0.0.1')
    expect(order).toEqual(['a'])
    expect(g.stats.maxGlobalInFlight).toBe(3)
    expect(g.stats.maxHostInFlight).toBe(2)
  })

  it('spaces starts by at least 1000/rate ms (plus the margin)', async () => {
    const g = new ConnectionGate(
      { perHostConcurrency: 10, perHostRate: 20, globalRate: null, globalConcurrency: 10 },
      scope,
    )
    // Stamped when the gate grants (inside its timer), not when an awaiting test resumes: a promise resolved late on
    // a busy machine would make the next gap look short although the gate spaced the grants correctly.
    const times: number[] = []
    for (let i = 0; i < 5; i++) {
      await new Promise<void>((granted) =>
        g.enqueue('127.0.0.1', () => {
          times.push(performance.now())
          granted()
        }),
      )
      g.release('127.0.0.1')
    }
    const gaps = times.slice(1).map((t, i) => t - times[i]!)
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(50 * (1 + RATE_MARGIN) - 1)
  })

  it('acquire rejects on abort and withdraws from the queue', async () => {
    const g = new ConnectionGate(
      { perHostConcurrency: 1, perHostRate: null, globalRate: null, globalConcurrency: 1 },
      scope,
    )
    expect(g.tryAcquire('127.0.0.1')).toBe(true)
    const c = new AbortController()
    const p = g.acquire('127.0.0.1', c.signal)
    c.abort(new Error('stop'))
    await expect(p).rejects.toThrow('stop')
    g.release('127.0.0.1')
    expect(g.inFlight).toBe(0)
    expect(g.tryAcquire('127.0.0.1')).toBe(true)
  })
})
