/**
 * Reports and the home page over HTTP (api/reports.ts): report downloads, schedules, and a download helper every
 * assessment page uses so that a refused download (422, 404) shows its message in place instead of a JSON page.
 */
import type { HomeView, ReportSchedule, ReportScheduleInput } from '../../../api/reports.js'
import { ApiError, api, queryString } from '../api.js'

export type { HomeView, ReportSchedule, ReportScheduleInput }

const enc = encodeURIComponent

export const reportKeys = {
  all: ['reports'] as const,
  schedules: () => [...reportKeys.all, 'schedules'] as const,
}

/** The file name from Content-Disposition (RFC 6266 filename* first), else the fallback. */
function fileNameOf(header: string | null, fallback: string): string {
  if (!header) return fallback
  const star = /filename\*=UTF-8''([^;]+)/i.exec(header)
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1])
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename="?([^";]+)"?/i.exec(header)
  return plain?.[1] ?? fallback
}

/**
 * Fetches a file with the session cookie and hands it to the browser as a download. A non-2xx answer becomes an
 * {@link ApiError} with the server's message (e.g. BENCHMARK_IDENTIFYING), so the page can show why.
 */
export async function downloadFile(path: string, fallbackName: string): Promise<string> {
  let res: Response
  try {
    res = await fetch(path, { credentials: 'same-origin' })
  } catch {
    throw new ApiError(0, 'NETWORK_ERROR', 'The server did not answer.')
  }
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as {
      error?: { code?: string; message?: string; messageJa?: string; details?: unknown }
    } | null
    const e = body?.error
    const details = Array.isArray(e?.details)
      ? (e.details as { where?: string; message?: string; messageJa?: string }[]).flatMap((d) =>
          typeof d?.message === 'string'
            ? [{ where: d.where ?? '', message: d.message, ...(d.messageJa ? { messageJa: d.messageJa } : {}) }]
            : [],
        )
      : []
    throw new ApiError(res.status, e?.code ?? `HTTP_${res.status}`, e?.message ?? res.statusText, details, e?.messageJa)
  }
  const blob = await res.blob()
  const name = fileNameOf(res.headers.get('content-disposition'), fallbackName)
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = name
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
  return name
}

export type ReportLang = 'ja' | 'en'

export const reportsApi = {
  home: () => api<HomeView>('/api/home'),
  managementPath: (lang: ReportLang, format: 'pdf' | 'docx') =>
    `/api/reports/management${queryString({ lang, format })}`,
  inspectionPath: (lang: ReportLang) => `/api/reports/inspection${queryString({ lang, format: 'pdf' })}`,
  deviceCardPath: (deviceId: string, lang: ReportLang) =>
    `/api/reports/device-card/${enc(deviceId)}${queryString({ lang })}`,
  schedules: () => api<{ items: ReportSchedule[] }>('/api/reports/schedules').then((b) => b.items),
  addSchedule: (json: ReportScheduleInput) => api<ReportSchedule>('/api/reports/schedules', { method: 'POST', json }),
  removeSchedule: (id: string) => api<void>(`/api/reports/schedules/${enc(id)}`, { method: 'DELETE' }),
  sendNow: (id: string) => api<{ sent: number }>(`/api/reports/schedules/${enc(id)}/send`, { method: 'POST' }),
}
