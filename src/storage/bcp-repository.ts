import type { Kysely } from 'kysely'
import type { BcpPorts } from '../core/bcp/store.js'
import type { Database } from './schema.js'

/** The continuity: clinical services, dependencies, parties, device plans, impact module's repositories over one database (issue 11). */
export function bcpStoragePorts(_db: Kysely<Database>): BcpPorts {
  return {}
}
