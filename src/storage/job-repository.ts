import type { Kysely } from 'kysely'
import type { Job, JobKind, JobState } from '../core/jobs/job.js'
import type { JobListQuery, JobPatch, JobStore, NewJob } from '../core/jobs/job-store.js'
import type { Database, JobTable } from './schema.js'

const UNFINISHED: JobState[] = ['queued', 'running', 'cancelling']

const parse = (json: string | null): unknown => (json === null ? null : JSON.parse(json))

function toJob(r: JobTable): Job {
  return {
    id: r.id,
    kind: r.kind as JobKind,
    state: r.state as JobState,
    progress: {
      done: Number(r.progressDone),
      total: r.progressTotal === null ? null : Number(r.progressTotal),
      phase: r.phase,
    },
    subjectId: r.subjectId,
    trigger: r.trigger as Job['trigger'],
    createdBy: r.createdByName === null ? null : { id: r.createdById, name: r.createdByName },
    createdAt: r.createdAt,
    startedAt: r.startedAt,
    finishedAt: r.finishedAt,
    result: parse(r.result) as Job['result'],
    error: parse(r.error) as Job['error'],
  }
}

/** The `jobs` table behind the {@link JobStore} port (SQLite and PostgreSQL alike). */
export class JobRepository implements JobStore {
  constructor(private readonly db: Kysely<Database>) {}

  async create(job: NewJob): Promise<Job> {
    const row: JobTable = {
      id: job.id,
      kind: job.kind,
      state: 'queued',
      progressDone: 0,
      progressTotal: null,
      phase: null,
      subjectId: job.subjectId,
      trigger: job.trigger,
      createdById: job.createdBy?.id ?? null,
      createdByName: job.createdBy?.name ?? null,
      createdAt: job.createdAt,
      startedAt: null,
      finishedAt: null,
      result: null,
      error: null,
      cancelRequested: 0,
      owner: job.owner,
      heartbeatAt: job.createdAt,
    }
    await this.db.insertInto('jobs').values(row).execute()
    return toJob(row)
  }

  async update(id: string, p: JobPatch): Promise<void> {
    const set: Partial<JobTable> = {}
    if (p.state !== undefined) set.state = p.state
    if (p.progress !== undefined) {
      set.progressDone = p.progress.done
      set.progressTotal = p.progress.total
      set.phase = p.progress.phase
    }
    if (p.subjectId !== undefined) set.subjectId = p.subjectId
    if (p.startedAt !== undefined) set.startedAt = p.startedAt
    if (p.finishedAt !== undefined) set.finishedAt = p.finishedAt
    if (p.result !== undefined) set.result = p.result === null ? null : JSON.stringify(p.result)
    if (p.error !== undefined) set.error = p.error === null ? null : JSON.stringify(p.error)
    if (p.heartbeatAt !== undefined) set.heartbeatAt = p.heartbeatAt
    if (Object.keys(set).length === 0) return
    await this.db.updateTable('jobs').set(set).where('id', '=', id).execute()
  }

  async get(id: string): Promise<Job | null> {
    const r = await this.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst()
    return r ? toJob(r) : null
  }

  async list(q: JobListQuery): Promise<{ items: Job[]; total: number }> {
    let base = this.db.selectFrom('jobs')
    if (q.kind) base = base.where('kind', '=', q.kind)
    if (q.state) base = base.where('state', '=', q.state)
    const [rows, count] = await Promise.all([
      base.selectAll().orderBy('createdAt', 'desc').orderBy('id', 'desc').limit(q.limit).offset(q.offset).execute(),
      base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ])
    return { items: rows.map(toJob), total: Number(count.n) }
  }

  async latestBySubject(subjectIds: readonly string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>()
    if (subjectIds.length === 0) return out
    const rows = await this.db
      .selectFrom('jobs')
      .select(['id', 'subjectId'])
      .where('subjectId', 'in', [...subjectIds])
      .orderBy('createdAt', 'asc')
      .execute()
    for (const r of rows) if (r.subjectId !== null) out.set(r.subjectId, r.id) // later rows win: the newest job
    return out
  }

  async requestCancel(id: string): Promise<void> {
    await this.db
      .updateTable('jobs')
      .set({ cancelRequested: 1 })
      .where('id', '=', id)
      .where('state', 'in', UNFINISHED)
      .execute()
  }

  async cancelRequested(ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set()
    const rows = await this.db
      .selectFrom('jobs')
      .select('id')
      .where('id', 'in', [...ids])
      .where('cancelRequested', '=', 1)
      .execute()
    return new Set(rows.map((r) => r.id))
  }

  async heartbeat(ids: readonly string[], at: string): Promise<void> {
    if (ids.length === 0) return
    await this.db
      .updateTable('jobs')
      .set({ heartbeatAt: at })
      .where('id', 'in', [...ids])
      .execute()
  }

  async unfinished(): Promise<{ id: string; owner: string | null; heartbeatAt: string | null; createdAt: string }[]> {
    return this.db
      .selectFrom('jobs')
      .select(['id', 'owner', 'heartbeatAt', 'createdAt'])
      .where('state', 'in', UNFINISHED)
      .execute()
  }
}
