import { FINISHED_JOB_STATES, type JobState } from '../../../api/jobs.js'

/** What can happen to a job. */
export type JobEvent = 'start' | 'succeed' | 'fail' | 'requestCancel' | 'cancelled' | 'interrupt'

/**
 * The job state machine as data: `TRANSITIONS[state][event]` is the next state, absent when the event is not
 * allowed (queued → running → succeeded | failed | cancelled; `cancelling` while a cancel waits for the work).
 * A job that was asked to cancel but finished its work anyway is `succeeded`: its results are stored.
 */
export const TRANSITIONS: Readonly<Record<JobState, Partial<Record<JobEvent, JobState>>>> = {
  queued: { start: 'running', requestCancel: 'cancelled', fail: 'failed', interrupt: 'failed' },
  running: {
    succeed: 'succeeded',
    fail: 'failed',
    requestCancel: 'cancelling',
    cancelled: 'cancelled',
    interrupt: 'failed',
  },
  cancelling: { succeed: 'succeeded', fail: 'failed', cancelled: 'cancelled', interrupt: 'failed' },
  succeeded: {},
  failed: {},
  cancelled: {},
}

/** The state after `event`, or null when the event is not allowed in `state` (e.g. cancelling a finished job). */
export function nextJobState(state: JobState, event: JobEvent): JobState | null {
  return TRANSITIONS[state][event] ?? null
}

/** True once a job can no longer change (succeeded, failed, cancelled). */
export function isFinishedJobState(state: JobState): boolean {
  return FINISHED_JOB_STATES.includes(state)
}
