/**
 * Tables of the continuity plans module (migration 0021-bcp-plans; ADR 0043): the playbook's tasks by phase, the
 * contact chain (contacts and who notifies whom), tabletop exercise records, and one row saying whether the default
 * playbook and contact template were already written (so deleting them all does not bring them back). Lists are JSON
 * text; dates YYYY-MM-DD, timestamps ISO text.
 */
export interface BcpPlanStateTable {
  /** Always 1. */
  id: number
  playbookSeededAt: string | null
  contactsSeededAt: string | null
}

export interface BcpPlaybookTaskTable {
  id: string
  phase: string // peacetime | detection | initial_response | recovery | post_incident
  titleJa: string
  titleEn: string
  detailJa: string
  detailEn: string
  owner: string | null
  /** JSON array of service ids. */
  serviceIds: string
  sortOrder: number
  source: string
  updatedAt: string
}

export interface BcpContactTable {
  id: string
  name: string
  role: string
  organisation: string
  kind: string // internal | vendor | authority | police | other
  phone: string
  email: string
  availability: string
  sortOrder: number
  updatedAt: string
}

/** An arrow of the contact chart: `fromId` informs `toId`. */
export interface BcpContactEdgeTable {
  fromId: string
  toId: string
}

export interface BcpExerciseTable {
  id: string
  heldOn: string
  scenario: string
  kind: string // tabletop | functional | full_scale
  participants: string
  /** JSON array of service ids. */
  serviceIds: string
  lessons: string
  followUps: string
  createdBy: string | null
  updatedAt: string
}

/** Tables of the continuity plans module, merged into `Database` in ./schema.ts. */
export interface BcpPlansTables {
  bcpPlanState: BcpPlanStateTable
  bcpPlaybookTasks: BcpPlaybookTaskTable
  bcpContacts: BcpContactTable
  bcpContactEdges: BcpContactEdgeTable
  bcpExercises: BcpExerciseTable
}

/** The module's tables that a backup holds (spread into BACKUP_TABLES), in insert order: parents first. */
export const BCP_PLANS_BACKUP_TABLES = [
  'bcpPlanState',
  'bcpPlaybookTasks',
  'bcpContacts',
  'bcpContactEdges',
  'bcpExercises',
] as const
