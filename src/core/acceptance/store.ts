import type {
  AcceptanceCheckId,
  AcceptanceComparison,
  AcceptanceIssue,
  AcceptanceState,
} from '../../../api/acceptance.js'
import type { DecommissionItemId, DecommissionState, ErasureMethod } from '../../../api/decommission.js'
import type { Actor, AuditRecord } from '../ports.js'
import type { CheckState, ItemState } from './outstanding.js'

/** One acceptance test as stored. */
export interface AcceptanceRecord {
  id: string
  deviceId: string
  state: AcceptanceState
  previousStatus: string
  scopeId: string | null
  startedAt: string
  startedBy: string | null
  comparison: AcceptanceComparison
  checks: Partial<Record<AcceptanceCheckId, CheckState>>
  issues: AcceptanceIssue[]
  signOff: { by: string; at: string; note: string; acceptedOpen: boolean; reason: string } | null
  cancelled: { by: string; at: string; reason: string } | null
  /** The last scan started for this acceptance (compared on request). */
  lastScanId: string | null
  version: number
}

/** One decommissioning as stored. */
export interface DecommissionRecord {
  id: string
  deviceId: string
  state: DecommissionState
  startedAt: string
  startedBy: string | null
  items: Partial<Record<DecommissionItemId, ItemState>>
  handover: {
    erasureMethod: ErasureMethod | null
    erasureEvidence: string
    recipient: string | null
    handoverOn: string | null
  }
  completed: { by: string; at: string; forced: boolean; reason: string } | null
  version: number
}

/** What a scan saw on a set of addresses. */
export interface ScanObservation {
  scanId: string
  scannedAt: string | null
  status: string
  openPorts: { port: number; transport: string; service: string | null }[]
}

/** A finding or known vulnerability printed on the handover sheet. */
export interface HandoverFinding {
  severity: string
  titleJa: string
  titleEn: string
  where: string | null
}

/**
 * What the acceptance tests and decommissioning services need from storage (issue 11). Filled in by
 * src/storage/acceptance-repository.ts (`acceptanceStoragePorts`), spread into the ports by `storagePorts`.
 * Every write records its audit entries in the same transaction; `save*` refuses a stale `version`.
 */
export interface AcceptancePorts {
  acceptanceList(state?: AcceptanceState): Promise<AcceptanceRecord[]>
  acceptanceGet(id: string): Promise<AcceptanceRecord>
  acceptanceLatestForDevice(deviceId: string): Promise<AcceptanceRecord | null>
  acceptanceInsert(rec: AcceptanceRecord, actor: Actor, audit: AuditRecord): Promise<void>
  acceptanceSave(
    rec: AcceptanceRecord,
    seenVersion: number,
    actor: Actor,
    audit: AuditRecord,
  ): Promise<AcceptanceRecord>
  decommissionList(state?: DecommissionState): Promise<DecommissionRecord[]>
  decommissionGet(id: string): Promise<DecommissionRecord>
  decommissionLatestForDevice(deviceId: string): Promise<DecommissionRecord | null>
  decommissionInsert(rec: DecommissionRecord, actor: Actor, audit: AuditRecord): Promise<void>
  decommissionSave(
    rec: DecommissionRecord,
    seenVersion: number,
    actor: Actor,
    audit: AuditRecord,
  ): Promise<DecommissionRecord>
  /** Removes every acceptance and decommission (demo reset). */
  acceptanceClearAll(): Promise<void>
  /** The scan's results on these addresses. */
  acceptanceScanObservation(scanId: string, addresses: readonly string[]): Promise<ScanObservation>
  /** Open findings a scan raised on the device. */
  acceptanceScanFindings(deviceId: string, addresses: readonly string[], scanId: string): Promise<HandoverFinding[]>
  /** The declared ports of the device's confirmed model, with where they came from (none: source null). */
  acceptanceDeclaration(deviceId: string): Promise<{ source: string | null; ports: number[] }>
  /** Open findings raised from the model's disclosure for this device. */
  acceptanceDisclosureFindings(deviceId: string): Promise<HandoverFinding[]>
  /** Open findings of the device (any source), most severe first. */
  decommissionOpenFindings(deviceId: string): Promise<HandoverFinding[]>
  /** Known vulnerabilities matched to the device and not dismissed. */
  decommissionVulnerabilities(
    deviceId: string,
  ): Promise<{ cve: string | null; advisory: string | null; product: string; decision: string }[]>
}
