import type { Kysely } from 'kysely'
import type { RiskPorts } from '../core/risk/store.js'
import type { Database } from './schema.js'

/** The risk module's repositories, spread into `storagePorts`. */
export function riskStoragePorts(_db: Kysely<Database>): RiskPorts {
  return {}
}
