import type {
  Action,
  ActionDetail,
  ActionListQuery,
  ActionStatus,
  ActionSyncResult,
  SlaPolicy,
} from '../../../api/actions.js'
import type { Actor } from '../ports.js'
import type { Acceptance, ActionPlan, PlanAction, PlanFinding } from './plan.js'

/** What a person changes on an action (already validated). */
export interface ActionChange {
  owner?: string | null
  dueOn?: string
  status?: Extract<ActionStatus, 'open' | 'in_progress' | 'done'>
}

/** What the planner reads. */
export interface SyncInput {
  findings: PlanFinding[]
  actions: PlanAction[]
  sla: SlaPolicy
}

/** One page of actions (overdue computed against `today`), with the board's counts. */
export interface ActionPage {
  items: Action[]
  total: number
  counts: { open: number; overdue: number; accepted: number }
}

/**
 * Where actions are kept (implemented by src/storage/actions-repository.ts). Every change is one transaction with its
 * audit entries; changes a person makes check the version they saw (ACTION_VERSION_CONFLICT otherwise).
 */
export interface ActionStore {
  /**
   * One sync in one transaction: reads the planner's input (open findings of every source plus every finding linked
   * to an action, and the stored actions), lets `plan` decide, applies it (actions, links, findings back to open)
   * with audit entries. A person's change made meanwhile waits for the transaction, so it is never overwritten.
   */
  sync(plan: (input: SyncInput) => ActionPlan, actor: Actor, now: Date): Promise<ActionSyncResult>
  /**
   * Whether the findings changed since the last sync (or the day did: acceptances expire): a cheap fingerprint of
   * the findings table compared with the one the last sync stored.
   */
  isStale(today: string): Promise<boolean>
  list(q: ActionListQuery, today: string): Promise<ActionPage>
  detail(id: string, today: string): Promise<ActionDetail>
  /** A person's owner / due date / status; `version` is the one they saw. */
  change(id: string, version: number, set: ActionChange, actor: Actor, now: Date): Promise<Action>
  /** Accepts the risk: the action and its open findings become accepted with the same reason and expiry. */
  accept(id: string, acceptance: Acceptance, actor: Actor, now: Date): Promise<Action>
  /** Withdraws an acceptance: the action and the findings it accepted go back to open. */
  withdraw(id: string, actor: Actor, now: Date): Promise<Action>
  getSla(): Promise<SlaPolicy>
  /** Stores the SLA and recomputes the due dates of open actions whose due date no person set; audited. */
  putSla(sla: SlaPolicy, actor: Actor, now: Date): Promise<SlaPolicy>
}

/**
 * What the actions services need from storage (issue 10). Filled in by the module's repository
 * (src/storage/actions-repository.ts → `actionsStoragePorts`), spread into the ports by `storagePorts`.
 */
export interface ActionPorts {
  actionStore: ActionStore
}
