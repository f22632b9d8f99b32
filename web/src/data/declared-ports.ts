/**
 * The ports a catalog model declares (api/disclosure.ts): read the list, replace it with one typed in by hand, or with
 * the manufacturer's filled-in template (docs/disclosure-template/, multipart upload). A failed import answers 422
 * DECLARED_PORTS_UNREADABLE with every problem in `error.details` and changes nothing.
 */
import type { z } from 'zod'
import type { declaredPort, declaredPortList } from '../../../api/disclosure.js'
import { api } from '../api.js'
import { disclosureKeys } from './disclosures.js'
import type { Invalidator } from './keys.js'

export type DeclaredPortDto = z.infer<typeof declaredPort>
export type DeclaredPortListDto = z.infer<typeof declaredPortList>
export type DeclaredPortSource = NonNullable<DeclaredPortListDto['source']>

/** Under the disclosure keys: an import or a hand edit also refreshes comparisons and disclosed-vs-observed tables. */
export const declaredPortKeys = {
  all: [...disclosureKeys.all, 'declared-ports'] as const,
  ofModel: (modelId: string) => [...declaredPortKeys.all, modelId] as const,
}

/** A new list changes what every scan comparison and model comparison shows. */
export async function invalidateDeclaredPorts(qc: Invalidator): Promise<void> {
  await qc.invalidateQueries({ queryKey: disclosureKeys.all })
}

const path = (modelId: string) => `/api/models/${encodeURIComponent(modelId)}/declared-ports`

export const declaredPortsApi = {
  get: (modelId: string) => api<DeclaredPortListDto>(path(modelId)),
  /** Replaces the whole list (engineer; audited). */
  save: (modelId: string, ports: DeclaredPortDto[]) =>
    api<DeclaredPortListDto>(path(modelId), { method: 'PUT', json: { ports } }),
  /** The template as CSV or JSON; the answer is the new list. */
  importFile: (modelId: string, file: File) => {
    const body = new FormData()
    body.append('file', file, file.name)
    return api<DeclaredPortListDto>(`${path(modelId)}/import`, { method: 'POST', body })
  },
}
