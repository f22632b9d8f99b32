import { describe, expect, it } from 'vitest'
import { DeadlineQueue } from './deadlines.js'

describe('DeadlineQueue', () => {
  it('fires in deadline order across buckets and never fires cancelled entries', async () => {
    const q = new DeadlineQueue()
    const fired: string[] = []
    q.add(60, () => fired.push('60'))
    const c = q.add(20, () => fired.push('cancelled'))
    q.add(30, () => fired.push('30'))
    q.add(10, () => fired.push('10'))
    q.cancel(c)
    expect(q.size).toBe(3)
    await new Promise((r) => setTimeout(r, 120))
    expect(fired).toEqual(['10', '30', '60'])
    expect(q.size).toBe(0)
  })

  it('never fires early', async () => {
    const q = new DeadlineQueue()
    const t0 = performance.now()
    const at = await new Promise<number>((resolve) => q.add(40, () => resolve(performance.now())))
    expect(at - t0).toBeGreaterThanOrEqual(40)
  })
})
