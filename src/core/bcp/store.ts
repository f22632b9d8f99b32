import type { NodeRef, OutsideParty, ServiceCriticality } from '../../../api/bcp.js'
import type { Actor } from '../ports.js'

/**
 * What the continuity module (clinical services, dependencies, parties, device plans, impact; ADR 0042) needs from
 * storage. Filled in by src/storage/bcp-repository.ts (`bcpStoragePorts`), spread into the ports by `storagePorts`.
 */

export interface DepRow {
  target: NodeRef
  strength: 'hard' | 'soft'
  note: string
}

export interface ServiceFields {
  name: string
  nameEn: string
  description: string
  department: string | null
  criticality: ServiceCriticality
  owner: string | null
  decider: string | null
  maxDowntimeMinutes: number | null
  fallbackJa: string
  fallbackEn: string
  seedKey: string | null
  dependencies: DepRow[]
}

export interface ServiceRow extends ServiceFields {
  id: string
  version: number
  updatedAt: string
  updatedBy: string | null
}

export type PartyFields = Omit<OutsideParty, 'id' | 'updatedAt'>

export interface PlanFields {
  isolationJa: string
  isolationEn: string
  recoveryStepsJa: string[]
  recoveryStepsEn: string[]
  validationJa: string[]
  validationEn: string[]
  manufacturerContact24h: string
  backupNote: string
  dependsOn: DepRow[]
}

export interface PlanRow extends PlanFields {
  deviceId: string
  updatedAt: string
  updatedBy: string | null
}

/** The few columns of a device the graph needs (read for 100,000 devices at once). */
export interface GraphDeviceRow {
  id: string
  assetTag: string | null
  name: string | null
  segment: string | null
  status: string
  category: string
  department: string | null
  model: string | null
}

/** A device's details for its plan and card. */
export interface PlanDeviceRow extends GraphDeviceRow {
  location: string | null
  lifeCritical: boolean
  vendorContact: string | null
}

export interface GraphRows {
  devices: GraphDeviceRow[]
  services: ServiceRow[]
  parties: OutsideParty[]
  /** Device plans' dependsOn. */
  deviceEdges: { deviceId: string; dep: DepRow }[]
  /** Devices with a saved plan. */
  plannedIds: string[]
}

export interface BcpStore {
  /** The ledger's change counter and the plan's: a cached graph is good while both stay the same. */
  versions(): Promise<{ ledger: number; plan: number }>
  graphRows(): Promise<GraphRows>
  createService(f: ServiceFields, actor: Actor, at: string): Promise<string>
  /** Throws BCP_VERSION_CONFLICT when `version` is given and stale, NOT_FOUND when the service does not exist. */
  updateService(id: string, f: ServiceFields, version: number | undefined, actor: Actor, at: string): Promise<void>
  deleteService(id: string, actor: Actor, at: string): Promise<void>
  createParty(f: PartyFields, actor: Actor, at: string): Promise<OutsideParty>
  updateParty(id: string, f: PartyFields, actor: Actor, at: string): Promise<OutsideParty>
  deleteParty(id: string, actor: Actor, at: string): Promise<void>
  /** Devices by id or asset tag (in a few queries for 1,000 keys). */
  devicesByKey(keys: readonly string[]): Promise<PlanDeviceRow[]>
  plans(deviceIds: readonly string[]): Promise<PlanRow[]>
  putPlan(deviceId: string, f: PlanFields, actor: Actor, at: string): Promise<void>
  /** Removes every service, party, plan and dependency (the demo's reset). */
  clear(actor: Actor, at: string): Promise<void>
}

export interface BcpPorts {
  bcpStore: BcpStore
}
