/** Users and the audit log over HTTP (admin pages). */
import type { Role, User } from '../../../api/common.js'
import { api, queryString } from '../api.js'
import type { AuditPage } from './devices.js'
import type { Filters } from './keys.js'

export { auditKeys, invalidateUsers, userKeys } from './keys.js'

/** What ending someone's logins answered: how many sessions and API tokens the change ended. */
export interface PasswordReset {
  sessionsEnded: number
  tokensRevoked: number
}

/** GET /api/users may answer a bare array or a page; accept both. */
type UsersBody = User[] | { items: User[] }

const path = (id: string) => `/api/users/${encodeURIComponent(id)}`

export const usersApi = {
  list: async (): Promise<User[]> => {
    const body = await api<UsersBody>('/api/users')
    return Array.isArray(body) ? body : body.items
  },
  create: (json: { username: string; displayName: string; role: Role | string; password: string }) =>
    api<User>('/api/users', { method: 'POST', json }),
  update: (id: string, patch: Partial<Pick<User, 'role' | 'disabled'>>) =>
    api<User>(path(id), { method: 'PATCH', json: patch }),
  resetPassword: (id: string, password: string) =>
    api<PasswordReset>(`${path(id)}/password`, { method: 'POST', json: { password } }),
}

export const auditApi = {
  list: (filters: Filters) => api<AuditPage>(`/api/audit${queryString(filters)}`),
  /** A download link for the CSV of the matching entries. */
  exportUrl: (filters: Filters) => `/api/audit/export${queryString(filters)}`,
}
