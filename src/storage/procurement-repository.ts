import type { Kysely } from 'kysely'
import type { ProcurementPorts } from '../core/procurement/store.js'
import type { Database } from './schema.js'

/** The procurement (requirements, bids, comparison) module's repositories over one database (issue 11). */
export function procurementStoragePorts(_db: Kysely<Database>): ProcurementPorts {
  return {}
}
