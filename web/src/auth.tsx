import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react'
import type { User } from '../../api/common.js'
import { ApiError, api, setCsrfToken, setUnauthorizedHandler } from './api.js'
import { type SessionBody, sessionRequest } from './boot.js'

/** What every page can know about the signed-in person. */
export interface AuthState {
  status: 'loading' | 'anonymous' | 'authenticated'
  user: User | null
  login(username: string, password: string): Promise<void>
  logout(): Promise<void>
}

const AuthContext = createContext<AuthState | null>(null)

/** Loads the session once (GET /api/auth/session) and keeps the CSRF token for state-changing requests. */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null>(null)
  const [status, setStatus] = useState<AuthState['status']>('loading')

  useEffect(() => {
    let live = true
    sessionRequest()
      .then((s) => {
        if (!live) return
        setCsrfToken(s.csrfToken)
        setUser(s.user)
        setStatus('authenticated')
      })
      .catch(() => {
        if (!live) return
        setStatus('anonymous')
      })
    setUnauthorizedHandler(() => {
      // The session expired or was revoked: forget it so the router shows the login page.
      setCsrfToken(null)
      setUser(null)
      setStatus('anonymous')
    })
    return () => {
      live = false
      setUnauthorizedHandler(null)
    }
  }, [])

  const login = useCallback(async (username: string, password: string) => {
    const s = await api<SessionBody>('/api/auth/login', { method: 'POST', json: { username, password } })
    setCsrfToken(s.csrfToken)
    setUser(s.user)
    setStatus('authenticated')
  }, [])

  const logout = useCallback(async () => {
    try {
      await api('/api/auth/logout', { method: 'POST' })
    } catch (err) {
      // Already logged out on the server is fine; anything else is still a logout on this side.
      if (!(err instanceof ApiError)) throw err
    }
    setCsrfToken(null)
    setUser(null)
    setStatus('anonymous')
  }, [])

  const value = useMemo<AuthState>(() => ({ status, user, login, logout }), [status, user, login, logout])
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>
}

/** The auth state; throws if used outside {@link AuthProvider} (a programming error). */
export function useAuth(): AuthState {
  const ctx = useContext(AuthContext)
  if (!ctx) throw new Error('useAuth must be used inside <AuthProvider>')
  return ctx
}

/** Engineers and admins may change the ledger; viewers only read. */
export function canEdit(user: User | null): boolean {
  return user?.role === 'admin' || user?.role === 'engineer'
}

/** Only admins manage users, scopes and the audit log. */
export function isAdmin(user: User | null): boolean {
  return user?.role === 'admin'
}
