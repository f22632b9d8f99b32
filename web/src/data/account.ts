/** The signed-in person's own account: password change and API tokens. */
import { api } from '../api.js'

export { accountKeys } from './keys.js'

/** One API token as listed (the secret itself is shown only once, when created). */
export interface TokenInfo {
  id: string
  name: string
  createdAt: string
  lastUsedAt: string | null
  revokedAt: string | null
}

/** What POST /api/account/password answers: what the change ended, and the renewed session's CSRF token. */
export interface PasswordChanged {
  sessionsEnded: number
  tokensRevoked: number
  csrfToken?: string
}

export const accountApi = {
  changePassword: (currentPassword: string, newPassword: string) =>
    api<PasswordChanged>('/api/account/password', { method: 'POST', json: { currentPassword, newPassword } }),
  tokens: () => api<TokenInfo[]>('/api/tokens'),
  createToken: (name: string) => api<{ token: string }>('/api/tokens', { method: 'POST', json: { name } }),
  revokeToken: (id: string) => api<void>(`/api/tokens/${encodeURIComponent(id)}`, { method: 'DELETE' }),
}
