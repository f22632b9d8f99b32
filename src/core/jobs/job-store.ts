import type { Job, JobCreator, JobError, JobKind, JobProgress, JobState, JobTrigger } from './job.js'

/** A job as first written (state `queued`, no progress). */
export interface NewJob {
  id: string
  kind: JobKind
  subjectId: string | null
  trigger: JobTrigger
  createdBy: JobCreator
  createdAt: string
  /** The process that will run it (host:pid:boot), so a restart can tell its own dead jobs from live ones. */
  owner: string
}

/** Fields a runner changes as a job moves on; absent fields stay as they are. */
export interface JobPatch {
  state?: JobState
  progress?: JobProgress
  subjectId?: string | null
  startedAt?: string
  finishedAt?: string
  result?: Record<string, unknown> | null
  error?: JobError | null
  heartbeatAt?: string
}

export interface JobListQuery {
  kind?: JobKind
  state?: JobState
  limit: number
  offset: number
}

/**
 * Where jobs are kept (the `jobs` table): the port the job runner needs, implemented by
 * `src/storage/job-repository.ts` and by in-memory fakes in tests.
 */
export interface JobStore {
  create(job: NewJob): Promise<Job>
  update(id: string, patch: JobPatch): Promise<void>
  /** The job, or null when there is none with this id. */
  get(id: string): Promise<Job | null>
  /** Newest first. */
  list(q: JobListQuery): Promise<{ items: Job[]; total: number }>
  /** The newest job of each subject (scan id, import id): subject id → job id. */
  latestBySubject(subjectIds: readonly string[]): Promise<Map<string, string>>
  /** Asks the owning process to stop the job (seen on its next heartbeat); a no-op on a finished job. */
  requestCancel(id: string): Promise<void>
  /** Ids, among `ids`, of jobs someone asked to cancel. */
  cancelRequested(ids: readonly string[]): Promise<Set<string>>
  /** Refreshes the heartbeat of the running jobs `ids` (one write for all). */
  heartbeat(ids: readonly string[], at: string): Promise<void>
  /** Unfinished jobs (queued, running, cancelling) with their owner and heartbeat. */
  unfinished(): Promise<{ id: string; owner: string | null; heartbeatAt: string | null; createdAt: string }[]>
}
