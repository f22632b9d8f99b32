/**
 * What the device list shows, read from the URL, and the one query that loads it. The list page and the start-up
 * prefetch (../boot.ts) both build the query here (deviceListPages), so a prefetched first page is the page the list renders.
 */
import { infiniteQueryOptions } from '@tanstack/react-query'
import { DEVICE_SORT_FIELDS, type DeviceListResponse } from '../../../api/device.js'
import { api, queryString } from '../api.js'
import { deviceKeys } from './keys.js'

/** Columns the server can sort by; a `sort` in the URL outside this list falls back to the asset tag. */
export type SortField = (typeof DEVICE_SORT_FIELDS)[number]

export function isSortField(v: string | null): v is SortField {
  return v !== null && DEVICE_SORT_FIELDS.some((f) => f === v)
}

/** Rows per request. The first page is small so the list paints fast; later pages are large to limit round trips. */
export const FIRST_PAGE = 500
export const NEXT_PAGE = 5_000

/** The filters the list and the export share, read from the URL so links from the dashboard and reloads keep them. */
export const FILTER_KEYS = ['q', 'kind', 'category', 'status', 'department', 'expired', 'lifeCritical'] as const

export interface DeviceListView {
  filters: Record<string, string>
  sort: SortField
  order: 'asc' | 'desc'
}

/** The list's filters, sort and order as the URL's query string gives them. */
export function listViewOf(params: URLSearchParams): DeviceListView {
  const filters: Record<string, string> = {}
  for (const k of FILTER_KEYS) {
    const v = params.get(k)
    if (v) filters[k] = v
  }
  const sortParam = params.get('sort')
  return {
    filters,
    sort: isSortField(sortParam) ? sortParam : 'assetTag',
    order: params.get('order') === 'desc' ? 'desc' : 'asc',
  }
}

/** The device list as pages: a small first page, then large ones as the user scrolls. */
export function deviceListPages({ filters, sort, order }: DeviceListView) {
  return infiniteQueryOptions({
    queryKey: deviceKeys.list({ ...filters, sort, order }),
    initialPageParam: 0,
    queryFn: ({ pageParam, signal }) =>
      api<DeviceListResponse>(
        `/api/devices${queryString({ ...filters, sort, order, offset: pageParam, limit: pageParam === 0 ? FIRST_PAGE : NEXT_PAGE })}`,
        { signal },
      ),
    getNextPageParam: (last: DeviceListResponse) => {
      const next = last.offset + last.items.length
      return last.items.length > 0 && next < last.total ? next : undefined
    },
  })
}
