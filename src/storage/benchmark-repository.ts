import type { Kysely } from 'kysely'
import type { BenchmarkPorts } from '../core/benchmark/store.js'
import type { Database } from './schema.js'

/** The benchmark module's repositories, spread into `storagePorts`. */
export function benchmarkStoragePorts(_db: Kysely<Database>): BenchmarkPorts {
  return {}
}
