import { describe, expect, it } from 'vitest'
import { clampInFlight, FD_RESERVE, parseSoftFdLimit } from './fd-limit.js'

describe('fd limits', () => {
  it('parses /proc/self/limits', () => {
    const text =
      'Limit  Soft Limit  Hard Limit  Units\nMax open files            1024                 4096                 files\n'
    expect(parseSoftFdLimit(text)).toBe(1024)
    expect(parseSoftFdLimit('Max open files  unlimited unlimited files')).toBe(Number.MAX_SAFE_INTEGER)
    expect(parseSoftFdLimit('garbage')).toBeNull()
  })
  it('clamps the in-flight cap below the descriptor limit', () => {
    expect(clampInFlight(1500, 1024)).toBe(1024 - FD_RESERVE)
    expect(clampInFlight(100, 20000)).toBe(100)
    expect(clampInFlight(100, 10)).toBe(1)
    expect(clampInFlight(5000, null)).toBe(1024 - FD_RESERVE)
  })
})
