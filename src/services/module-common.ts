import type { ActionList, ActionListQuery, ActionSyncResult } from '../../api/actions.js'
import type { BcpWarning, ClinicalService, DevicePlan } from '../../api/bcp.js'
import type { BenchmarkPosition, IndicatorValue } from '../../api/benchmark.js'
import type { ChecklistForm, ChecklistView } from '../../api/checklist.js'
import type { DeviceRisk, RiskList, RiskListQuery, RiskSummary, RiskTrendPoint } from '../../api/risk.js'
import type { Config } from '../config.js'
import type { Actor } from '../core/actor.js'
import type { AuditLog, Clock } from '../core/ports.js'
import type { DeviceService } from './devices.js'
import type { DisclosureService } from './disclosures.js'
import type { JobRunner } from './job-runner.js'
import type { ModelCatalogService } from './model-catalog.js'
import type { NotifyService } from './notify/channels.js'
import type { ScanService } from './scan-service.js'

/** What every issue-10 module receives from `buildServices` besides the ports. */
export interface ModuleCommon {
  jobs: JobRunner
  audit: AuditLog
  clock: Clock
  notify: NotifyService
  config: Config
  catalog: ModelCatalogService
}

/**
 * How modules read each other (issue 10): the benchmark reads the checklist's completion; reports and the home page
 * read all four. Each module's service implements its reader under the key shown (`risk`, `actions`, `checklist`,
 * `benchmark`), so `buildServices` passes the modules' results straight in.
 */
export interface RiskReader {
  list(q: RiskListQuery): Promise<RiskList>
  explain(deviceId: string): Promise<DeviceRisk>
  summary(): Promise<RiskSummary>
  trend(days: number): Promise<RiskTrendPoint[]>
  /** Re-scores every device now (after scans, matching, ledger changes) and keeps today's trend point. */
  rescore(actor: Actor): Promise<RiskSummary>
}

export interface ActionReader {
  list(q: ActionListQuery): Promise<ActionList>
  /** Regroups open findings into actions; closes actions whose findings are all fixed, with the evidence. */
  sync(actor: Actor): Promise<ActionSyncResult>
}

export interface ChecklistReader {
  view(opts: { form: ChecklistForm; editionId?: string; vendorId?: string }): Promise<ChecklistView>
}

export interface BenchmarkReader {
  indicators(): Promise<IndicatorValue[]>
  /** This hospital against the last imported cohort report, or null when none was imported. */
  position(): Promise<BenchmarkPosition | null>
}

export interface AssessmentReaders {
  risk: RiskReader
  actions: ActionReader
  checklist: ChecklistReader
  benchmark: BenchmarkReader
}

/**
 * How the issue-11 modules read continuity (implemented by the `bcp` service, src/services/bcp/): the decommission
 * check ("services still depend on this device"), the downtime cards and the checklist's 3-②/3-③ evidence.
 */
export interface ContinuityReader {
  /** Every clinical service with its dependencies and warnings, and the plan-wide warnings (cycles…). */
  services(): Promise<{ items: ClinicalService[]; warnings: BcpWarning[] }>
  /**
   * The plans of these devices (id or asset tag), in the order asked; a device with nothing saved gets its category's
   * default with `saved: false`. An unknown device answers NOT_FOUND naming it. Reads in a few queries for 1,000 ids.
   */
  devicePlans(devices: readonly string[]): Promise<DevicePlan[]>
  /** Ids of the devices some service depends on (directly or through another device or segment). */
  plannedDeviceIds(): Promise<string[]>
  /** Services that depend on the device, directly or through other nodes (for decommissioning). */
  servicesDependingOn(deviceId: string): Promise<{ id: string; name: string }[]>
}

/** What the acceptance and decommission services use of the others (issue 11). */
export interface LifecycleDeps {
  devices: DeviceService
  scans: ScanService
  disclosures: DisclosureService
  continuity: ContinuityReader
}
