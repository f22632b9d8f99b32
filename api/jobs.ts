import { z } from 'zod'

/**
 * Long work (a scan, a ledger import, a scheduled scan; later feed sync, capture ingest, reports) runs as a job:
 * one row in `jobs` with its state and progress, listed at `GET /api/jobs`, read at `GET /api/jobs/:id`, cancelled
 * with `POST /api/jobs/:id/cancel`. The web follows one with `useJob(id)`, the CLI with one progress bar.
 */
export const JOB_KINDS = ['scan', 'device-import', 'disclosure-apply', 'feed-sync', 'vuln-match', 'capture'] as const
export const jobKind = z.enum(JOB_KINDS)
export type JobKind = z.infer<typeof jobKind>

/** queued → running → succeeded | failed | cancelled. `cancelling` while a cancel waits for the work to stop. */
export const JOB_STATES = ['queued', 'running', 'cancelling', 'succeeded', 'failed', 'cancelled'] as const
export const jobState = z.enum(JOB_STATES)
export type JobState = z.infer<typeof jobState>
export const FINISHED_JOB_STATES: readonly JobState[] = ['succeeded', 'failed', 'cancelled']

export const JOB_TRIGGERS = ['user', 'schedule', 'cli'] as const

export const jobProgress = z.object({
  /** Units done so far (hosts, rows). */
  done: z.number().int().nonnegative(),
  /** Units in all, when known. */
  total: z.number().int().nonnegative().nullable(),
  /** What the job is doing now: a stable key the UI translates (`jobs.phase.<key>`), e.g. `sweep`, `probe`, `write`. */
  phase: z.string().nullable(),
})
export type JobProgress = z.infer<typeof jobProgress>

export const job = z.object({
  id: z.string(),
  kind: jobKind,
  state: jobState,
  progress: jobProgress,
  /** What the job works on: the scan id for scans, the import id for imports. */
  subjectId: z.string().nullable(),
  trigger: z.enum(JOB_TRIGGERS),
  createdBy: z.object({ id: z.string().nullable(), name: z.string() }).nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  /** A small summary of what the job produced (counts), kind-specific. */
  result: z.record(z.string(), z.unknown()).nullable(),
  /** Why it failed, in the API error shape's words. */
  error: z.object({ code: z.string(), message: z.string(), messageJa: z.string().optional() }).nullable(),
})
export type Job = z.infer<typeof job>

export const jobQuery = z.object({
  kind: jobKind.optional(),
  state: jobState.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
})
export const jobList = z.object({ items: z.array(job), total: z.number().int() })
export type JobList = z.infer<typeof jobList>
