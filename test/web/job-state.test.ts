import { describe, expect, it } from 'vitest'
import { JOB_STATES, type JobState } from '../../api/jobs.js'
import {
  importCountsOf,
  isJobActive,
  JOB_POLL_MS,
  jobPercent,
  jobPollInterval,
  jobStateColor,
} from '../../web/src/data/job-state.js'

describe('job state helpers', () => {
  it.each([
    ['queued', true],
    ['running', true],
    ['cancelling', true],
    ['succeeded', false],
    ['failed', false],
    ['cancelled', false],
  ] as const)('%s is active: %s, and is polled only while active', (state, active) => {
    expect(isJobActive(state)).toBe(active)
    expect(jobPollInterval(state)).toBe(active ? JOB_POLL_MS : false)
  })

  it('does not poll when there is no job to show (the first request failed)', () => {
    expect(jobPollInterval(undefined)).toBe(false)
  })

  it('polls about once a second', () => {
    expect(JOB_POLL_MS).toBeGreaterThanOrEqual(500)
    expect(JOB_POLL_MS).toBeLessThanOrEqual(2000)
  })

  it.each([
    [{ done: 0, total: 10, phase: null }, 'running', 0],
    [{ done: 3, total: 10, phase: 'probe' }, 'running', 30],
    [{ done: 2, total: 3, phase: null }, 'running', 67],
    [{ done: 12, total: 10, phase: null }, 'running', 100],
    [{ done: 5, total: null, phase: null }, 'running', null],
    [{ done: 0, total: 0, phase: null }, 'queued', null],
    [{ done: 5, total: null, phase: null }, 'succeeded', 100],
    [{ done: 0, total: 0, phase: null }, 'cancelled', 100],
  ] as const)('percent of %o while %s is %s', (progress, state, pct) => {
    expect(jobPercent(progress, state)).toBe(pct)
  })

  it('has a colour for every state', () => {
    for (const s of JOB_STATES satisfies readonly JobState[]) expect(jobStateColor(s)).toMatch(/^[a-z]+$/)
    expect(jobStateColor('failed')).toBe('red')
    expect(jobStateColor('succeeded')).toBe('teal')
  })
})

describe('importCountsOf', () => {
  it('reads the four counts of an import job', () => {
    expect(importCountsOf({ created: 2, updated: 1, unchanged: 0, rejected: 3, importId: 'i' })).toEqual({
      created: 2,
      updated: 1,
      unchanged: 0,
      rejected: 3,
    })
  })

  it.each([
    [null],
    [{}],
    [{ created: 2, updated: 1, unchanged: 0 }],
    [{ created: '2', updated: 1, unchanged: 0, rejected: 0 }],
  ])('answers null for %o (no or incomplete counts)', (result) => {
    expect(importCountsOf(result)).toBeNull()
  })
})
