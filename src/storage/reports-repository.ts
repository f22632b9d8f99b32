import type { Kysely } from 'kysely'
import type { ReportPorts } from '../core/reports/store.js'
import type { Database } from './schema.js'

/** The reports module's repositories, spread into `storagePorts`. */
export function reportsStoragePorts(_db: Kysely<Database>): ReportPorts {
  return {}
}
