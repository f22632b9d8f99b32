/**
 * Every React Query key the web app uses, one factory per resource (the Immich/Outline habit of `fooKeys.all`,
 * `fooKeys.list(filters)`, `fooKeys.detail(id)`), and the invalidation helpers that say what a change makes stale.
 *
 * Keys are hierarchical: invalidating `deviceKeys.all` also refreshes every list, detail and facet under it, so a
 * page never has to remember the other pages' string keys. This file imports nothing from the browser (no fetch):
 * the unit tests in test/web/ run it under Node.
 */

/** Anything that can mark queries stale; a React Query `QueryClient` satisfies it. */
export interface Invalidator {
  invalidateQueries(filters: { queryKey: readonly unknown[] }): Promise<void>
}

/** Query-string values a list accepts; undefined/empty values are dropped before the request (queryString). */
export type Filters = Record<string, string | number | boolean | null | undefined>

export const deviceKeys = {
  all: ['devices'] as const,
  lists: () => [...deviceKeys.all, 'list'] as const,
  list: (filters: Filters) => [...deviceKeys.lists(), filters] as const,
  facets: () => [...deviceKeys.all, 'facets'] as const,
  details: () => [...deviceKeys.all, 'detail'] as const,
  detail: (id: string) => [...deviceKeys.details(), id] as const,
  history: (id: string) => [...deviceKeys.detail(id), 'history'] as const,
  discovery: (id: string) => [...deviceKeys.detail(id), 'discovery'] as const,
}

/** The overview: dashboard counts and the first-steps card, both computed from the ledger and the scans. */
export const overviewKeys = {
  all: ['overview'] as const,
  dashboard: () => [...overviewKeys.all, 'dashboard'] as const,
  firstSteps: () => [...overviewKeys.all, 'first-steps'] as const,
}

export const userKeys = { all: ['users'] as const, list: () => [...userKeys.all, 'list'] as const }

export const auditKeys = {
  all: ['audit'] as const,
  list: (filters: Filters) => [...auditKeys.all, 'list', filters] as const,
}

export const accountKeys = { all: ['account'] as const, tokens: () => [...accountKeys.all, 'tokens'] as const }

export const scanKeys = {
  all: ['scans'] as const,
  list: () => [...scanKeys.all, 'list'] as const,
  detail: (id: string) => [...scanKeys.all, 'detail', id] as const,
  /** The status is part of the key so the final host list is fetched once the scan finishes. */
  hosts: (id: string, status?: string) => [...scanKeys.detail(id), 'hosts', status ?? null] as const,
  drift: (id: string) => [...scanKeys.detail(id), 'drift'] as const,
}

export const scopeKeys = {
  all: ['scopes'] as const,
  scopes: () => [...scopeKeys.all, 'scopes'] as const,
  exclusions: () => [...scopeKeys.all, 'exclusions'] as const,
}

export const findingKeys = {
  all: ['findings'] as const,
  list: (filters: Filters) => [...findingKeys.all, 'list', filters] as const,
  forDevice: (deviceId: string) => [...findingKeys.all, 'device', deviceId] as const,
}

export const reconciliationKeys = { all: ['reconciliation'] as const }

export const jobKeys = {
  all: ['jobs'] as const,
  list: (filters: Filters) => [...jobKeys.all, 'list', filters] as const,
  detail: (id: string) => [...jobKeys.all, 'detail', id] as const,
}

async function invalidateAll(qc: Invalidator, keys: readonly (readonly unknown[])[]): Promise<void> {
  await Promise.all(keys.map((queryKey) => qc.invalidateQueries({ queryKey })))
}

/**
 * After a device is created, saved, deleted or imported: its detail (when given), every device list and facet,
 * the overview counts and the reconciliation (which compares hosts with the ledger).
 */
export function invalidateLedger(qc: Invalidator, deviceId?: string): Promise<void> {
  return invalidateAll(qc, [
    deviceId ? deviceKeys.detail(deviceId) : deviceKeys.all,
    deviceKeys.lists(),
    deviceKeys.facets(),
    overviewKeys.all,
    reconciliationKeys.all,
  ])
}

/**
 * After a host is added to the ledger: the ledger and the scans whose hosts now show "in the ledger". The
 * reconciliation itself is not refetched: its page marks the added host in place, with a link to the new device.
 */
export function invalidateAfterReconcile(qc: Invalidator): Promise<void> {
  return invalidateAll(qc, [deviceKeys.all, overviewKeys.all, scanKeys.all])
}

/** After a scan starts, stops or finishes: the scan, the lists, its findings, the overview and the job list. */
export function invalidateScan(qc: Invalidator, scanId?: string): Promise<void> {
  return invalidateAll(qc, [
    scanId ? scanKeys.detail(scanId) : scanKeys.all,
    scanKeys.list(),
    findingKeys.all,
    overviewKeys.all,
    jobKeys.all,
  ])
}

/** After a finding's status changes: every finding list (also a device's findings) and the overview. */
export function invalidateFindings(qc: Invalidator): Promise<void> {
  return invalidateAll(qc, [findingKeys.all, overviewKeys.all])
}

/** After a scope or exclusion changes: both lists and the first-steps card (which asks "is there a scope?"). */
export function invalidateScopes(qc: Invalidator): Promise<void> {
  return invalidateAll(qc, [scopeKeys.all, overviewKeys.firstSteps()])
}

/** After a user is created or changed: the user list and the audit log that records it. */
export function invalidateUsers(qc: Invalidator): Promise<void> {
  return invalidateAll(qc, [userKeys.all, auditKeys.all])
}

/** Vulnerability intelligence (issue 9): advisories, a device's matches, feeds, components and SBOMs, notifications. */
export const vulnKeys = {
  all: ['vulns'] as const,
  advisories: (filters: Filters) => [...vulnKeys.all, 'advisories', filters] as const,
  morning: () => [...vulnKeys.all, 'morning'] as const,
  advisory: (id: string) => [...vulnKeys.all, 'advisory', id] as const,
  affected: (id: string) => [...vulnKeys.advisory(id), 'affected'] as const,
  forDevice: (deviceId: string) => [...vulnKeys.all, 'device', deviceId] as const,
  cpeCandidates: (deviceId: string) => [...vulnKeys.forDevice(deviceId), 'cpe-candidates'] as const,
  components: (owner: Filters) => [...vulnKeys.all, 'components', owner] as const,
  sboms: (owner: Filters) => [...vulnKeys.all, 'sboms', owner] as const,
  feeds: () => [...vulnKeys.all, 'feeds'] as const,
}

/** In-app notifications and their channels (kept apart so the header's bell polls only its own list). */
export const notificationKeys = {
  all: ['notifications'] as const,
  list: () => [...notificationKeys.all, 'list'] as const,
  channels: () => [...notificationKeys.all, 'channels'] as const,
}

/**
 * After feeds are imported or synced, a match is reviewed, or a component or SBOM changes: every advisory, match,
 * component and feed query, and the notifications the matching run may have written.
 */
export function invalidateVulns(qc: Invalidator): Promise<void> {
  return invalidateAll(qc, [vulnKeys.all, notificationKeys.list()])
}
