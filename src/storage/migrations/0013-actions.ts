import type { Kysely } from 'kysely'

/** Issue 10, actions: tables added by the module (see src/storage/schema-actions.ts). */
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's types
export async function up(_db: Kysely<any>): Promise<void> {}
