import { createReadStream, createWriteStream, fchmodSync } from 'node:fs'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { createGunzip, createGzip } from 'node:zlib'
import { type Kysely, sql } from 'kysely'
import { MamoriError } from '../core/errors.js'
import { MIGRATIONS } from '../storage/database.js'
import { isPostgres } from '../storage/migrations/dialect.js'
import type { Database } from '../storage/schema.js'

/**
 * Tables in dependency order (parents first): restore inserts in this order and clears in reverse.
 * A backup is gzip'd JSON lines, the same for SQLite and PostgreSQL, so a hospital can also move between them.
 */
export const BACKUP_TABLES = [
  'sites',
  'users',
  'devices',
  'deviceAddresses',
  'sessions',
  'apiTokens',
  'auditLog',
  'settings',
  'scanScopes',
  'scanExclusions',
  'scanSchedules',
  'scans',
  'scanHosts',
  'scanServices',
  'findings',
] as const satisfies readonly (keyof Database)[]

type TableName = (typeof BACKUP_TABLES)[number]

interface Header {
  format: 'mamori-backup'
  version: 1
  createdAt: string
  migrations: string[]
}

/** Writes every table to FILE (gzip JSON lines: a header line, then {t, r} per row). Returns row counts. */
export async function backupDatabase(db: Kysely<Database>, file: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {}
  async function* lines() {
    const header: Header = {
      format: 'mamori-backup',
      version: 1,
      createdAt: new Date().toISOString(),
      migrations: Object.keys(MIGRATIONS),
    }
    yield `${JSON.stringify(header)}\n`
    for (const t of BACKUP_TABLES) {
      counts[t] = 0
      // Page through large tables so memory stays flat.
      for (let offset = 0; ; offset += 5000) {
        const rows = await db.selectFrom(t).selectAll().limit(5000).offset(offset).execute()
        for (const r of rows) yield `${JSON.stringify({ t, r })}\n`
        counts[t] += rows.length
        if (rows.length < 5000) break
      }
    }
  }
  const out = createWriteStream(file, { mode: 0o600 })
  // `mode` applies only to a new file: an existing one is made owner-only as soon as it is open, before any row.
  out.on('open', (fd: number) => {
    try {
      fchmodSync(fd, 0o600)
    } catch (err) {
      out.destroy(err as Error)
    }
  })
  await pipeline(Readable.from(lines()), createGzip(), out)
  return counts
}

/**
 * Replaces the whole database content with FILE's, in one transaction: a bad or truncated file changes nothing.
 */
export async function restoreDatabase(db: Kysely<Database>, file: string): Promise<Record<string, number>> {
  const chunks: Buffer[] = []
  try {
    const gunzip = createReadStream(file).pipe(createGunzip())
    for await (const c of gunzip) chunks.push(c as Buffer)
  } catch (err) {
    throw new MamoriError(
      'BACKUP_UNREADABLE',
      `${file} is not a readable Mamori backup (gzip): ${(err as Error).message}`,
    )
  }
  const text = Buffer.concat(chunks).toString('utf8')
  const lines = text.split('\n').filter((l) => l.length > 0)
  let header: Header
  try {
    header = JSON.parse(lines[0] ?? '')
  } catch {
    throw new MamoriError('BACKUP_UNREADABLE', `${file}: line 1 is not a Mamori backup header.`)
  }
  if (header.format !== 'mamori-backup' || header.version !== 1) {
    throw new MamoriError('BACKUP_UNREADABLE', `${file}: not a Mamori backup (format ${String(header.format)}).`)
  }
  const unknown = header.migrations.filter((m) => !(m in MIGRATIONS))
  if (unknown.length > 0) {
    throw new MamoriError(
      'BACKUP_TOO_NEW',
      `${file} was made by a newer Mamori (migrations ${unknown.join(', ')}); upgrade first.`,
    )
  }
  const byTable = new Map<TableName, Record<string, unknown>[]>()
  lines.slice(1).forEach((line, i) => {
    let rec: { t: TableName; r: Record<string, unknown> }
    try {
      rec = JSON.parse(line)
    } catch {
      throw new MamoriError(
        'BACKUP_CORRUPT',
        `${file}: line ${i + 2} is not valid JSON (truncated file?). Nothing was restored.`,
      )
    }
    if (!BACKUP_TABLES.includes(rec.t))
      throw new MamoriError('BACKUP_CORRUPT', `${file}: line ${i + 2} names unknown table "${rec.t}".`)
    const list = byTable.get(rec.t) ?? []
    list.push(rec.r)
    byTable.set(rec.t, list)
  })
  const counts: Record<string, number> = {}
  await db.transaction().execute(async (trx) => {
    for (const t of [...BACKUP_TABLES].reverse()) await trx.deleteFrom(t).execute()
    for (const t of BACKUP_TABLES) {
      const rows = byTable.get(t) ?? []
      counts[t] = rows.length
      for (let i = 0; i < rows.length; i += 200)
        await trx
          .insertInto(t)
          .values(rows.slice(i, i + 200) as never) // rows come from our own backup of the same table
          .execute()
    }
    // Restored rows carry their ids; move PostgreSQL's sequence past them so new audit entries do not collide.
    if (isPostgres(trx)) {
      await sql`select setval(pg_get_serial_sequence('audit_log', 'id'), coalesce((select max(id) from audit_log), 0) + 1, false)`.execute(
        trx,
      )
    }
  })
  return counts
}
