import { randomUUID } from 'node:crypto'
import { hostname } from 'node:os'
import { MamoriError, notFound } from '../core/errors.js'
import {
  INTERRUPTED_ERROR,
  type Job,
  type JobError,
  type JobKind,
  type JobProgress,
  type JobTrigger,
  jobErrorOf,
} from '../core/jobs/job.js'
import type { JobListQuery, JobStore } from '../core/jobs/job-store.js'
import { isFinishedJobState, nextJobState } from '../core/jobs/transitions.js'
import type { Actor, AuditLog } from '../core/ports.js'

/** What a job's work gets: a signal to stop on, and a way to report progress (cheap: written at most ~2/s). */
export interface JobContext {
  readonly jobId: string
  readonly signal: AbortSignal
  progress(p: { done: number; total?: number | null; phase?: string | null }): void
}

export interface JobStartOptions<R> {
  /** What the job works on (scan id, import id). */
  subjectId?: string | null
  actor: Actor
  trigger: JobTrigger
  /** The small summary stored as the job's `result` (default: the work's return value when it is an object). */
  summarize?: (result: R) => Record<string, unknown> | null
  /**
   * Whether work that returned after a cancel still did all of it (an import whose transaction committed): then the
   * job is `succeeded`. By default a cancelled job that returns is `cancelled` (a stopped scan keeps partial results).
   */
  isComplete?: (result: R) => boolean
}

/** A started job: its first state and the work's own outcome (rejects with the work's error). */
export interface StartedJob<R> {
  job: Job
  done: Promise<R>
}

export interface JobRunnerDeps {
  jobs: JobStore
  audit: Pick<AuditLog, 'record'>
  /** Least time between two progress writes of one job (default 500 ms: at most 2 writes a second). */
  progressIntervalMs?: number
  /** How often running jobs refresh their heartbeat and look for a cancel asked by another process (1 s). */
  heartbeatMs?: number
  /** A running job whose heartbeat is older than this belongs to a dead process (default 60 s). */
  staleAfterMs?: number
  /** This process's name in `jobs.owner` (default host:pid:random). */
  owner?: string
  now?: () => Date
}

interface Live {
  job: Job
  controller: AbortController
  settled: Promise<unknown>
  lastWrite: number
  pendingWrite: NodeJS.Timeout | null
  writes: Promise<void>
}

const jobAlreadyFinished = (job: Job) =>
  MamoriError.of('JOB_FINISHED', { id: job.id, state: { en: job.state, ja: STATE_JA[job.state] } })

const STATE_JA: Record<Job['state'], string> = {
  queued: '待機中',
  running: '実行中',
  cancelling: '取り消し中',
  succeeded: '完了',
  failed: '失敗',
  cancelled: '取り消し済み',
}

/**
 * Runs long work (scans, ledger imports, scheduled scans; later feed sync, capture ingest, reports) as jobs
 * (Outline `BaseTask`, Immich `@OnJob`): one `jobs` row with state, throttled progress, result or error, and audit
 * entries `job.start`, `job.finish`, `job.cancel`. The work runs in the background; `waitFor` awaits it.
 *
 * A cancel first aborts the work's AbortSignal and answers from memory, then writes: with SQLite a long write
 * transaction (an import commit) holds the only connection, and the cancel must not wait behind it.
 * A job started by another process (the CLI beside the server) is cancelled through `cancel_requested`, which its
 * owner reads on its next heartbeat.
 */
export class JobRunner {
  private readonly live = new Map<string, Live>()
  private readonly background = new Set<Promise<unknown>>()
  private readonly owner: string
  private readonly now: () => Date
  private heartbeat: NodeJS.Timeout | null = null

