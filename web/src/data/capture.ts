/** Passive discovery over HTTP (api/capture.ts): capture imports, what was heard, and the communications map. */
import { useQuery } from '@tanstack/react-query'
import type { CaptureDetail, CaptureImport, CaptureStarted, TrafficMap } from '../../../api/capture.js'
import { api, queryString } from '../api.js'

export type { CaptureDetail, CaptureImport, CaptureStarted, TrafficMap }

export const captureKeys = {
  all: ['captures'] as const,
  list: () => [...captureKeys.all, 'list'] as const,
  detail: (id: string) => [...captureKeys.all, 'detail', id] as const,
  map: (device: string, segment: string) => [...captureKeys.all, 'map', device, segment] as const,
}

export interface MapFilter {
  device?: string
  segment?: string
}

export const captureApi = {
  upload: (file: File) => {
    const body = new FormData()
    body.append('file', file, file.name)
    return api<CaptureStarted>('/api/captures', { method: 'POST', body })
  },
  list: () => api<CaptureImport[] | { items: CaptureImport[] }>('/api/captures'),
  get: (id: string) => api<CaptureDetail>(`/api/captures/${encodeURIComponent(id)}`),
  map: (f: MapFilter) =>
    api<TrafficMap>(
      `/api/traffic/map${queryString({ device: f.device || undefined, segment: f.segment || undefined })}`,
    ),
  downloadUrl: (f: MapFilter, format: 'csv' | 'graphml') =>
    `/api/traffic/map${queryString({ device: f.device || undefined, segment: f.segment || undefined, format })}`,
}

export function useCaptures() {
  return useQuery({
    queryKey: captureKeys.list(),
    queryFn: async () => {
      const r = await captureApi.list()
      return Array.isArray(r) ? r : r.items
    },
  })
}

export function useCapture(id: string) {
  return useQuery({ queryKey: captureKeys.detail(id), queryFn: () => captureApi.get(id) })
}

export function useTrafficMap(f: MapFilter) {
  return useQuery({ queryKey: captureKeys.map(f.device ?? '', f.segment ?? ''), queryFn: () => captureApi.map(f) })
}
