/** Findings over HTTP: a filtered page, a device's findings, a status change. */
import type { Finding } from '../../../api/discovery.js'
import { api, queryString } from '../api.js'
import type { Filters } from './keys.js'

export { findingKeys, invalidateFindings } from './keys.js'

/** GET /api/findings: one page of findings. */
export interface FindingPage {
  items: Finding[]
  total: number
  limit: number
  offset: number
}

/** PATCH /api/findings/:id: the new status, why, and until when an accepted risk holds. */
export interface FindingUpdate {
  status: string
  reason?: string
  expiresAt?: string
}

export const findingsApi = {
  list: (filters: Filters) => api<FindingPage>(`/api/findings${queryString(filters)}`),
  update: (id: string, json: FindingUpdate) =>
    api<Finding>(`/api/findings/${encodeURIComponent(id)}`, { method: 'PATCH', json }),
  /** A download link for the matching findings as CSV or XLSX. */
  exportUrl: (filters: Filters) => `/api/findings/export${queryString(filters)}`,
}
