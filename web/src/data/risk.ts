/**
 * Patient-first risk over HTTP (api/risk.ts): the list by score, the summary and trend, one device's breakdown, and
 * the weight profile (admin) with its history. A profile change re-scores every device, so it makes every risk view,
 * the home page and the action board stale.
 */
import type {
  DeviceRisk,
  RiskContribution,
  RiskList,
  RiskProfile,
  RiskProfileInput,
  RiskSummary,
  RiskTrendPoint,
} from '../../../api/risk.js'
import { api, queryString } from '../api.js'
import type { Filters, Invalidator } from './keys.js'

export type { DeviceRisk, RiskContribution, RiskList, RiskProfile, RiskProfileInput, RiskSummary, RiskTrendPoint }

const enc = encodeURIComponent

export const riskKeys = {
  all: ['risk'] as const,
  list: (filters: Filters) => [...riskKeys.all, 'list', filters] as const,
  summary: () => [...riskKeys.all, 'summary'] as const,
  trend: (days: number) => [...riskKeys.all, 'trend', days] as const,
  device: (id: string) => [...riskKeys.all, 'device', id] as const,
  profile: () => [...riskKeys.all, 'profile'] as const,
  profiles: () => [...riskKeys.all, 'profiles'] as const,
}

/** After a re-score or a new profile: every risk view, the home page and the actions (their top band). */
export async function invalidateRisk(qc: Invalidator): Promise<void> {
  await Promise.all([
    qc.invalidateQueries({ queryKey: riskKeys.all }),
    qc.invalidateQueries({ queryKey: ['home'] }),
    qc.invalidateQueries({ queryKey: ['actions'] }),
  ])
}

export const riskApi = {
  list: (filters: Filters) => api<RiskList>(`/api/risk${queryString(filters)}`),
  summary: () => api<RiskSummary>('/api/risk/summary'),
  trend: (days: number) => api<{ items: RiskTrendPoint[] }>(`/api/risk/trend${queryString({ days })}`),
  device: (id: string) => api<DeviceRisk>(`/api/risk/devices/${enc(id)}`),
  profile: () => api<RiskProfile>('/api/risk/profile'),
  profiles: () => api<{ items: RiskProfile[] }>('/api/risk/profiles').then((b) => b.items),
  saveProfile: (json: RiskProfileInput) => api<RiskProfile>('/api/risk/profile', { method: 'PUT', json }),
  rescore: () => api<RiskSummary>('/api/risk/rescore', { method: 'POST' }),
}
