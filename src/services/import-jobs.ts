import type { ImportPreview, ImportResult } from '../../api/import.js'
import { MamoriError } from '../core/errors.js'
import type { JobTrigger } from '../core/jobs/job.js'
import type { Actor } from '../core/ports.js'
import { commitDeviceImport, type ImportPlan, planDeviceImport } from './import-devices.js'
import type { JobRunner } from './job-runner.js'

/** How long a previewed import can be committed. */
export const IMPORT_TTL_MS = 30 * 60 * 1000
/** Previews kept at once (each holds its parsed rows in memory); the oldest is dropped first. */
export const MAX_PENDING_IMPORTS = 8
/**
 * Rows kept over all previews (≈ 1.4 KB each in memory, docs/bench-notes/import.md), so that a few huge files cannot
 * exhaust the server.
 */
export const MAX_PENDING_ROWS = 400_000

interface Pending<P> {
  plan: P
  userId: string
  expiresAt: number
}

/**
 * Previewed imports waiting for confirmation, in memory: a restart forgets them (the user previews again), which is
 * safer than committing a stale plan. Bounded in count and age.
 */
export class PendingImports<P extends { preview: { importId: string; totalRows: number } } = ImportPlan> {
  private readonly items = new Map<string, Pending<P>>()
  constructor(
    private readonly ttlMs = IMPORT_TTL_MS,
    private readonly max = MAX_PENDING_IMPORTS,
    private readonly now: () => number = Date.now,
    private readonly maxRows = MAX_PENDING_ROWS,
  ) {}

  add(plan: P, userId: string): void {
    this.sweep()
    const rows = () => [...this.items.values()].reduce((n, p) => n + p.plan.preview.totalRows, 0)
    while (this.items.size >= this.max || (this.items.size > 0 && rows() + plan.preview.totalRows > this.maxRows)) {
      const oldest = this.items.keys().next().value
      if (oldest === undefined) break
      this.items.delete(oldest)
    }
    this.items.set(plan.preview.importId, { plan, userId, expiresAt: this.now() + this.ttlMs })
  }

  /** Removes and returns a pending import (so that it can be committed once only). */
  take(id: string): Pending<P> | undefined {
    this.sweep()
    const p = this.items.get(id)
    this.items.delete(id)
    return p
  }

  peek(id: string): Pending<P> | undefined {
    this.sweep()
    return this.items.get(id)
  }

  private sweep(): void {
    const t = this.now()
    for (const [id, p] of this.items) if (p.expiresAt <= t) this.items.delete(id)
  }
}

/** A previewed plan and the file it came from (kept so that a changed column mapping can be previewed again). */
export type PendingPlan = ImportPlan & { source: { bytes: Uint8Array; fileName: string } }

/** Who asks: only the uploader (or an admin) may see or confirm someone's preview. */
export interface ImportRequester {
  id: string
  isAdmin: boolean
}

/** The import store `planDeviceImport`/`commitDeviceImport` take. */
export type ImportStore = Parameters<typeof commitDeviceImport>[0]

const expired = (id: string) => MamoriError.of('IMPORT_NOT_FOUND', { id })

/** The error a cancelled commit ends with: the transaction was rolled back, nothing was written. */
export const importCancelled = () => MamoriError.of('JOB_CANCELLED')

/**
 * Ledger imports on the job runner: previews wait in memory (`PendingImports`) and a commit runs as a
 * `device-import` job (subject: the import id; progress by rows written, phases `validate` then `write`) in one
 * transaction. Cancelling the job before or during the commit rolls it back: nothing or everything is written.
 */
export class ImportJobs {
  /** Called after this service changed findings or devices (wired to the action plan and risk refresh). */
  afterChange: (actor: Actor) => Promise<void> = async () => {}

  readonly pending = new PendingImports<PendingPlan>()

  constructor(
    private readonly deps: { store: ImportStore; jobs: JobRunner },
    pending?: PendingImports<PendingPlan>,
  ) {
    if (pending) this.pending = pending
  }

  /** Plans (again) an uploaded file with the person's column choices, keeping the same import id. */
  async plan(
    source: PendingPlan['source'],
    importId: string,
    mapping?: Record<string, string | null>,
  ): Promise<PendingPlan> {
    const plan = await planDeviceImport(this.deps.store, source.bytes, {
      fileName: source.fileName,
      importId,
      mapping,
    })
    return Object.assign(plan, { source })
  }

  /** Previews an upload and keeps it for confirmation (even when the mapping is unusable: a person may fix it). */
  async preview(source: PendingPlan['source'], importId: string, user: ImportRequester): Promise<ImportPreview> {
    const plan = await this.plan(source, importId)
    if (plan.header.length > 0 || !plan.preview.fatal) this.pending.add(plan, user.id)
    return plan.preview
  }

  /** A pending import of this user (or any, for an admin); IMPORT_NOT_FOUND otherwise. */
  mine(id: string, user: ImportRequester): Pending<PendingPlan> {
    const p = this.pending.peek(id)
    if (!p || (p.userId !== user.id && !user.isAdmin)) throw expired(id)
    return p
  }

  /** Previews the same file again with other column choices. */
  async remap(id: string, user: ImportRequester, mapping: Record<string, string | null>): Promise<ImportPreview> {
    const p = this.mine(id, user)
    const plan = await this.plan(p.plan.source, id, mapping)
    this.pending.add(plan, p.userId)
    return plan.preview
  }

  /**
   * Commits a pending import as a job and waits for it. A cancelled commit puts the preview back, so that it can be
   * committed again; a failed one (IMPORT_STALE) does not.
   */
  async commit(
    id: string,
    user: ImportRequester,
    actor: Actor,
    opts: { mapping?: Record<string, string | null>; trigger?: JobTrigger } = {},
  ): Promise<ImportResult & { jobId: string }> {
    const p = this.mine(id, user)
    // Column choices sent with the commit are applied to the same file (a fresh plan, checked as the preview was).
    const plan = opts.mapping ? await this.plan(p.plan.source, id, opts.mapping) : p.plan
    this.pending.take(id)
    const { jobId, done } = await this.start(plan, actor, opts.trigger ?? 'user')
    try {
      return { ...(await done), jobId }
    } catch (err) {
      if (err instanceof MamoriError && err.code === 'JOB_CANCELLED') this.pending.add(plan, p.userId)
      throw err
    }
  }

  /** Starts the commit of a plan as a `device-import` job (the CLI calls this directly with trigger `cli`). */
  async start(
    plan: ImportPlan,
    actor: Actor,
    trigger: JobTrigger,
  ): Promise<{ jobId: string; done: Promise<ImportResult> }> {
    const importId = plan.preview.importId
    const { job, done } = await this.deps.jobs.start(
      'device-import',
      { subjectId: importId, actor, trigger, summarize: (r: ImportResult) => ({ ...r }), isComplete: () => true },
      async (ctx) => {
        const total = plan.creates.length + plan.updates.length
        ctx.progress({ done: 0, total, phase: 'validate' })
        if (ctx.signal.aborted) throw importCancelled()
        const result = await commitDeviceImport(this.deps.store, plan, {
          actor,
          onProgress: (phase, n, of) => {
            // Throwing here, inside the commit's transaction, rolls back everything written so far.
            if (ctx.signal.aborted) throw importCancelled()
            ctx.progress({ done: n, total: of, phase })
          },
        })
        await this.afterChange(actor)
        return result
      },
    )
    return { jobId: job.id, done }
  }
}
