/**
 * Vulnerability intelligence over HTTP (api/vulns.ts): advisories and the morning view, "do we have this?", a
 * device's matches and candidate CPEs, people's decisions on matches, feeds (import, sync, export, sources),
 * components and SBOMs, notifications and their channels. Pages call these with {@link vulnKeys} /
 * {@link notificationKeys} instead of writing paths and query keys themselves.
 */
import type { z } from 'zod'
import type {
  AdvisoryAffected,
  AdvisoryDetail,
  advisoryList,
  ComponentOut,
  componentCreate,
  componentPatch,
  cpeCandidates,
  deviceVulnerabilities,
  FeedImportResult,
  feedSourceOut,
  feedSourcePut,
  feedsOverview,
  matchReviewOut,
  morningView,
  NotificationChannels,
  notificationList,
  reviewDecision,
  sbom,
  sbomImportResult,
} from '../../../api/vulns.js'
import { api, queryString } from '../api.js'
import type { Filters } from './keys.js'

export { invalidateVulns, notificationKeys, vulnKeys } from './keys.js'

export type AdvisoryList = z.infer<typeof advisoryList>
export type MorningView = z.infer<typeof morningView>
export type DeviceVulnerabilities = z.infer<typeof deviceVulnerabilities>
export type CpeCandidate = z.infer<typeof cpeCandidates>['items'][number]
export type FeedsOverview = z.infer<typeof feedsOverview>
export type FeedSource = z.infer<typeof feedSourceOut>
export type FeedSourcePut = z.infer<typeof feedSourcePut>
export type MatchReview = z.infer<typeof matchReviewOut>
export type ReviewDecision = z.infer<typeof reviewDecision>
export type Sbom = z.infer<typeof sbom>
export type SbomImportResult = z.infer<typeof sbomImportResult>
export type ComponentCreate = z.input<typeof componentCreate>
export type ComponentPatch = z.input<typeof componentPatch>
export type NotificationList = z.infer<typeof notificationList>
export type NotificationItem = NotificationList['items'][number]

/** Whose components or SBOMs: a catalog model or one device. */
export type Owner = { modelId: string } | { deviceId: string }

const enc = encodeURIComponent

/** The file as the only part of a multipart body (the server reads the part named "file"). */
function fileBody(file: File): FormData {
  const body = new FormData()
  body.append('file', file, file.name)
  return body
}

export const vulnsApi = {
  advisories: (filters: Filters) => api<AdvisoryList>(`/api/advisories${queryString(filters)}`),
  morning: () => api<MorningView>('/api/advisories/morning'),
  /** Moves the caller's "last visit" to now: the morning view then starts empty until something new arrives. */
  morningSeen: () => api<void>('/api/advisories/morning/seen', { method: 'POST' }),
  advisory: (id: string) => api<AdvisoryDetail>(`/api/advisories/${enc(id)}`),
  affected: (id: string) => api<AdvisoryAffected>(`/api/advisories/${enc(id)}/affected`),
  forDevice: (deviceId: string) => api<DeviceVulnerabilities>(`/api/devices/${enc(deviceId)}/vulnerabilities`),
  cpeCandidates: (deviceId: string) =>
    api<{ items: CpeCandidate[] }>(`/api/devices/${enc(deviceId)}/cpe-candidates`).then((b) => b.items),
  /** A person's decision on a match; the server applies it to every device of the match's model. */
  review: (matchId: string, decision: ReviewDecision, note: string) =>
    api<MatchReview>(`/api/matches/${enc(matchId)}/review`, { method: 'POST', json: { decision, note } }),
  undoReview: (reviewId: string) => api<void>(`/api/match-reviews/${enc(reviewId)}`, { method: 'DELETE' }),

  feeds: () => api<FeedsOverview>('/api/feeds'),
  saveFeed: (id: string, json: FeedSourcePut) => api<FeedSource>(`/api/feeds/${enc(id)}`, { method: 'PUT', json }),
  importFeed: (file: File) => api<FeedImportResult>('/api/feeds/import', { method: 'POST', body: fileBody(file) }),
  sync: () => api<{ jobId: string }>('/api/feeds/sync', { method: 'POST' }),
  /** A download link (not a fetch): the browser saves the bundle the server sends. */
  exportUrl: '/api/feeds/export',

  components: (owner: Owner) =>
    api<{ items: ComponentOut[] }>(`/api/components${queryString(owner)}`).then((b) => b.items),
  createComponent: (json: ComponentCreate) => api<ComponentOut>('/api/components', { method: 'POST', json }),
  patchComponent: (id: string, json: ComponentPatch) =>
    api<ComponentOut>(`/api/components/${enc(id)}`, { method: 'PATCH', json }),
  removeComponent: (id: string) => api<void>(`/api/components/${enc(id)}`, { method: 'DELETE' }),
  sboms: (owner: Owner) => api<{ items: Sbom[] }>(`/api/sboms${queryString(owner)}`).then((b) => b.items),
  uploadSbom: (owner: Owner, file: File) =>
    api<SbomImportResult>(`/api/sboms${queryString(owner)}`, { method: 'POST', body: fileBody(file) }),
  removeSbom: (id: string) => api<void>(`/api/sboms/${enc(id)}`, { method: 'DELETE' }),

  notifications: () => api<NotificationList>('/api/notifications'),
  markRead: (ids: string[] | 'all') =>
    api<void>('/api/notifications/read', { method: 'POST', json: ids === 'all' ? { all: true } : { ids } }),
  channels: () => api<NotificationChannels>('/api/settings/notifications'),
  saveChannels: (json: NotificationChannels) =>
    api<NotificationChannels>('/api/settings/notifications', { method: 'PUT', json }),
  /** Each channel answers 'sent', 'skipped' (not set up) or why it failed ("English / 日本語"). */
  testChannels: () => api<{ email: string; webhook: string }>('/api/settings/notifications/test', { method: 'POST' }),
}
