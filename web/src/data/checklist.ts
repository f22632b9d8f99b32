/**
 * The MHLW checklist over HTTP (api/checklist.ts): editions, the form with answers and evidence, answers and their
 * attachments, exports, vendors and their 事業者確認用 forms. Item ids are printed numbers ("2-⑥"), so every path
 * encodes them.
 */
import type {
  ChecklistAnswer,
  ChecklistAnswerInput,
  ChecklistAttachment,
  ChecklistCompletion,
  ChecklistEdition,
  ChecklistEvidence,
  ChecklistForm,
  ChecklistItem,
  ChecklistVendor,
  ChecklistView,
} from '../../../api/checklist.js'
import { api, queryString } from '../api.js'
import type { Invalidator } from './keys.js'

export type {
  ChecklistAnswer,
  ChecklistAnswerInput,
  ChecklistAttachment,
  ChecklistCompletion,
  ChecklistEdition,
  ChecklistEvidence,
  ChecklistForm,
  ChecklistItem,
  ChecklistVendor,
  ChecklistView,
}
export type ChecklistCompletionShape = ChecklistCompletion
export type ChecklistRow = ChecklistView['rows'][number]

/** Which form is shown: the hospital's own, or one vendor's answers to the 事業者確認用. */
export interface ChecklistScope {
  form: ChecklistForm
  edition?: string | undefined
  vendorId?: string | undefined
}

const enc = encodeURIComponent

export const checklistKeys = {
  all: ['checklist'] as const,
  view: (scope: ChecklistScope) => [...checklistKeys.all, 'view', scope] as const,
  editions: () => [...checklistKeys.all, 'editions'] as const,
  vendors: () => [...checklistKeys.all, 'vendors'] as const,
}

/** After an answer, attachment, edition or vendor change: every checklist view and the home page's completion. */
export async function invalidateChecklist(qc: Invalidator): Promise<void> {
  await Promise.all([
    qc.invalidateQueries({ queryKey: checklistKeys.all }),
    qc.invalidateQueries({ queryKey: ['home'] }),
  ])
}

function fileBody(file: File): FormData {
  const body = new FormData()
  body.append('file', file, file.name)
  return body
}

const scopeQuery = (s: Pick<ChecklistScope, 'edition' | 'vendorId'>) =>
  queryString({ edition: s.edition, vendorId: s.vendorId })

export const checklistApi = {
  view: (s: ChecklistScope) =>
    api<ChecklistView>(`/api/checklist${queryString({ form: s.form, edition: s.edition, vendorId: s.vendorId })}`),
  editions: () => api<{ items: ChecklistEdition[] }>('/api/checklist/editions').then((b) => b.items),
  loadEdition: (file: File) =>
    api<ChecklistEdition>('/api/checklist/editions', { method: 'POST', body: fileBody(file) }),
  answer: (itemId: string, s: ChecklistScope, json: ChecklistAnswerInput) =>
    api<ChecklistAnswer>(`/api/checklist/answers/${enc(itemId)}${scopeQuery(s)}`, { method: 'PUT', json }),
  attach: (itemId: string, s: ChecklistScope, file: File) =>
    api<ChecklistAttachment>(`/api/checklist/answers/${enc(itemId)}/attachments${scopeQuery(s)}`, {
      method: 'POST',
      body: fileBody(file),
    }),
  attachmentPath: (id: string) => `/api/checklist/attachments/${enc(id)}`,
  removeAttachment: (id: string) => api<void>(`/api/checklist/attachments/${enc(id)}`, { method: 'DELETE' }),
  exportPath: (s: ChecklistScope, format: 'xlsx' | 'pdf', lang: 'ja' | 'en') =>
    `/api/checklist/export${queryString({ format, form: s.form, edition: s.edition, vendorId: s.vendorId, lang })}`,
  vendors: () => api<{ items: ChecklistVendor[] }>('/api/checklist/vendors').then((b) => b.items),
  addVendor: (json: { name: string; contact?: string }) =>
    api<ChecklistVendor>('/api/checklist/vendors', { method: 'POST', json }),
  vendorFormPath: (id: string, format: 'xlsx' | 'pdf') =>
    `/api/checklist/vendors/${enc(id)}/form${queryString({ format })}`,
}
