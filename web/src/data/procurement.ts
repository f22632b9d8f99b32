/**
 * Procurement over HTTP (api/procurement.ts): the requirement set (admin edits, reset to the template), its export
 * for a tender, the vendors' bids with their answers and scores, the upload of a returned answer sheet, and the
 * side-by-side comparison of 2–10 bids.
 */
import type {
  Bid,
  BidAnswer,
  BidAnswersImport,
  BidAnswerValue,
  BidComparison,
  BidInput,
  RequirementCategory,
  RequirementItem,
  RequirementSet,
  RequirementSetInput,
} from '../../../api/procurement.js'
import { api, queryString } from '../api.js'
import type { Invalidator } from './keys.js'

export type {
  Bid,
  BidAnswer,
  BidAnswersImport,
  BidAnswerValue,
  BidComparison,
  BidInput,
  RequirementCategory,
  RequirementItem,
  RequirementSet,
  RequirementSetInput,
}

const enc = encodeURIComponent

export const procurementKeys = {
  all: ['procurement'] as const,
  requirements: () => [...procurementKeys.all, 'requirements'] as const,
  bids: () => [...procurementKeys.all, 'bids'] as const,
  bid: (id: string) => [...procurementKeys.bids(), id] as const,
  compare: (ids: readonly string[]) => [...procurementKeys.all, 'compare', ids.join(',')] as const,
}

/** After the requirement set or a bid changes: everything procurement shows (scores depend on the set). */
export async function invalidateProcurement(qc: Invalidator): Promise<void> {
  await qc.invalidateQueries({ queryKey: procurementKeys.all })
}

export type DocLang = 'ja' | 'en'
export type DocFormat = 'xlsx' | 'pdf'

export const procurementApi = {
  requirements: () => api<RequirementSet>('/api/procurement/requirements'),
  saveRequirements: (json: RequirementSetInput) =>
    api<RequirementSet>('/api/procurement/requirements', { method: 'PUT', json }),
  resetRequirements: () => api<RequirementSet>('/api/procurement/requirements/reset', { method: 'POST' }),
  requirementsExportPath: (lang: DocLang, format: DocFormat, bidId?: string) =>
    `/api/procurement/requirements/export${queryString({ lang, format, bidId })}`,
  bids: () => api<{ items: Bid[] }>('/api/procurement/bids'),
  bid: (id: string) => api<Bid>(`/api/procurement/bids/${enc(id)}`),
  createBid: (json: BidInput) => api<Bid>('/api/procurement/bids', { method: 'POST', json }),
  updateBid: (id: string, json: BidInput) => api<Bid>(`/api/procurement/bids/${enc(id)}`, { method: 'PUT', json }),
  removeBid: (id: string) => api<void>(`/api/procurement/bids/${enc(id)}`, { method: 'DELETE' }),
  uploadAnswers: (id: string, file: File) => {
    const body = new FormData()
    body.append('file', file)
    return api<BidAnswersImport>(`/api/procurement/bids/${enc(id)}/answers`, { method: 'POST', body })
  },
  compare: (ids: readonly string[]) =>
    api<BidComparison>(`/api/procurement/compare${queryString({ bids: ids.join(',') })}`),
  compareExportPath: (ids: readonly string[], lang: DocLang, format: DocFormat) =>
    `/api/procurement/compare/export${queryString({ bids: ids.join(','), lang, format })}`,
}
