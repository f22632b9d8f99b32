import type { Kysely } from 'kysely'
import type { CapturePorts } from '../core/traffic/store.js'
import type { Database } from './schema.js'

/** Passive discovery's storage (ADR 0044). */
export function captureStoragePorts(_db: Kysely<Database>): CapturePorts {
  return { captureStore: { listCaptures: async () => [] } }
}
