/** Scans over HTTP: list, start, one scan with its hosts and drift, stop. */
import type { Scan, ScanHost } from '../../../api/discovery.js'
import { api } from '../api.js'
import type { Drift } from '../pages/discovery/types.js'

export { invalidateScan, scanKeys } from './keys.js'

/** What POST /api/scans takes. */
export interface ScanStart {
  targets: string[]
  profile: string
  ports?: string
  confirmLarge?: boolean
}

const path = (id: string) => `/api/scans/${encodeURIComponent(id)}`

export const scansApi = {
  list: () => api<Scan[]>('/api/scans'),
  start: (json: ScanStart) => api<Scan>('/api/scans', { method: 'POST', json }),
  get: (id: string) => api<Scan>(path(id)),
  hosts: (id: string) => api<ScanHost[]>(`${path(id)}/hosts`),
  drift: (id: string) => api<Drift>(`${path(id)}/drift`),
  stop: (id: string) => api<Scan>(`${path(id)}/stop`, { method: 'POST' }),
}
