/** The ledger import over HTTP: upload (a dry run), re-check with a new column mapping, commit. */
import type { ImportPreview, ImportResult } from '../../../api/import.js'
import { api } from '../api.js'

export { invalidateLedger } from './keys.js'

/** The person's column choices: header → field id, or null to ignore the column. */
export type ColumnMapping = Record<string, string | null>

/**
 * The commit's answer: the counts (the server waits for the import job and answers its result) and the job that
 * ran it; an answer with only `jobId` means the job is still running and the page follows it.
 */
export type ImportCommitted = Partial<ImportResult> & { jobId?: string }

const path = (id: string) => `/api/imports/${encodeURIComponent(id)}`

export const importsApi = {
  upload: (file: File) => {
    const body = new FormData()
    body.append('file', file, file.name)
    return api<ImportPreview>('/api/imports', { method: 'POST', body })
  },
  remap: (importId: string, mapping: ColumnMapping) =>
    api<ImportPreview>(`${path(importId)}/mapping`, { method: 'POST', json: { mapping } }),
  commit: (importId: string, mapping: ColumnMapping | null) =>
    api<ImportCommitted>(`${path(importId)}/commit`, { method: 'POST', ...(mapping ? { json: { mapping } } : {}) }),
  templateUrl: (format: 'xlsx' | 'csv', lang: string) => `/api/imports/template?format=${format}&lang=${lang}`,
  rejectedUrl: (importId: string, lang: string) => `${path(importId)}/rejected?lang=${lang}`,
}
