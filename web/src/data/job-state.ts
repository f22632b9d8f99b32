/**
 * Pure helpers over the job contract (api/jobs.ts): is a job still moving, how far along it is, how often to poll.
 * No fetch here, so test/web/ runs them under Node.
 */
import { FINISHED_JOB_STATES, type JobProgress, type JobState } from '../../../api/jobs.js'

/** How often a job that is still moving is polled (ms): about once a second, as the scan page always did. */
export const JOB_POLL_MS = 1000

/** True while the job is queued, running or cancelling: the states in which its progress can still change. */
export function isJobActive(state: JobState): boolean {
  return !FINISHED_JOB_STATES.includes(state)
}

/**
 * The refetch interval React Query should use for a job in this state: poll while active, stop when finished, and
 * do not poll when there is no job to show (the first request failed: the error is shown instead).
 */
export function jobPollInterval(state: JobState | undefined): number | false {
  return state !== undefined && isJobActive(state) ? JOB_POLL_MS : false
}

/**
 * Percent done (0–100, whole numbers), or null when the total is not known yet (the bar then shows as
 * indeterminate). A finished job with no total counts as 100.
 */
export function jobPercent(progress: JobProgress, state: JobState): number | null {
  if (progress.total !== null && progress.total > 0) {
    return Math.min(100, Math.round((progress.done / progress.total) * 100))
  }
  return isJobActive(state) ? null : 100
}

/** Mantine colour for a state badge. */
export function jobStateColor(state: JobState): string {
  switch (state) {
    case 'succeeded':
      return 'teal'
    case 'failed':
      return 'red'
    case 'cancelled':
    case 'cancelling':
      return 'orange'
    default:
      return 'blue'
  }
}

/** The four counts an import reports. */
export interface ImportCounts {
  created: number
  updated: number
  unchanged: number
  rejected: number
}

/**
 * The counts of an import job's `result` (kind-specific, so read defensively), or null when the job did not
 * report all four: the page then says the import finished without the numbers.
 */
export function importCountsOf(result: Record<string, unknown> | null): ImportCounts | null {
  if (!result) return null
  const n = (k: keyof ImportCounts) => (typeof result[k] === 'number' ? result[k] : null)
  const created = n('created')
  const updated = n('updated')
  const unchanged = n('unchanged')
  const rejected = n('rejected')
  if (created === null || updated === null || unchanged === null || rejected === null) return null
  return { created, updated, unchanged, rejected }
}
