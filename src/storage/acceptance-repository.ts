import type { Kysely } from 'kysely'
import type { AcceptancePorts } from '../core/acceptance/store.js'
import type { Database } from './schema.js'

/** The acceptance tests and decommissioning module's repositories over one database (issue 11). */
export function acceptanceStoragePorts(_db: Kysely<Database>): AcceptancePorts {
  return {}
}
