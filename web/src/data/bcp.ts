/**
 * Continuity (BCP) over HTTP (api/bcp.ts): clinical services and their dependencies, the ledger-based proposal,
 * outside parties, device plans, impact analysis and the dependency graph, the playbook by phase, the contact chain,
 * exercises and the downtime cards (a download).
 */
import type {
  BcpGraph,
  BcpSeedProposal,
  BcpWarning,
  ClinicalService,
  ClinicalServiceInput,
  Contact,
  ContactChain,
  DependencyInput,
  DevicePlan,
  DevicePlanInput,
  Exercise,
  ImpactResult,
  NodeRef,
  OutsideParty,
  Playbook,
  PlaybookPhase,
  PlaybookTask,
} from '../../../api/bcp.js'
import { api, queryString } from '../api.js'
import type { Invalidator } from './keys.js'

export type {
  BcpGraph,
  BcpSeedProposal,
  BcpWarning,
  ClinicalService,
  ClinicalServiceInput,
  Contact,
  ContactChain,
  DependencyInput,
  DevicePlan,
  DevicePlanInput,
  Exercise,
  ImpactResult,
  NodeRef,
  OutsideParty,
  Playbook,
  PlaybookPhase,
  PlaybookTask,
}

/** What the forms send (the api file's input schemas, as the server accepts them). */
export type OutsidePartyInput = Omit<OutsideParty, 'id' | 'updatedAt'>
export type PlaybookTaskInput = Omit<PlaybookTask, 'id' | 'updatedAt'>
export type ContactInput = Omit<Contact, 'id' | 'updatedAt'>
export type ExerciseInput = Omit<Exercise, 'id' | 'createdBy' | 'updatedAt'>

const enc = encodeURIComponent

export const bcpKeys = {
  all: ['bcp'] as const,
  services: () => [...bcpKeys.all, 'services'] as const,
  service: (id: string) => [...bcpKeys.all, 'service', id] as const,
  parties: () => [...bcpKeys.all, 'parties'] as const,
  plans: (missing: boolean) => [...bcpKeys.all, 'plans', missing] as const,
  plan: (deviceId: string) => [...bcpKeys.all, 'plan', deviceId] as const,
  impact: (node: string) => [...bcpKeys.all, 'impact', node] as const,
  graph: (service: string | null) => [...bcpKeys.all, 'graph', service] as const,
  playbook: () => [...bcpKeys.all, 'playbook'] as const,
  contacts: () => [...bcpKeys.all, 'contacts'] as const,
  exercises: () => [...bcpKeys.all, 'exercises'] as const,
}

/** Any BCP change can move warnings, impacts and graphs elsewhere in the plan: refresh the whole area. */
export async function invalidateBcp(qc: Invalidator): Promise<void> {
  await qc.invalidateQueries({ queryKey: bcpKeys.all })
}

/** A node as the API's NODE parameter: "segment:NAME", "party:ID", "service:ID" or a device id. */
export function nodeParam(ref: NodeRef): string {
  return ref.kind === 'device' ? ref.id : `${ref.kind}:${ref.id}`
}

/** The same node in a link inside the app (the impact page reads `?node=`). */
export function impactLink(ref: NodeRef): string {
  return `/bcp/impact?node=${enc(nodeParam(ref))}`
}

/** Where a node is edited: a service's page, a device's plan, a party or segment's impact. */
export function nodeLink(ref: NodeRef): string {
  if (ref.kind === 'service') return `/bcp/services/${enc(ref.id)}`
  if (ref.kind === 'device') return `/bcp/plans/${enc(ref.id)}`
  return impactLink(ref)
}

export interface CardsFilter {
  lang: 'ja' | 'en'
  devices?: string[]
  services?: string[]
}

