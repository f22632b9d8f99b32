import type { Kysely } from 'kysely'
import type { ActionPorts } from '../core/actions/store.js'
import type { Database } from './schema.js'

/** The actions module's repositories, spread into `storagePorts`. */
export function actionsStoragePorts(_db: Kysely<Database>): ActionPorts {
  return {}
}
