/**
 * Requests the first screen needs, started as soon as the script runs instead of one after the other: the session
 * check and, on the device list, its first page and filter values. The browser sends the session cookie with each,
 * so they need not wait for the session answer; a signed-out visitor's list request answers 401 and is dropped.
 * (Measured by bench/ui-render: the list used to start only after the session had answered.)
 */
import type { QueryClient } from '@tanstack/react-query'
import type { User } from '../../api/common.js'
import { api } from './api.js'
import { deviceListPages, listViewOf } from './data/device-list.js'
import { deviceKeys, devicesApi } from './data/devices.js'

export interface SessionBody {
  user: User
  csrfToken: string
}

let pendingSession: Promise<SessionBody> | null = null

/** Starts the first screen's requests for the page the browser opened. */
export function startBootRequests(queryClient: QueryClient, location: Pick<Location, 'pathname' | 'search'>): void {
  pendingSession = api<SessionBody>('/api/auth/session')
  // Handled where it is taken (AuthProvider); this keeps an early failure from being reported as unhandled.
  pendingSession.catch(() => {})
  if (location.pathname === '/devices') {
    void queryClient.prefetchInfiniteQuery(deviceListPages(listViewOf(new URLSearchParams(location.search))))
    void queryClient.prefetchQuery({ queryKey: deviceKeys.facets(), queryFn: devicesApi.facets })
  }
}

/** The session request started at boot (once), or a new one. */
export function sessionRequest(): Promise<SessionBody> {
  const early = pendingSession
  pendingSession = null
  return early ?? api<SessionBody>('/api/auth/session')
}
