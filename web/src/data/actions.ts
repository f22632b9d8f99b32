/**
 * The action plan over HTTP (api/actions.ts): the board, one action with its devices, owner/due/status edits with
 * optimistic locking (409 when someone else saved first), risk acceptance and its withdrawal, the SLA (admin).
 */
import type {
  Action,
  ActionAccept,
  ActionDetail,
  ActionList,
  ActionPatch,
  ActionStatus,
  ActionSyncResult,
  SlaPolicy,
} from '../../../api/actions.js'
import { api, queryString } from '../api.js'
import type { Filters, Invalidator } from './keys.js'

export type { Action, ActionAccept, ActionDetail, ActionList, ActionPatch, ActionStatus, ActionSyncResult, SlaPolicy }

const enc = encodeURIComponent

export const actionKeys = {
  all: ['actions'] as const,
  list: (filters: Filters) => [...actionKeys.all, 'list', filters] as const,
  detail: (id: string) => [...actionKeys.all, 'detail', id] as const,
  sla: () => [...actionKeys.all, 'sla'] as const,
}

/** After any change to an action: the board, its detail and the home page's urgent list. */
export async function invalidateActions(qc: Invalidator): Promise<void> {
  await Promise.all([qc.invalidateQueries({ queryKey: actionKeys.all }), qc.invalidateQueries({ queryKey: ['home'] })])
}

export const actionsApi = {
  list: (filters: Filters) => api<ActionList>(`/api/actions${queryString(filters)}`),
  detail: (id: string) => api<ActionDetail>(`/api/actions/${enc(id)}`),
  patch: (id: string, json: ActionPatch) => api<Action>(`/api/actions/${enc(id)}`, { method: 'PATCH', json }),
  accept: (id: string, json: ActionAccept) => api<Action>(`/api/actions/${enc(id)}/accept`, { method: 'POST', json }),
  withdraw: (id: string) => api<Action>(`/api/actions/${enc(id)}/accept`, { method: 'DELETE' }),
  sync: () => api<ActionSyncResult>('/api/actions/sync', { method: 'POST' }),
  sla: () => api<SlaPolicy>('/api/actions/sla'),
  saveSla: (json: SlaPolicy) => api<SlaPolicy>('/api/actions/sla', { method: 'PUT', json }),
}
