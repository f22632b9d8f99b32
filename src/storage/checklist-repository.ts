import type { Kysely } from 'kysely'
import type { ChecklistPorts } from '../core/checklist/store.js'
import type { Database } from './schema.js'

/** The checklist module's repositories, spread into `storagePorts`. */
export function checklistStoragePorts(_db: Kysely<Database>): ChecklistPorts {
  return {}
}
