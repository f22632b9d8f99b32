import type { Kysely } from 'kysely'
import type { CatalogModel } from '../core/catalog/model.js'
import { notFound } from '../core/errors.js'
import type { Database, DeviceModelTable } from './schema.js'

/** Rows per insert or IN list: 7 columns × 500 stays far below SQLite's bound-variable limit. */
export const BATCH = 500

export const toModel = (r: DeviceModelTable): CatalogModel => ({
  id: r.id,
  vendor: r.vendor,
  name: r.name,
  versionFrom: r.versionFrom || null,
  versionTo: r.versionTo || null,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
})

/** How audit entries name a model. */
export const modelLabel = (m: { vendor: string; name: string }) => `${m.vendor} ${m.name}`

export async function modelRow(db: Kysely<Database>, id: string): Promise<DeviceModelTable> {
  const row = await db.selectFrom('deviceModels').selectAll().where('id', '=', id).executeTakeFirst()
  if (!row) throw notFound('Catalog model', id, '機種')
  return row
}
