import type { Kysely } from 'kysely'

/** Issue 10, risk: tables added by the module (see src/storage/schema-risk.ts). */
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's types
export async function up(_db: Kysely<any>): Promise<void> {}