export const bcpApi = {
  services: () => api<{ items: ClinicalService[]; warnings: BcpWarning[] }>('/api/bcp/services'),
  service: (id: string) => api<ClinicalService>(`/api/bcp/services/${enc(id)}`),
  createService: (json: ClinicalServiceInput) => api<ClinicalService>('/api/bcp/services', { method: 'POST', json }),
  saveService: (id: string, json: ClinicalServiceInput) =>
    api<ClinicalService>(`/api/bcp/services/${enc(id)}`, { method: 'PUT', json }),
  deleteService: (id: string) => api<void>(`/api/bcp/services/${enc(id)}`, { method: 'DELETE' }),
  seed: (apply: boolean) => api<BcpSeedProposal>('/api/bcp/seed', { method: 'POST', json: { apply } }),
  parties: () => api<{ items: OutsideParty[] } | OutsideParty[]>('/api/bcp/parties').then(itemsOf),
  createParty: (json: OutsidePartyInput) => api<OutsideParty>('/api/bcp/parties', { method: 'POST', json }),
  plans: (missing: boolean) =>
    api<{ items: DevicePlan[] }>(`/api/bcp/device-plans${queryString({ missing: missing || undefined })}`),
  plan: (deviceId: string) => api<DevicePlan>(`/api/bcp/device-plans/${enc(deviceId)}`),
  savePlan: (deviceId: string, json: DevicePlanInput) =>
    api<DevicePlan>(`/api/bcp/device-plans/${enc(deviceId)}`, { method: 'PUT', json }),
  impact: (node: string) => api<ImpactResult>(`/api/bcp/impact${queryString({ node })}`),
  graph: (service: string | null) => api<BcpGraph>(`/api/bcp/graph${queryString({ service })}`),
  playbook: () => api<Playbook>('/api/bcp/playbook'),
  createTask: (json: PlaybookTaskInput) => api<PlaybookTask>('/api/bcp/playbook/tasks', { method: 'POST', json }),
  saveTask: (id: string, json: PlaybookTaskInput) =>
    api<PlaybookTask>(`/api/bcp/playbook/tasks/${enc(id)}`, { method: 'PUT', json }),
  deleteTask: (id: string) => api<void>(`/api/bcp/playbook/tasks/${enc(id)}`, { method: 'DELETE' }),
  contacts: () => api<ContactChain>('/api/bcp/contacts'),
  createContact: (json: ContactInput) => api<Contact>('/api/bcp/contacts', { method: 'POST', json }),
  saveContact: (id: string, json: ContactInput) =>
    api<Contact>(`/api/bcp/contacts/${enc(id)}`, { method: 'PUT', json }),
  deleteContact: (id: string) => api<void>(`/api/bcp/contacts/${enc(id)}`, { method: 'DELETE' }),
  /** The contact chain as a picture, for an <img> and a download link. */
  contactChartPath: (lang: 'ja' | 'en') => `/api/bcp/contacts/chart.svg${queryString({ lang })}`,
  exercises: () => api<{ items: Exercise[] } | Exercise[]>('/api/bcp/exercises').then(itemsOf),
  createExercise: (json: ExerciseInput) => api<Exercise>('/api/bcp/exercises', { method: 'POST', json }),
  saveExercise: (id: string, json: ExerciseInput) =>
    api<Exercise>(`/api/bcp/exercises/${enc(id)}`, { method: 'PUT', json }),
  deleteExercise: (id: string) => api<void>(`/api/bcp/exercises/${enc(id)}`, { method: 'DELETE' }),
  /** The downtime cards (PDF): no filter means every service and every device a service depends on. */
  cardsPath: (f: CardsFilter) =>
    `/api/bcp/cards${queryString({
      lang: f.lang,
      devices: f.devices && f.devices.length > 0 ? f.devices.join(',') : undefined,
      services: f.services && f.services.length > 0 ? f.services.join(',') : undefined,
    })}`,
}

/** The list routes whose answer shape the contract leaves open ("→ outsideParty"): accept a bare array or {items}. */
function itemsOf<T>(body: { items: T[] } | T[]): T[] {
  return Array.isArray(body) ? body : (body?.items ?? [])
}
