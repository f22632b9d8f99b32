import type { Actor, AuditRecord } from '../ports.js'

/**
 * What the reports services need from storage (issue 10): the report schedules, and the few facts the readers of the
 * other modules do not answer (the hospital's name, the ledger summary of the inspection pack, a device's identity
 * and open findings for its card, the counts of the home page). Filled in by src/storage/reports-repository.ts
 * (`reportsStoragePorts`), spread into the ports by `storagePorts`.
 */

/** A report schedule as stored: recipients as a JSON list of addresses. */
export interface ReportScheduleRow {
  id: string
  kind: string
  lang: string
  cron: string
  recipients: string
  createdBy: string | null
  createdAt: string
  /** When the scheduler last tried, sent or not: the next run counts from here. */
  lastAttemptAt: string | null
  lastSentAt: string | null
  lastError: string | null
}

/** The device ledger as an inspector asks about it: counts, and the devices past their support end. */
export interface LedgerSummary {
  /** Devices in the ledger that are not decommissioned. */
  total: number
  byCategory: { key: string; count: number }[]
  byDepartment: { key: string; count: number }[]
  pastSupport: number
  /** The first devices past support (at most 50), oldest support end first. */
  pastSupportDevices: { assetTag: string | null; name: string | null; department: string | null; supportEnd: string }[]
}

/** A device's identity as its card prints it. */
export interface DeviceIdentity {
  id: string
  assetTag: string | null
  name: string | null
  manufacturer: string | null
  model: string | null
  softwareVersion: string | null
  location: string | null
  department: string | null
  owner: string | null
  installedOn: string | null
  supportEnd: string | null
  serviceLifeEnd: string | null
}

/** An open finding of one device, as the card lists it. */
export interface DeviceFindingLine {
  severity: string
  titleJa: string
  titleEn: string
  where: string | null
  firstSeenAt: string
}

/** An action of the plan that concerns one device (through its findings), as the card lists it. */
export interface DeviceActionLine {
  titleJa: string
  titleEn: string
  owner: string | null
  dueOn: string
  status: string
  knownExploited: boolean
}

export interface ReportStore {
  /** Each change is written with its audit entry in one transaction. */
  createSchedule(row: ReportScheduleRow, actor: Actor, audit: AuditRecord): Promise<void>
  listSchedules(): Promise<ReportScheduleRow[]>
  getSchedule(id: string): Promise<ReportScheduleRow | null>
  /** false when there was no such schedule (nothing written). */
  removeSchedule(id: string, actor: Actor, audit: AuditRecord): Promise<boolean>
  markSent(id: string, at: string, error: string | null): Promise<void>
  /** The hospital's name from the letter sender settings, or the only site's name; null when neither is set. */
  hospitalName(): Promise<string | null>
  ledgerSummary(today: string): Promise<LedgerSummary>
  /** A device by id or asset tag; null when there is none. */
  device(idOrTag: string): Promise<DeviceIdentity | null>
  /** Open findings of the device, most severe first. */
  openFindings(deviceId: string): Promise<DeviceFindingLine[]>
  /** Actions still to do (open, in progress) that group a finding of the device, most urgent first. */
  deviceActions(deviceId: string): Promise<DeviceActionLine[]>
  /** Devices not decommissioned, and devices with an open known-exploited (KEV) vulnerability. */
  homeCounts(): Promise<{ devices: number; knownExploitedDevices: number }>
}

export interface ReportPorts {
  reports: ReportStore
}
