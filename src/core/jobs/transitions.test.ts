import { describe, expect, it } from 'vitest'
import { JOB_STATES, type JobState } from '../../../api/jobs.js'
import { jobErrorOf } from './job.js'
import { isFinishedJobState, type JobEvent, nextJobState } from './transitions.js'

describe('job state transitions', () => {
  const cases: [JobState, JobEvent, JobState | null][] = [
    ['queued', 'start', 'running'],
    ['queued', 'requestCancel', 'cancelled'],
    ['queued', 'interrupt', 'failed'],
    ['queued', 'succeed', null],
    ['running', 'succeed', 'succeeded'],
    ['running', 'fail', 'failed'],
    ['running', 'requestCancel', 'cancelling'],
    ['running', 'cancelled', 'cancelled'],
    ['running', 'interrupt', 'failed'],
    ['running', 'start', null],
    ['cancelling', 'cancelled', 'cancelled'],
    ['cancelling', 'succeed', 'succeeded'],
    ['cancelling', 'fail', 'failed'],
    ['cancelling', 'requestCancel', null],
    ['succeeded', 'requestCancel', null],
    ['failed', 'requestCancel', null],
    ['cancelled', 'requestCancel', null],
    ['succeeded', 'start', null],
    ['cancelled', 'interrupt', null],
  ]
  it.each(cases)('%s + %s → %s', (from, event, to) => {
    expect(nextJobState(from, event)).toBe(to)
  })

  it('finished states accept no event at all', () => {
    const events: JobEvent[] = ['start', 'succeed', 'fail', 'requestCancel', 'cancelled', 'interrupt']
    for (const s of JOB_STATES.filter(isFinishedJobState)) for (const e of events) expect(nextJobState(s, e)).toBeNull()
  })

  it.each([
    ['queued', false],
    ['running', false],
    ['cancelling', false],
    ['succeeded', true],
    ['failed', true],
    ['cancelled', true],
  ] as const)('%s is finished: %s', (s, finished) => {
    expect(isFinishedJobState(s)).toBe(finished)
  })
})

describe('jobErrorOf', () => {
  it.each([
    [
      { code: 'IMPORT_STALE', message: 'changed', messageJa: '変更' },
      { code: 'IMPORT_STALE', message: 'changed', messageJa: '変更' },
    ],
    [new Error('boom'), { code: 'JOB_FAILED', message: 'boom' }],
    ['text', { code: 'JOB_FAILED', message: 'text' }],
    [
      { code: 7, message: 'odd' },
      { code: 'JOB_FAILED', message: 'odd' },
    ],
  ])('%o → %o', (err, expected) => {
    expect(jobErrorOf(err)).toEqual(expected)
  })
})
