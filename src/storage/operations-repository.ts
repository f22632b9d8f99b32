import type { Kysely } from 'kysely'
import type { OperationsPorts } from '../core/operations/store.js'
import type { Database } from './schema.js'

/** The operations (calendar, reminders, re-scan cadence, timeline) module's repositories over one database (issue 11). */
export function operationsStoragePorts(_db: Kysely<Database>): OperationsPorts {
  return {}
}
