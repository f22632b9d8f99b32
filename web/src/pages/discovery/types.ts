/**
 * Shapes of the discovery API (issue 3) as the UI reads them. The server owns the contract; fields the UI does
 * not strictly need are optional so a newer server does not break the page.
 */

export const SCAN_PROFILES = ['gentle', 'standard', 'fast'] as const
export type ScanProfile = (typeof SCAN_PROFILES)[number]

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const
export type Severity = (typeof SEVERITIES)[number]

export const FINDING_STATUSES = ['open', 'accepted', 'resolved', 'false_positive'] as const

export interface ScanProgress {
  hostsTotal: number
  hostsDone: number
  probesPerSecond: number
  openPorts: number
  findings: number
}

export interface Scan {
  id: string
  targets: string[]
  profile: string
  status: string
  startedAt: string | null
  finishedAt?: string | null
  startedBy?: string | null
  ports?: string | null
  error?: string | null
  progress?: ScanProgress | null
}

export interface ScanService {
  port: number
  transport?: string
  state: string
  service?: string | null
  banner?: string | null
}

export interface ScanHost {
  id: string
  scanId?: string
  address: string
  mac?: string | null
  hostname?: string | null
  vendor?: string | null
  state?: string
  complete?: boolean
  services?: ScanService[]
  deviceId?: string | null
  identification?: {
    manufacturer?: string | null
    model?: string | null
    category?: string | null
    confidence?: number
  } | null
}

export interface Finding {
  id: string
  ruleId: string
  severity: string
  status: string
  address: string
  port: number | null
  titleJa: string
  titleEn: string
  detailJa?: string
  detailEn?: string
  recommendationJa?: string
  recommendationEn?: string
  evidence: string
  incomplete?: boolean
  deviceId?: string | null
  scanId?: string | null
  firstSeenAt?: string | null
  lastSeenAt?: string | null
  reason?: string | null
  expiresAt?: string | null
}

export interface Scope {
  id: string
  name?: string | null
  cidr?: string | null
  targets?: string[] | string | null
  createdBy?: string | null
  createdAt?: string | null
}

export interface Exclusion {
  id: string
  address: string
  reason?: string | null
  createdBy?: string | null
  createdAt?: string | null
}

export interface ReconciliationBody {
  scanId?: string | null
  unknownHosts: ScanHost[]
  missingDevices: {
    id: string
    assetTag: string | null
    hostname: string | null
    ipAddresses: string[]
    department: string | null
  }[]
  matched: {
    host: ScanHost
    device: { id: string; assetTag: string | null; hostname: string | null }
    matchedBy?: string
  }[]
}

/** A list endpoint may answer a bare array or a page `{ items }`. */
export function itemsOf<T>(body: T[] | { items: T[] } | null | undefined): T[] {
  if (!body) return []
  return Array.isArray(body) ? body : body.items
}

/** Severity → Mantine colour. */
export function severityColor(s: string): string {
  switch (s) {
    case 'critical':
      return 'red'
    case 'high':
      return 'orange'
    case 'medium':
      return 'yellow'
    case 'low':
      return 'blue'
    default:
      return 'gray'
  }
}

/** Whether a scan is still producing progress (poll it). */
export function isActive(scan: Scan): boolean {
  return scan.status === 'running' || scan.status === 'queued' || scan.status === 'pending'
}
