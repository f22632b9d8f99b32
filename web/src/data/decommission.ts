/**
 * Decommissioning and handover (廃棄・譲渡) over HTTP (api/decommission.ts): the list, start, checklist items, handover
 * data, completion (409 texts shown; force with a reason) and the handover sheet PDF.
 */
import type { z } from 'zod'
import type {
  Decommission,
  DecommissionItem,
  DecommissionItemId,
  DecommissionState,
  decommissionComplete,
  decommissionHandoverInput,
  decommissionItemInput,
  ErasureMethod,
} from '../../../api/decommission.js'
import { api, queryString } from '../api.js'
import { deviceKeys, type Invalidator } from './keys.js'

export type { Decommission, DecommissionItem, DecommissionItemId, DecommissionState, ErasureMethod }
export type DecommissionItemInput = z.input<typeof decommissionItemInput>
export type DecommissionHandoverInput = z.input<typeof decommissionHandoverInput>
export type DecommissionComplete = z.input<typeof decommissionComplete>

const enc = encodeURIComponent
const path = (id: string) => `/api/decommissions/${enc(id)}`

export const decommissionKeys = {
  all: ['decommissions'] as const,
  list: (state: string | null) => [...decommissionKeys.all, 'list', state] as const,
  detail: (id: string) => [...decommissionKeys.all, 'detail', id] as const,
  forDevice: (deviceId: string) => [...decommissionKeys.all, 'device', deviceId] as const,
}

/** After any change: every decommission query and the device (its status moves on completion). */
export async function invalidateDecommission(qc: Invalidator, deviceId?: string): Promise<void> {
  await Promise.all([
    qc.invalidateQueries({ queryKey: decommissionKeys.all }),
    qc.invalidateQueries({ queryKey: deviceId ? deviceKeys.detail(deviceId) : deviceKeys.all }),
    qc.invalidateQueries({ queryKey: deviceKeys.lists() }),
  ])
}

export const decommissionApi = {
  list: (state?: DecommissionState | null) =>
    api<{ items: Decommission[] }>(`/api/decommissions${queryString({ state })}`),
  get: (id: string) => api<Decommission>(path(id)),
  forDevice: (deviceId: string) => api<Decommission>(`/api/devices/${enc(deviceId)}/decommission`),
  start: (device: string) => api<Decommission>('/api/decommissions', { method: 'POST', json: { device } }),
  item: (id: string, itemId: DecommissionItemId, json: DecommissionItemInput) =>
    api<Decommission>(`${path(id)}/items/${enc(itemId)}`, { method: 'PUT', json }),
  handover: (id: string, json: DecommissionHandoverInput) =>
    api<Decommission>(`${path(id)}/handover`, { method: 'PUT', json }),
  complete: (id: string, json: DecommissionComplete) =>
    api<Decommission>(`${path(id)}/complete`, { method: 'POST', json }),
  sheetPath: (id: string, lang: 'ja' | 'en') => `${path(id)}/handover-sheet${queryString({ lang })}`,
}
