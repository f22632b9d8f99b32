import type { Kysely } from 'kysely'
import type { BcpPlansPorts } from '../core/bcp-plans/store.js'
import type { Database } from './schema.js'

/** The continuity: playbooks, contact chain, exercises, downtime cards module's repositories over one database (issue 11). */
export function bcpPlansStoragePorts(_db: Kysely<Database>): BcpPlansPorts {
  return {}
}
