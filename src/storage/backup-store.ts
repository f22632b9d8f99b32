import { type Kysely, sql, type Transaction } from 'kysely'
import type { BackupRow, BackupStore } from '../core/ports.js'
import { MIGRATIONS } from './database.js'
import { isPostgres } from './migrations/dialect.js'
import type { Database } from './schema.js'
import { ACCEPTANCE_BACKUP_TABLES } from './schema-acceptance.js'
import { BCP_BACKUP_TABLES } from './schema-bcp.js'
import { BCP_PLANS_BACKUP_TABLES } from './schema-bcp-plans.js'
import { CAPTURE_BACKUP_TABLES } from './schema-capture.js'
import { OPERATIONS_BACKUP_TABLES } from './schema-operations.js'
import { PROCUREMENT_BACKUP_TABLES } from './schema-procurement.js'

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
  // The action plan (0013): owners, due dates and acceptances people set; the grouping is recomputed from findings.
  'actions',
  'actionFindings',
  'actionSla',
  // Job history (scans, imports): no foreign keys, but it names users and scans, so it comes after them.
  'jobs',
  // Model catalog and disclosures (migrations 0009, 0010), parents first.
  'manufacturerAliases',
  'deviceModels',
  'deviceModelLinks',
  'disclosures',
  'disclosureAnswers',
  'disclosureNotes',
  'modelDeclaredPorts',
  // Vulnerability intelligence (0011): what the hospital made or was sent (advisory documents, SBOMs, components, VEX,
  // people's decisions, notifications). CVE/KEV/EPSS tables, matches and sync cursors are re-imported or recomputed.
  'advisories',
  'advisoryCves',
  'sboms',
  'components',
  'vexStatements',
  'matchReviews',
  'notifications',
  'notificationReads',
  // Issue 10: risk profile versions and the daily trend (scores themselves are recomputed), the checklist's editions,
  // vendors, answers and attached files, imported benchmark profiles and cohort reports, report schedules.
  'riskProfiles',
  'riskSnapshots',
  'checklistEditions',
  'checklistVendors',
  'checklistAnswers',
  'checklistAttachments',
  'benchmarkProfiles',
  'benchmarkReports',
  'reportSchedules',
  // Issue 11: each module lists its tables next to their types.
  ...PROCUREMENT_BACKUP_TABLES,
  ...ACCEPTANCE_BACKUP_TABLES,
  ...OPERATIONS_BACKUP_TABLES,
  ...BCP_BACKUP_TABLES,
  ...BCP_PLANS_BACKUP_TABLES,
  // Issue 12: capture imports, the hosts heard, the communications map.
  ...CAPTURE_BACKUP_TABLES,
] as const satisfies readonly (keyof Database)[]

type TableName = (typeof BACKUP_TABLES)[number]

const isTable = (t: string): t is TableName => (BACKUP_TABLES as readonly string[]).includes(t)

function tableOf(t: string): TableName {
  if (!isTable(t)) throw new Error(`unreachable: ${t} is not a backup table`)
  return t
}

/** Whole-database reads and writes for backup and restore ({@link BackupStore}), in either database. */
export class DatabaseBackupStore implements BackupStore {
  readonly tables: readonly string[] = BACKUP_TABLES
  readonly migrations: readonly string[] = Object.keys(MIGRATIONS)

  constructor(private readonly db: Kysely<Database>) {}

  /**
   * All reads inside ONE read transaction, so the backup is one point in time even while an import commits:
   * SQLite (WAL) keeps the snapshot of the transaction's first read; PostgreSQL runs it REPEATABLE READ, READ ONLY.
   */
  async snapshot<T>(
    read: (page: (table: string, offset: number, limit: number) => Promise<BackupRow[]>) => Promise<T>,
  ): Promise<T> {
    const run = (trx: Transaction<Database>) =>
      read((table, offset, limit) => trx.selectFrom(tableOf(table)).selectAll().limit(limit).offset(offset).execute())
    if (isPostgres(this.db))
      return this.db.transaction().setIsolationLevel('repeatable read').setAccessMode('read only').execute(run)
    // Read only: on SQLite it begins DEFERRED and takes no write lock (sqlite-write-gate.ts), so writers on other
    // connections (the server beside a CLI backup, an import worker) are not held up by a long backup.
    return this.db.transaction().setAccessMode('read only').execute(run)
  }

  /** Empties every table, then lets `write` insert rows, all in one transaction: a throw changes nothing. */
  async replaceAll<T>(write: (insert: (table: string, rows: BackupRow[]) => Promise<void>) => Promise<T>): Promise<T> {
    return this.db.transaction().execute(async (trx) => {
      for (const t of [...BACKUP_TABLES].reverse()) await trx.deleteFrom(t).execute()
      const result = await write(async (table, rows) => {
        if (rows.length > 0)
          await trx
            .insertInto(tableOf(table))
            .values(rows as never) // rows come from our own backup of the same table
            .execute()
      })
      // Restored rows carry their ids; move PostgreSQL's sequence past them so new audit entries do not collide.
      if (isPostgres(trx)) {
        await sql`select setval(pg_get_serial_sequence('audit_log', 'id'), coalesce((select max(id) from audit_log), 0) + 1, false)`.execute(
          trx,
        )
      }
      return result
    })
  }
}
