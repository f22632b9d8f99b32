import { afterEach, describe, expect, it, vi } from 'vitest'
import { DeadlineRing } from './deadline-ring.js'

afterEach(() => {
  vi.useRealTimers()
})

/** A ring on fake timers with a clock that follows them. */
function ring(timeoutMs: number) {
  vi.useFakeTimers()
  const fired: { slot: number; at: number }[] = []
  const r = new DeadlineRing(
    timeoutMs,
    (slot) => fired.push({ slot, at: Date.now() }),
    () => Date.now(),
  )
  return { r, fired, t0: Date.now() }
}

describe('DeadlineRing', () => {
  it('fires each slot once, in start order, never before its timeout', () => {
    const { r, fired, t0 } = ring(100)
    r.add(3)
    vi.advanceTimersByTime(40)
    r.add(7)
    r.add(1)
    expect(r.size).toBe(3)
    vi.advanceTimersByTime(59)
    expect(fired).toEqual([])
    vi.advanceTimersByTime(2)
    expect(fired.map((f) => f.slot)).toEqual([3])
    vi.advanceTimersByTime(100)
    expect(fired.map((f) => f.slot)).toEqual([3, 7, 1])
    expect(fired[0]!.at - t0).toBeGreaterThanOrEqual(100)
    expect(fired[1]!.at - t0).toBeGreaterThanOrEqual(140)
    expect(r.size).toBe(0)
  })

  it('a cancelled slot never fires, and a reused slot fires for its new start only', () => {
    const { r, fired, t0 } = ring(100)
    r.add(0)
    r.add(1)
    r.cancel(0)
    vi.advanceTimersByTime(50)
    r.add(0) // slot 0 reused by a later attempt
    r.cancel(1)
    r.cancel(1) // harmless twice
    vi.advanceTimersByTime(60)
    expect(fired).toEqual([])
    vi.advanceTimersByTime(50)
    expect(fired.map((f) => f.slot)).toEqual([0])
    expect(fired[0]!.at - t0).toBeGreaterThanOrEqual(150)
  })

  it('adding a slot that is still pending restarts its deadline', () => {
    const { r, fired } = ring(100)
    r.add(2)
    vi.advanceTimersByTime(60)
    r.add(2)
    expect(r.size).toBe(1)
    vi.advanceTimersByTime(60)
    expect(fired).toEqual([])
    vi.advanceTimersByTime(50)
    expect(fired.map((f) => f.slot)).toEqual([2])
  })

  it('callbacks may add new deadlines (a retry) and cancel others', () => {
    vi.useFakeTimers()
    const fired: number[] = []
    const r: DeadlineRing = new DeadlineRing(
      100,
      (slot) => {
        fired.push(slot)
        if (slot === 0) r.add(5)
        if (slot === 0) r.cancel(1)
      },
      () => Date.now(),
    )
    r.add(0)
    r.add(1)
    vi.advanceTimersByTime(101)
    expect(fired).toEqual([0])
    vi.advanceTimersByTime(101)
    expect(fired).toEqual([0, 5])
    expect(r.size).toBe(0)
  })

  it('holds thousands of slots (grows) and clear() drops them all without a call', () => {
    const { r, fired } = ring(1000)
    for (let s = 0; s < 5000; s++) r.add(s)
    expect(r.size).toBe(5000)
    for (let s = 0; s < 5000; s += 2) r.cancel(s)
    expect(r.size).toBe(2500)
    vi.advanceTimersByTime(1001)
    expect(fired.length).toBe(2500)
    expect(fired.every((f) => f.slot % 2 === 1)).toBe(true)
    for (let s = 0; s < 100; s++) r.add(s)
    r.clear()
    expect(r.size).toBe(0)
    vi.advanceTimersByTime(5000)
    expect(fired.length).toBe(2500)
    expect(vi.getTimerCount()).toBe(0)
  })

  it('keeps the ring short when attempts finish in start order', () => {
    const { r } = ring(1000)
    for (let s = 0; s < 100_000; s++) {
      r.add(s % 64)
      r.cancel(s % 64)
    }
    expect(r.size).toBe(0)
    expect(vi.getTimerCount()).toBe(0)
  })
})
