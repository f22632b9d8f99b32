/**
 * Manufacturer disclosures over HTTP (api/disclosure.ts): the list, an import (multipart upload), a disclosure with
 * its evaluation, hand entry, the comparison of models, a device's disclosed-versus-observed table, letters and the
 * letter sender. Pages call these with {@link disclosureKeys} instead of writing paths and query keys themselves.
 */
import type { z } from 'zod'
import type { CatalogModelSummaryDto } from '../../../api/catalog.js'
import type {
  DisclosedVsObserved,
  DisclosureDetail,
  DisclosureEvaluationOut,
  DisclosureImportResult,
  DisclosureSummary,
  disclosureQuestion,
  LetterSender,
  ModelComparison,
  manualDisclosure,
} from '../../../api/disclosure.js'
import { api, queryString } from '../api.js'
import { findingKeys, type Invalidator, overviewKeys } from './keys.js'

/** One question of a form's question set (GET /api/disclosures/questions). */
export type DisclosureQuestion = z.infer<typeof disclosureQuestion>

/** The hand-entry body as sent (the server fills the defaults). */
export type ManualDisclosureInput = z.input<typeof manualDisclosure>

/** A catalog model as the disclosure pages show it (id, vendor, name). */
export interface ModelOption {
  id: string
  vendor: string
  name: string
}

/** A language a letter or a comparison sheet is written in. */
export type LetterLanguage = 'ja' | 'en'

/** Hierarchical keys (the keys.ts convention): invalidating `all` refreshes every list, detail and comparison. */
export const disclosureKeys = {
  all: ['disclosures'] as const,
  list: (modelId: string | null) => [...disclosureKeys.all, 'list', modelId] as const,
  detail: (id: string) => [...disclosureKeys.all, 'detail', id] as const,
  evaluation: (id: string) => [...disclosureKeys.detail(id), 'evaluation'] as const,
  questions: (form: string) => [...disclosureKeys.all, 'questions', form] as const,
  compare: (modelIds: readonly string[], lang: string) =>
    [...disclosureKeys.all, 'compare', modelIds.join(','), lang] as const,
  forDevice: (deviceId: string) => [...disclosureKeys.all, 'device', deviceId] as const,
  sender: () => [...disclosureKeys.all, 'sender'] as const,
  models: () => [...disclosureKeys.all, 'models'] as const,
}

/**
 * After a disclosure is imported, typed in or deleted: every disclosure query (lists, evaluations, comparisons,
 * devices' disclosed-vs-observed) and the findings it wrote for the model's devices.
 */
export async function invalidateDisclosures(qc: Invalidator): Promise<void> {
  await Promise.all([
    qc.invalidateQueries({ queryKey: disclosureKeys.all }),
    qc.invalidateQueries({ queryKey: findingKeys.all }),
    qc.invalidateQueries({ queryKey: overviewKeys.all }),
  ])
}

const path = (id: string) => `/api/disclosures/${encodeURIComponent(id)}`

export const disclosuresApi = {
  list: (modelId: string | null) =>
    api<{ items: DisclosureSummary[] }>(`/api/disclosures${queryString({ modelId })}`).then((b) => b.items),
  get: (id: string) => api<DisclosureDetail>(path(id)),
  remove: (id: string) => api<void>(path(id), { method: 'DELETE' }),
  /** POST /api/disclosures: the file; the model as "MAKER MODEL" text or a catalog id goes in the query string. */
  upload: (file: File, model: { text?: string; id?: string }) => {
    const body = new FormData()
    body.append('file', file, file.name)
    const query = queryString(model.id ? { modelId: model.id } : { model: model.text?.trim() })
    return api<DisclosureImportResult>(`/api/disclosures${query}`, { method: 'POST', body })
  },
  manual: (json: ManualDisclosureInput) =>
    api<DisclosureImportResult>('/api/disclosures/manual', { method: 'POST', json }),
  evaluation: (id: string) => api<DisclosureEvaluationOut>(`${path(id)}/evaluation`),
  questions: (form: string) =>
    api<{ items: DisclosureQuestion[] }>(`/api/disclosures/questions${queryString({ form })}`).then((b) => b.items),
  compare: (modelIds: readonly string[], lang: LetterLanguage) =>
    api<ModelComparison>(`/api/disclosures/compare${queryString({ modelIds: modelIds.join(','), lang })}`),
  disclosedVsObserved: (deviceId: string) =>
    api<DisclosedVsObserved>(`/api/devices/${encodeURIComponent(deviceId)}/disclosed-vs-observed`),
  /** The catalog's models (GET /api/models), sorted by vendor and name, for the model pickers. */
  models: () =>
    api<CatalogModelSummaryDto[]>('/api/models').then((items) =>
      items
        .map((m): ModelOption => ({ id: m.id, vendor: m.vendor, name: m.name }))
        .sort((a, b) => `${a.vendor} ${a.name}`.localeCompare(`${b.vendor} ${b.name}`)),
    ),
  sender: () => api<LetterSender>('/api/settings/letter-sender'),
  saveSender: (json: LetterSender) => api<LetterSender>('/api/settings/letter-sender', { method: 'PUT', json }),
  /** Download links (not fetches): the browser saves the file the server sends. */
  letterUrl: (id: string, lang: LetterLanguage, format: 'pdf' | 'docx') =>
    `${path(id)}/letter${queryString({ lang, format })}`,
  compareXlsxUrl: (modelIds: readonly string[], lang: LetterLanguage) =>
    `/api/disclosures/compare${queryString({ modelIds: modelIds.join(','), lang, format: 'xlsx' })}`,
}
