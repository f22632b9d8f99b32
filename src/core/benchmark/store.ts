import type { BenchmarkProfile, BenchmarkSettings, CohortReport } from '../../../api/benchmark.js'
import type { Actor, AuditRecord } from '../ports.js'
import type { IndicatorFacts } from './indicators.js'

/** The facts the repository counts (set-based); checklist completion comes from the checklist module instead. */
export type StoredFacts = Omit<IndicatorFacts, 'checklistAnswered' | 'checklistApplicable'>

/** What the benchmark module keeps: its settings, imported profiles and the last imported cohort report. */
export interface BenchmarkStore {
  /** Counts over devices, findings, scan hosts, model links, disclosures and vulnerability matches. */
  facts(today: string): Promise<StoredFacts>
  settings(): Promise<BenchmarkSettings | null>
  /** Saves the settings and their audit entry in one transaction. */
  saveSettings(s: BenchmarkSettings, actor: Actor, audit: AuditRecord): Promise<void>
  profileIds(): Promise<Set<string>>
  profiles(): Promise<BenchmarkProfile[]>
  /**
   * Stores a whole import in one transaction with its audit entry: every profile and the report, or nothing (a
   * profile id already stored by a concurrent import fails the transaction). Returns the profiles stored after it.
   */
  saveImport(
    profiles: readonly BenchmarkProfile[],
    reports: readonly CohortReport[],
    actor: Actor,
    audit: AuditRecord,
    now: string,
  ): Promise<number>
  /** The last imported cohort report, or null. */
  lastReport(): Promise<CohortReport | null>
}

/** What the benchmark services need from storage (issue 10), spread into the ports by `storagePorts`. */
export interface BenchmarkPorts {
  benchmark: BenchmarkStore
}
