import type { Kysely } from 'kysely'

/** Issue 11, acceptance tests and decommissioning. */
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's types
export async function up(_db: Kysely<any>): Promise<void> {}

/** Drops what `up` created, children first. */
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's types
export async function down(_db: Kysely<any>): Promise<void> {}
