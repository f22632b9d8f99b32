import type { JOB_TRIGGERS, Job, JobKind, JobProgress, JobState } from '../../../api/jobs.js'
import { bilingual } from '../messages/translate.js'

export type { Job, JobKind, JobProgress, JobState }

/** How a job was started: by a person in the UI/API, by a schedule, or from the command line. */
export type JobTrigger = (typeof JOB_TRIGGERS)[number]

/** Why a job failed, in the API error shape's words. */
export type JobError = NonNullable<Job['error']>

/** Who started a job (null: the system). */
export type JobCreator = Job['createdBy']

/** Stable code of a job left `queued`/`running` by a process that is gone (crash, kill, power loss). */
export const JOB_INTERRUPTED = 'JOB_INTERRUPTED'

/** The error recorded on a job whose process died before it finished. */
export const INTERRUPTED_ERROR: JobError = (() => {
  const text = bilingual(`errors.${JOB_INTERRUPTED}`)
  return { code: JOB_INTERRUPTED, message: text.en, messageJa: text.ja }
})()

/** The error recorded on a job whose work threw something that is not a MamoriError-like value. */
export function jobErrorOf(err: unknown): JobError {
  if (typeof err === 'object' && err !== null) {
    const e = err as { code?: unknown; message?: unknown; messageJa?: unknown }
    const message = typeof e.message === 'string' ? e.message : String(err)
    const code = typeof e.code === 'string' ? e.code : 'JOB_FAILED'
    return typeof e.messageJa === 'string' ? { code, message, messageJa: e.messageJa } : { code, message }
  }
  return { code: 'JOB_FAILED', message: String(err) }
}
