import type { Kysely } from 'kysely'

/** Issue 10, checklist: tables added by the module (see src/storage/schema-checklist.ts). */
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's types
export async function up(_db: Kysely<any>): Promise<void> {}
