/** The model catalog: models with device counts, device ↔ model links, ledger candidates and the alias table. */
import type {
  CatalogModelDto,
  CatalogModelSummaryDto,
  DeviceModelDto,
  DeviceModelLinkDto,
  ManufacturerAliasDto,
  ModelCandidateDto,
  ModelDetailDto,
  SuggestionCountsDto,
} from '../../../api/catalog.js'
import { api } from '../api.js'
import { deviceKeys, type Invalidator } from './keys.js'

export const modelKeys = {
  all: ['models'] as const,
  list: () => [...modelKeys.all, 'list'] as const,
  detail: (id: string) => [...modelKeys.all, 'detail', id] as const,
  candidates: () => [...modelKeys.all, 'candidates'] as const,
  aliases: () => [...modelKeys.all, 'aliases'] as const,
  ofDevice: (deviceId: string) => [...deviceKeys.detail(deviceId), 'model'] as const,
}

/** A catalog change can move counts, links and candidates anywhere: refresh the catalog and the device pages. */
export async function invalidateCatalog(qc: Invalidator): Promise<void> {
  await Promise.all([
    qc.invalidateQueries({ queryKey: modelKeys.all }),
    qc.invalidateQueries({ queryKey: deviceKeys.all }),
  ])
}

const enc = encodeURIComponent

export interface ModelFields {
  manufacturer: string
  name: string
  versionFrom?: string | null
  versionTo?: string | null
}

export const modelsApi = {
  list: () => api<CatalogModelSummaryDto[]>('/api/models'),
  detail: (id: string) => api<ModelDetailDto>(`/api/models/${enc(id)}`),
  create: (json: ModelFields) => api<CatalogModelDto>('/api/models', { method: 'POST', json }),
  update: (id: string, json: Partial<ModelFields>) =>
    api<CatalogModelDto>(`/api/models/${enc(id)}`, { method: 'PATCH', json }),
  remove: (id: string, force = false) =>
    api<void>(`/api/models/${enc(id)}${force ? '?force=true' : ''}`, { method: 'DELETE' }),
  merge: (intoId: string, from: string) =>
    api<{ links: number; disclosures: number }>(`/api/models/${enc(intoId)}/merge`, { method: 'POST', json: { from } }),
  confirmSuggestions: (id: string) =>
    api<{ confirmed: number }>(`/api/models/${enc(id)}/confirm-suggestions`, { method: 'POST' }),
  suggestLinks: () => api<SuggestionCountsDto>('/api/models/suggest-links', { method: 'POST' }),
  candidates: () => api<ModelCandidateDto[]>('/api/models/candidates'),
  acceptCandidates: (items: { manufacturer: string; name: string }[]) =>
    api<{ created: CatalogModelDto[]; suggestions: SuggestionCountsDto }>('/api/models/candidates', {
      method: 'POST',
      json: { items },
    }),
  ofDevice: (deviceId: string) => api<DeviceModelDto>(`/api/devices/${enc(deviceId)}/model`),
  /** Confirms the device's link: to `modelId`, or its current suggestion when absent. */
  confirmDevice: (deviceId: string, modelId?: string) =>
    api<DeviceModelLinkDto>(`/api/devices/${enc(deviceId)}/model`, { method: 'PUT', json: modelId ? { modelId } : {} }),
  unlinkDevice: (deviceId: string) => api<void>(`/api/devices/${enc(deviceId)}/model`, { method: 'DELETE' }),
  aliases: () => api<ManufacturerAliasDto[]>('/api/manufacturer-aliases'),
  addAlias: (json: { alias: string; vendor: string }) =>
    api<ManufacturerAliasDto>('/api/manufacturer-aliases', { method: 'POST', json }),
  updateAlias: (id: string, json: { alias?: string; vendor?: string }) =>
    api<ManufacturerAliasDto>(`/api/manufacturer-aliases/${enc(id)}`, { method: 'PATCH', json }),
  removeAlias: (id: string) => api<void>(`/api/manufacturer-aliases/${enc(id)}`, { method: 'DELETE' }),
}

/** "1.0–2.9", "3.0–…", or null for any version. */
export function versionRange(m: { versionFrom: string | null; versionTo: string | null }): string | null {
  return m.versionFrom || m.versionTo ? `${m.versionFrom ?? '…'}–${m.versionTo ?? '…'}` : null
}