  constructor(private readonly deps: JobRunnerDeps) {
    this.owner = deps.owner ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`
    this.now = deps.now ?? (() => new Date())
  }

  /**
   * Marks jobs left `queued`/`running`/`cancelling` by a dead process as failed (JOB_INTERRUPTED): the owner is
   * this host and its pid is gone, or its heartbeat stopped long ago. Call once at startup. Returns their ids.
   */
  async recoverInterrupted(): Promise<string[]> {
    const failed: string[] = []
    for (const j of await this.deps.jobs.unfinished()) {
      if (this.live.has(j.id) || !this.isOrphan(j)) continue
      await this.deps.jobs.update(j.id, {
        state: 'failed',
        finishedAt: this.now().toISOString(),
        error: INTERRUPTED_ERROR,
      })
      failed.push(j.id)
    }
    return failed
  }

  /** Records a job and starts `work` in the background. */
  async start<R>(
    kind: JobKind,
    opts: JobStartOptions<R>,
    work: (ctx: JobContext) => Promise<R>,
  ): Promise<StartedJob<R>> {
    const { jobs, audit } = this.deps
    const id = randomUUID()
    const createdAt = this.now().toISOString()
    const createdBy = { id: opts.actor.id, name: opts.actor.name }
    const queued = await jobs.create({
      id,
      kind,
      subjectId: opts.subjectId ?? null,
      trigger: opts.trigger,
      createdBy,
      createdAt,
      owner: this.owner,
    })
    const startedAt = this.now().toISOString()
    const job: Job = { ...queued, state: 'running', startedAt }
    await jobs.update(id, { state: 'running', startedAt })
    await audit.record(opts.actor, {
      action: 'job.start',
      targetType: 'job',
      targetId: id,
      after: { kind, subjectId: job.subjectId, trigger: opts.trigger },
    })
    const live: Live = {
      job,
      controller: new AbortController(),
      settled: Promise.resolve(),
      lastWrite: 0,
      pendingWrite: null,
      writes: Promise.resolve(),
    }
    this.live.set(id, live)
    this.ensureHeartbeat()
    const done = this.execute(live, opts, work)
    live.settled = done.catch(() => {})
    this.track(live.settled)
    return { job: { ...job }, done }
  }

  private async execute<R>(live: Live, opts: JobStartOptions<R>, work: (ctx: JobContext) => Promise<R>): Promise<R> {
    const { job, controller } = live
    const ctx: JobContext = {
      jobId: job.id,
      signal: controller.signal,
      progress: (p) => this.progress(live, p),
    }
    let outcome: { ok: true; value: R } | { ok: false; error: unknown }
    try {
      // A macrotask first: the caller gets its StartedJob before the work's first synchronous steps run.
      await new Promise((r) => setImmediate(r))
      outcome = { ok: true, value: await work(ctx) }
    } catch (error) {
      outcome = { ok: false, error }
    }
    const complete = outcome.ok && opts.isComplete?.(outcome.value) === true
    const aborted = controller.signal.aborted && !complete
    const state = aborted ? 'cancelled' : outcome.ok ? 'succeeded' : 'failed'
    const result = outcome.ok ? (opts.summarize ? opts.summarize(outcome.value) : asRecord(outcome.value)) : null
    const error: JobError | null = outcome.ok || aborted ? null : jobErrorOf(outcome.error)
    if (live.pendingWrite) clearTimeout(live.pendingWrite)
    // Let queued writes (progress, a cancel that arrived meanwhile) land first, so the final write is the last one.
    for (let w = live.writes; ; w = live.writes) {
      await w
      if (w === live.writes) break
    }
    Object.assign(job, { state, finishedAt: this.now().toISOString(), result, error })
    try {
      await this.deps.jobs.update(job.id, {
        state,
        progress: job.progress,
        finishedAt: job.finishedAt ?? undefined,
        result,
        error,
      })
      await this.deps.audit.record(opts.actor, {
        action: 'job.finish',
        targetType: 'job',
        targetId: job.id,
        after: { kind: job.kind, subjectId: job.subjectId, state, ...(error ? { error: error.code } : {}) },
      })
    } finally {
      this.live.delete(job.id)
      if (this.live.size === 0) this.stopHeartbeat()
    }
    if (!outcome.ok) throw outcome.error
    return outcome.value
  }

  /** Updates progress in memory at once and in the database at most every `progressIntervalMs`. */
  private progress(live: Live, p: { done: number; total?: number | null; phase?: string | null }): void {
    const prev = live.job.progress
    const next: JobProgress = {
      done: Math.max(0, Math.floor(p.done)),
      total: p.total === undefined ? prev.total : p.total === null ? null : Math.max(0, Math.floor(p.total)),
      phase: p.phase === undefined ? prev.phase : p.phase,
    }
    live.job.progress = next
    if (live.pendingWrite) return
    const interval = this.deps.progressIntervalMs ?? 500
    const wait = Math.max(0, live.lastWrite + interval - Date.now())
    live.pendingWrite = setTimeout(() => {
      live.pendingWrite = null
      live.lastWrite = Date.now()
      const snapshot = live.job.progress
      live.writes = live.writes.then(() => this.deps.jobs.update(live.job.id, { progress: snapshot })).catch(() => {}) // progress is best effort; the final write records the last value
    }, wait)
    live.pendingWrite.unref?.()
  }

  /**
   * Cancels a job: aborts it at once when this process runs it (answering from memory, writing after), or asks the
   * owning process through the database. 404 for an unknown id, 409 JOB_FINISHED for a finished job.
   */
  async cancel(id: string, actor: Actor): Promise<Job> {
    const live = this.live.get(id)
    if (live) {
      const next = nextJobState(live.job.state, 'requestCancel')
      if (next === null) {
        if (live.job.state === 'cancelling') return { ...live.job }
        throw jobAlreadyFinished(live.job)
      }
      live.job.state = next
      live.controller.abort()
      // Queued behind this job's progress writes, and before its final write, so the order is kept.
      live.writes = live.writes
        .then(async () => {
          await this.deps.jobs.requestCancel(id)
          await this.deps.jobs.update(id, { state: next })
        })
        .catch(() => {})
      this.track(live.writes.then(() => this.auditCancel(id, actor, next)))
      return { ...live.job }
    }
    const job = await this.deps.jobs.get(id)
    if (!job) throw notFound('Job', id, 'ジョブ')
    if (job.state === 'cancelling') return job
    const next = nextJobState(job.state, 'requestCancel')
    if (next === null) throw jobAlreadyFinished(job)
    // Owned by another process: it sees cancel_requested on its next heartbeat. A dead owner never will, so a job
    // whose heartbeat stopped is cancelled here.
    const row = (await this.deps.jobs.unfinished()).find((j) => j.id === id)
    const ownerGone = row !== undefined && this.isOrphan(row)
    const state = ownerGone ? 'cancelled' : next
    await this.deps.jobs.requestCancel(id)
    await this.deps.jobs.update(id, ownerGone ? { state, finishedAt: this.now().toISOString() } : { state })
    await this.auditCancel(id, actor, state)
    return { ...job, state }
  }

  private auditCancel(id: string, actor: Actor, state: Job['state']): Promise<void> {
    return this.deps.audit.record(actor, { action: 'job.cancel', targetType: 'job', targetId: id, after: { state } })
  }

  /**
   * Whether nobody runs this job any more: on this host, its owner's pid is gone (a heartbeat may lag behind a long
   * SQLite transaction, so a live local process is never judged by it); on another host, its heartbeat stopped.
   */
  private isOrphan(j: { owner: string | null; heartbeatAt: string | null; createdAt: string }): boolean {
    const [ownerHost, pid] = (j.owner ?? '').split(':')
    if (ownerHost === hostname() && pid !== undefined) return !isAlive(Number(pid))
    const staleBefore = this.now().getTime() - (this.deps.staleAfterMs ?? 60_000)
    return Date.parse(j.heartbeatAt ?? j.createdAt) < staleBefore
  }

  /** The job as it stands: live progress for jobs this process runs, else the stored row. 404 when unknown. */
  async get(id: string): Promise<Job> {
    const live = this.live.get(id)
    if (live) return { ...live.job }
    const job = await this.deps.jobs.get(id)
    if (!job) throw notFound('Job', id, 'ジョブ')
    return job
  }

  /** Newest first, with live progress for jobs this process runs. */
  async list(q: JobListQuery): Promise<{ items: Job[]; total: number }> {
    const page = await this.deps.jobs.list(q)
    return { ...page, items: page.items.map((j) => (this.live.has(j.id) ? { ...this.live.get(j.id)!.job } : j)) }
  }

  /** The newest job of each subject (scan ids → job ids). */
  latestBySubject(subjectIds: readonly string[]): Promise<Map<string, string>> {
    return this.deps.jobs.latestBySubject(subjectIds)
  }

  /** Resolves with the finished job (for a job run elsewhere, polls its row every `pollMs`). */
  async waitFor(id: string, pollMs = 500): Promise<Job> {
    const live = this.live.get(id)
    if (live) await live.settled
    for (;;) {
      const job = await this.get(id)
      if (isFinishedJobState(job.state)) return job
      await new Promise((r) => setTimeout(r, pollMs))
    }
  }

  /** True while this process runs the job. */
  isRunning(id: string): boolean {
    return this.live.has(id)
  }

  /** Cancels every job this process runs and waits (at most `timeoutMs`) for them to record how they ended. */
  async shutdown(timeoutMs = 10_000): Promise<void> {
    for (const live of this.live.values()) {
      if (nextJobState(live.job.state, 'requestCancel')) live.job.state = 'cancelling'
      live.controller.abort()
    }
    let timer: NodeJS.Timeout | undefined
    await Promise.race([
      Promise.allSettled([...this.background]),
      new Promise((r) => {
        timer = setTimeout(r, timeoutMs)
        timer.unref()
      }),
    ])
    clearTimeout(timer)
    this.stopHeartbeat()
  }

  private track(p: Promise<unknown>): void {
    const settled = p.catch(() => {})
    this.background.add(settled)
    void settled.finally(() => this.background.delete(settled))
  }

  private ensureHeartbeat(): void {
    if (this.heartbeat) return
    this.heartbeat = setInterval(() => void this.beat().catch(() => {}), this.deps.heartbeatMs ?? 1000)
    this.heartbeat.unref()
  }

  private stopHeartbeat(): void {
    if (this.heartbeat) clearInterval(this.heartbeat)
    this.heartbeat = null
  }

  /** One write for every running job's heartbeat, one read for cancels asked by other processes. */
  private async beat(): Promise<void> {
    const ids = [...this.live.keys()]
    if (ids.length === 0) return
    await this.deps.jobs.heartbeat(ids, this.now().toISOString())
    for (const id of await this.deps.jobs.cancelRequested(ids)) {
      const live = this.live.get(id)
      if (!live || live.controller.signal.aborted) continue
      if (nextJobState(live.job.state, 'requestCancel')) live.job.state = 'cancelling'
      live.controller.abort()
    }
  }
}

function asRecord(v: unknown): Record<string, unknown> | null {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null
}

/** Whether a process with this pid exists on this host (EPERM: it exists but belongs to someone else). */
function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}
