/**
 * Discovery types come from the shared contract (api/discovery.ts); this file adds the small UI helpers
 * around them.
 */
export type { Exclusion, Finding, Reconciliation, Scan, ScanHost, Scope } from '../../../../api/discovery.js'
export { FINDING_STATUSES, SCAN_PROFILES, SEVERITIES } from '../../../../api/discovery.js'

import type { Scan } from '../../../../api/discovery.js'

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

/** Whether a scan is still producing progress (poll it every second). */
export function isActive(scan: Scan): boolean {
  return scan.status === 'running' || scan.status === 'queued' || scan.status === 'stopping'
}

/** Status → badge colour. */
export function scanStatusColor(scan: Scan): string {
  if (isActive(scan)) return 'blue'
  if (scan.status === 'failed') return 'red'
  if (scan.status === 'stopped') return 'orange'
  return 'teal'
}

interface PortRef {
  address: string
  port: number
  transport: string
  service: string | null
}

/** GET /api/scans/:id/drift: changes since the previous scan of the same targets (src/core/discovery/drift.ts). */
export interface Drift {
  previousScanId: string | null
  newHosts: string[]
  vanishedHosts: string[]
  openedPorts: PortRef[]
  closedPorts: PortRef[]
  changedFingerprints: {
    address: string
    port: number | null
    transport: string | null
    field: string
    before: string | null
    after: string | null
  }[]
  partialHosts: string[]
}
