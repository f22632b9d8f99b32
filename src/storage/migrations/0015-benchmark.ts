import type { Kysely } from 'kysely'

/** Issue 10, benchmark: tables added by the module (see src/storage/schema-benchmark.ts). */
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's types
export async function up(_db: Kysely<any>): Promise<void> {}
