import type {
  Action,
  ActionAccept,
  ActionDetail,
  ActionList,
  ActionListQuery,
  ActionPatch,
  ActionSyncResult,
  SlaPolicy,
} from '../../../api/actions.js'
import { planActions } from '../../core/actions/plan.js'
import type { ActionStore } from '../../core/actions/store.js'
import type { Actor } from '../../core/actor.js'
import { MamoriError } from '../../core/errors.js'
import { type Clock, SYSTEM_ACTOR } from '../../core/ports.js'
import type { ActionReader } from '../module-common.js'

/** Whether `s` (YYYY-MM-DD) is a date that exists: 2026-02-30 is not. */
export function isRealDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false
  const d = new Date(`${s}T00:00:00Z`)
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s
}

function invalid(field: string, value: string, en: string, ja: string): MamoriError {
  return MamoriError.of(
    'ACTION_INVALID',
    { why: { en: `${field} "${value}" ${en}`, ja: `${field}「${value}」${ja}` } },
    [{ where: field, message: `"${value}" ${en}`, messageJa: `「${value}」${ja}` }],
  )
}

/**
 * The action plan (issue 10, ADR 0034): regroup findings into actions, list them most urgent first, and record what
 * people decide — owner, due date, status, risk acceptance — each audited by the store.
 */
export class ActionService implements ActionReader {
  constructor(
    private readonly store: ActionStore,
    private readonly clock: Clock,
  ) {}

  /**
   * Called after a person's acceptance or its withdrawal changed findings' decisions (risk stops or starts counting
   * them): the wiring points it at the assessment refresh, as for the finding review. Not called by `sync`.
   */
  afterChange?: (actor: Actor) => Promise<void>

  private today = () => this.clock.now().toISOString().slice(0, 10)

  /** The sync running in this process, if any: syncs run one after the other, reads wait for a running one. */
  private running: Promise<unknown> = Promise.resolve()

  /**
   * Regroups before a read when the findings changed since the last sync (a scan, a match, a decision) or the day
   * changed (acceptances expire), so the board never shows yesterday's grouping; audited as the system.
   */
  async refresh(): Promise<void> {
    await this.running.catch(() => undefined)
    if (await this.store.isStale(this.today())) await this.sync(SYSTEM_ACTOR)
  }

  async list(q: ActionListQuery): Promise<ActionList> {
    await this.refresh()
    const page = await this.store.list(q, this.today())
    return { ...page, limit: q.limit, offset: q.offset }
  }

  async detail(id: string): Promise<ActionDetail> {
    await this.refresh()
    return this.store.detail(id, this.today())
  }

  /** Regroups open findings into actions; closes those whose findings are all fixed, with the evidence. */
  sync(actor: Actor): Promise<ActionSyncResult> {
    const run = this.running
      .catch(() => undefined)
      .then(() => {
        const now = this.clock.now()
        return this.store.sync((input) => planActions(input.findings, input.actions, input.sla, now), actor, now)
      })
    this.running = run
    return run
  }

  /** Owner, due date, status; `version` must be the one the caller saw (409 ACTION_VERSION_CONFLICT otherwise). */
  async patch(id: string, p: ActionPatch, actor: Actor): Promise<Action> {
    if (p.dueOn !== undefined && !isRealDate(p.dueOn))
      throw invalid('dueOn', p.dueOn, 'is not a real date (YYYY-MM-DD).', 'は実在しない日付です（YYYY-MM-DD）。')
    const owner = p.owner === undefined ? undefined : p.owner === null ? null : p.owner.trim() || null
    return this.store.change(id, p.version, { owner, dueOn: p.dueOn, status: p.status }, actor, this.clock.now())
  }

  /** Accepts the risk until `expiresOn` (a real date, today or later); the action's findings are accepted alike. */
  async accept(id: string, a: ActionAccept, actor: Actor): Promise<Action> {
    if (!isRealDate(a.expiresOn))
      throw invalid(
        'expiresOn',
        a.expiresOn,
        'is not a real date (YYYY-MM-DD).',
        'は実在しない日付です（YYYY-MM-DD）。',
      )
    const now = this.clock.now()
    if (a.expiresOn < this.today())
      throw invalid(
        'expiresOn',
        a.expiresOn,
        `is in the past (today is ${this.today()}); an acceptance must expire today or later.`,
        `は過去の日付です（今日は ${this.today()}）。受容の期限は今日以降にしてください。`,
      )
    const reason = a.reason.trim()
    const approver = a.approver.trim()
    if (!reason) throw invalid('reason', a.reason, 'is empty.', 'が空です。')
    if (!approver) throw invalid('approver', a.approver, 'is empty.', 'が空です。')
    const out = await this.store.accept(
      id,
      { reason, approver, expiresOn: a.expiresOn, acceptedBy: actor.name, acceptedAt: now.toISOString() },
      actor,
      now,
    )
    await this.afterChange?.(actor)
    return out
  }

  async withdraw(id: string, actor: Actor): Promise<Action> {
    const out = await this.store.withdraw(id, actor, this.clock.now())
    await this.afterChange?.(actor)
    return out
  }

  getSla(): Promise<SlaPolicy> {
    return this.store.getSla()
  }

  putSla(sla: SlaPolicy, actor: Actor): Promise<SlaPolicy> {
    return this.store.putSla(sla, actor, this.clock.now())
  }
}
