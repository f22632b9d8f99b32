import type { Job } from '../../src/core/jobs/job.js'
import type { JobListQuery, JobPatch, JobStore, NewJob } from '../../src/core/jobs/job-store.js'

const UNFINISHED = ['queued', 'running', 'cancelling']

/**
 * An in-memory JobStore for service tests (Immich's fakes idea). `block()` makes every call wait until `release()`,
 * as a long SQLite write transaction holds the only connection.
 */
export class MemoryJobStore implements JobStore {
  readonly rows = new Map<string, { job: Job; cancel: boolean; owner: string | null; heartbeatAt: string | null }>()
  private gate: Promise<void> | null = null
  private open: () => void = () => {}

  block(): void {
    this.gate = new Promise((r) => {
      this.open = r
    })
  }
  release(): void {
    this.open()
    this.gate = null
  }
  private async wait(): Promise<void> {
    if (this.gate) await this.gate
  }

  async create(j: NewJob): Promise<Job> {
    await this.wait()
    const job: Job = {
      id: j.id,
      kind: j.kind,
      state: 'queued',
      progress: { done: 0, total: null, phase: null },
      subjectId: j.subjectId,
      trigger: j.trigger,
      createdBy: j.createdBy,
      createdAt: j.createdAt,
      startedAt: null,
      finishedAt: null,
      result: null,
      error: null,
    }
    this.rows.set(j.id, { job, cancel: false, owner: j.owner, heartbeatAt: j.createdAt })
    return { ...job }
  }
  async update(id: string, p: JobPatch): Promise<void> {
    await this.wait()
    const row = this.rows.get(id)
    if (!row) return
    const { heartbeatAt, ...fields } = p
    row.job = { ...row.job, ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) }
    if (heartbeatAt) row.heartbeatAt = heartbeatAt
  }
  async get(id: string): Promise<Job | null> {
    await this.wait()
    const row = this.rows.get(id)
    return row ? { ...row.job } : null
  }
  async list(q: JobListQuery): Promise<{ items: Job[]; total: number }> {
    await this.wait()
    const all = [...this.rows.values()]
      .map((r) => r.job)
      .filter((j) => (!q.kind || j.kind === q.kind) && (!q.state || j.state === q.state))
      .reverse()
    return { items: all.slice(q.offset, q.offset + q.limit), total: all.length }
  }
  async latestBySubject(ids: readonly string[]): Promise<Map<string, string>> {
    await this.wait()
    const out = new Map<string, string>()
    for (const { job } of this.rows.values())
      if (job.subjectId && ids.includes(job.subjectId)) out.set(job.subjectId, job.id)
    return out
  }
  async requestCancel(id: string): Promise<void> {
    await this.wait()
    const row = this.rows.get(id)
    if (row && UNFINISHED.includes(row.job.state)) row.cancel = true
  }
  async cancelRequested(ids: readonly string[]): Promise<Set<string>> {
    await this.wait()
    return new Set(ids.filter((id) => this.rows.get(id)?.cancel))
  }
  async heartbeat(ids: readonly string[], at: string): Promise<void> {
    await this.wait()
    for (const id of ids) {
      const row = this.rows.get(id)
      if (row) row.heartbeatAt = at
    }
  }
  async unfinished() {
    await this.wait()
    return [...this.rows.values()]
      .filter((r) => UNFINISHED.includes(r.job.state))
      .map((r) => ({ id: r.job.id, owner: r.owner, heartbeatAt: r.heartbeatAt, createdAt: r.job.createdAt }))
  }
}
