/** Scan scopes (what may be scanned) and exclusions (what never is), admin-managed. */
import type { Exclusion, Scope } from '../../../api/discovery.js'
import { api } from '../api.js'

export { invalidateScopes, scopeKeys } from './keys.js'

export const scopesApi = {
  scopes: () => api<Scope[]>('/api/scopes'),
  /** A scope over 1,024 addresses answers SCOPE_NEEDS_CONFIRMATION unless `confirmLarge` is set. */
  addScope: (json: { target: string; label?: string; confirmLarge?: boolean }) =>
    api<Scope>('/api/scopes', { method: 'POST', json }),
  removeScope: (id: string) => api<void>(`/api/scopes/${encodeURIComponent(id)}`, { method: 'DELETE' }),
  exclusions: () => api<Exclusion[]>('/api/exclusions'),
  addExclusion: (json: { address: string; reason?: string }) =>
    api<Exclusion>('/api/exclusions', { method: 'POST', json }),
  removeExclusion: (id: string) => api<void>(`/api/exclusions/${encodeURIComponent(id)}`, { method: 'DELETE' }),
}
