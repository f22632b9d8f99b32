/**
 * Acceptance tests (導入時確認) over HTTP (api/acceptance.ts): the list by state, start, the scan from the quarantine
 * scope (a job), the comparison, the manual checks, the issues raised with the manufacturer, sign-off, cancel and the
 * report PDF.
 */
import type { z } from 'zod'
import type {
  Acceptance,
  AcceptanceCheck,
  AcceptanceCheckId,
  AcceptanceComparison,
  AcceptanceIssue,
  AcceptanceState,
  acceptanceCheckInput,
  acceptanceIssueInput,
  acceptanceIssuePatch,
  acceptanceSignOff,
} from '../../../api/acceptance.js'
import { api, queryString } from '../api.js'
import { deviceKeys, type Invalidator, jobKeys } from './keys.js'

export type { Acceptance, AcceptanceCheck, AcceptanceCheckId, AcceptanceComparison, AcceptanceIssue, AcceptanceState }
export type AcceptanceCheckInput = z.input<typeof acceptanceCheckInput>
export type AcceptanceIssueInput = z.input<typeof acceptanceIssueInput>
export type AcceptanceIssuePatch = z.input<typeof acceptanceIssuePatch>
export type AcceptanceSignOff = z.input<typeof acceptanceSignOff>

const enc = encodeURIComponent
const path = (id: string) => `/api/acceptances/${enc(id)}`

export const acceptanceKeys = {
  all: ['acceptances'] as const,
  list: (state: string | null) => [...acceptanceKeys.all, 'list', state] as const,
  detail: (id: string) => [...acceptanceKeys.all, 'detail', id] as const,
  forDevice: (deviceId: string) => [...acceptanceKeys.all, 'device', deviceId] as const,
}

/** After any change: every acceptance query, and the device (its status moves) with its timeline. */
export async function invalidateAcceptance(qc: Invalidator, deviceId?: string): Promise<void> {
  await Promise.all([
    qc.invalidateQueries({ queryKey: acceptanceKeys.all }),
    qc.invalidateQueries({ queryKey: deviceId ? deviceKeys.detail(deviceId) : deviceKeys.all }),
    qc.invalidateQueries({ queryKey: deviceKeys.lists() }),
    qc.invalidateQueries({ queryKey: jobKeys.all }),
  ])
}

export const acceptanceApi = {
  list: (state?: AcceptanceState | null) => api<{ items: Acceptance[] }>(`/api/acceptances${queryString({ state })}`),
  get: (id: string) => api<Acceptance>(path(id)),
  forDevice: (deviceId: string) => api<Acceptance>(`/api/devices/${enc(deviceId)}/acceptance`),
  start: (json: { device: string; scopeId: string | null }) =>
    api<Acceptance>('/api/acceptances', { method: 'POST', json }),
  scan: (id: string, scopeId?: string | null) =>
    api<{ jobId: string; scanId: string }>(`${path(id)}/scan`, {
      method: 'POST',
      json: scopeId ? { scopeId } : {},
    }),
  compare: (id: string) => api<Acceptance>(`${path(id)}/compare`, { method: 'POST' }),
  check: (id: string, checkId: AcceptanceCheckId, json: AcceptanceCheckInput) =>
    api<Acceptance>(`${path(id)}/checks/${enc(checkId)}`, { method: 'PUT', json }),
  raiseIssue: (id: string, json: AcceptanceIssueInput) =>
    api<Acceptance>(`${path(id)}/issues`, { method: 'POST', json }),
  patchIssue: (id: string, issueId: string, json: AcceptanceIssuePatch) =>
    api<Acceptance>(`${path(id)}/issues/${enc(issueId)}`, { method: 'PATCH', json }),
  signOff: (id: string, json: AcceptanceSignOff) => api<Acceptance>(`${path(id)}/sign-off`, { method: 'POST', json }),
  cancel: (id: string, reason: string) => api<Acceptance>(`${path(id)}/cancel`, { method: 'POST', json: { reason } }),
  reportPath: (id: string, lang: 'ja' | 'en') => `${path(id)}/report${queryString({ lang })}`,
}
