/**
 * Tables of the continuity module (migration 0020-bcp, ADR 0042): clinical services, outside parties, device plans,
 * and the dependencies of services and devices (one table, indexed both ways for the impact walk). Merged into
 * `Database` in ./schema.ts.
 */

/** One row, id 1: bumped with every change of the plan, so a cached graph knows it is stale. */
export interface BcpStateTable {
  id: number
  version: number
}

export interface BcpServiceTable {
  id: string
  name: string
  nameEn: string
  description: string
  department: string | null
  criticality: string // life_critical | high | medium | low
  owner: string | null
  decider: string | null
  maxDowntimeMinutes: number | null
  fallbackJa: string
  fallbackEn: string
  /** "seed:icu-monitoring" for a seeded service; null when made by hand. */
  seedKey: string | null
  version: number
  createdAt: string
  updatedAt: string
  updatedBy: string | null
}

export interface BcpPartyTable {
  id: string
  name: string
  kind: string // vendor | cloud | carrier | utility | authority | other
  contact24h: string
  email: string
  notes: string
  updatedAt: string
}

export interface BcpDevicePlanTable {
  deviceId: string
  isolationJa: string
  isolationEn: string
  /** JSON arrays of strings. */
  recoveryStepsJa: string
  recoveryStepsEn: string
  validationJa: string
  validationEn: string
  manufacturerContact24h: string
  backupNote: string
  updatedAt: string
  updatedBy: string | null
}

/** "source depends on target": a service's dependency or a device plan's dependsOn. */
export interface BcpDependencyTable {
  sourceKind: string // service | device
  sourceId: string
  targetKind: string // service | device | segment | party
  targetId: string
  strength: string // hard | soft
  note: string
  sortOrder: number
}

export interface BcpTables {
  bcpState: BcpStateTable
  bcpServices: BcpServiceTable
  bcpParties: BcpPartyTable
  bcpDevicePlans: BcpDevicePlanTable
  bcpDependencies: BcpDependencyTable
}

/** The module's tables that a backup holds (spread into BACKUP_TABLES), in insert order: parents first. */
export const BCP_BACKUP_TABLES = ['bcpState', 'bcpServices', 'bcpParties', 'bcpDevicePlans', 'bcpDependencies'] as const
