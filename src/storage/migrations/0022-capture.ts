import type { Kysely } from 'kysely'

/** Issue 12, passive discovery (ADR 0044): capture imports, hosts heard, and the communications map. */
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's types
export async function up(_db: Kysely<any>): Promise<void> {}
