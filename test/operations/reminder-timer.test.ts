/**
 * The daily reminder timer (ADR 0041): the first run comes shortly after `start()`, then one every interval, never two
 * at once; `stop()` ends it; a failing run does not stop the next. Fake timers, no waiting.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { OperationsStore } from '../../src/core/operations/store.js'
import { OperationsService } from '../../src/services/operations/operations-service.js'

function service(reminderSettingsRaw: () => Promise<string | null>) {
  const store = { setting: vi.fn(reminderSettingsRaw) } as unknown as OperationsStore
  const svc = new OperationsService(
    store,
    { addNotification: vi.fn() },
    { clock: { now: () => new Date('2026-12-01T09:00:00Z') }, notify: { deliver: vi.fn() } as never },
  )
  return { svc, setting: store.setting as ReturnType<typeof vi.fn> }
}

describe('reminder timer', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('runs shortly after start, then every interval, until stopped; a failing run does not stop the next', async () => {
    vi.useFakeTimers()
    let calls = 0
    const { svc } = service(async () => {
      calls++
      if (calls === 1) throw new Error('database busy')
      return JSON.stringify({ enabled: false, leadDays: [30], kinds: ['support_end'] })
    })
    svc.start(1_000, 10_000)
    svc.start(1_000, 10_000) // a second start is ignored
    await vi.advanceTimersByTimeAsync(999)
    expect(calls).toBe(0)
    await vi.advanceTimersByTimeAsync(1)
    expect(calls).toBe(1)
    await vi.advanceTimersByTimeAsync(10_000)
    expect(calls).toBe(2)
    await vi.advanceTimersByTimeAsync(10_000)
    expect(calls).toBe(3)
    await svc.stop()
    await vi.advanceTimersByTimeAsync(50_000)
    expect(calls).toBe(3)
  })
})
