/**
 * The ledger over HTTP: typed calls for `/api/devices/*` and `/api/dashboard`. Pages call these (with the keys in
 * ./keys.ts) instead of writing paths and query keys themselves.
 */
import type { AuditEntry } from '../../../api/common.js'
import type { DashboardStats, Device, DeviceFields, DeviceListResponse, DeviceSaved } from '../../../api/device.js'
import type { DeviceDiscovery, FirstSteps } from '../../../api/discovery.js'
import { api, queryString } from '../api.js'
import type { Filters } from './keys.js'

export { deviceKeys, invalidateLedger, overviewKeys } from './keys.js'

/** GET /api/devices/facets: values for the filter selects. */
export interface Facets {
  departments: string[]
  manufacturers: string[]
  sites: { id: string; name: string }[]
}

/** A page of audit entries (the audit log, a device's history). */
export interface AuditPage {
  items: AuditEntry[]
  total: number
  limit?: number
  offset?: number
}

const path = (id: string) => `/api/devices/${encodeURIComponent(id)}`

export const devicesApi = {
  list: (filters: Filters, signal?: AbortSignal) =>
    api<DeviceListResponse>(`/api/devices${queryString(filters)}`, { signal }),
  get: (id: string) => api<Device>(path(id)),
  facets: () => api<Facets>('/api/devices/facets'),
  create: (fields: DeviceFields) => api<DeviceSaved>('/api/devices', { method: 'POST', json: fields }),
  /** Sends only the changed fields with the version that was loaded: a concurrent edit answers 409. */
  update: (id: string, version: number, patch: Record<string, unknown>) =>
    api<DeviceSaved>(path(id), { method: 'PATCH', json: { version, patch } }),
  remove: (id: string) => api<void>(path(id), { method: 'DELETE' }),
  history: (id: string, limit: number, offset: number) =>
    api<AuditPage>(`${path(id)}/history${queryString({ limit, offset })}`),
  discovery: (id: string) => api<DeviceDiscovery>(`${path(id)}/discovery`),
  /** A download link (not a fetch): the browser saves the file the server sends. */
  exportUrl: (filters: Filters) => `/api/devices/export${queryString(filters)}`,
}

export const overviewApi = {
  dashboard: () => api<DashboardStats>('/api/dashboard'),
  firstSteps: () => api<FirstSteps>('/api/first-steps'),
}
