import { randomUUID } from 'node:crypto'
import { type Kysely, sql } from 'kysely'
import type { Finding } from '../../api/discovery.js'
import { notFound } from '../core/errors.js'
import type { FindingItem, UpsertCounts } from '../core/findings/finding.js'
import { draftProblem } from '../core/findings/finding-source.js'
import { findingSource } from '../core/findings/sources/index.js'
import type { FindingQuery } from '../core/ports.js'
import { type Actor, recordAudit } from './audit-repository.js'
import type { Database, FindingTable } from './schema.js'

/**
 * SQLite's default limit on bound variables per statement since 3.32 (the bundled better-sqlite3 is newer);
 * PostgreSQL allows 65 535. A batch stays under the smaller.
 */
const MAX_BOUND_VARIABLES = 32_766
/** Columns of one inserted finding row. */
const FINDING_COLUMNS = 23
/** Rows per upsert statement. */
export const UPSERT_BATCH_ROWS = Math.floor(MAX_BOUND_VARIABLES / FINDING_COLUMNS)

/** Columns a re-run refreshes from the new draft; everything else (status, reason, first seen, address) stays. */
const REFRESHED = [
  'severity',
  'titleJa',
  'titleEn',
  'detailJa',
  'detailEn',
  'recommendationJa',
  'recommendationEn',
  'evidence',
  'incomplete',
  'deviceId',
  'lastSeenAt',
  'lastScanId',
] as const satisfies readonly (keyof FindingTable)[]

function toFinding(r: FindingTable): Finding {
  return {
    ...r,
    severity: r.severity as Finding['severity'],
    status: r.status as Finding['status'],
    incomplete: r.incomplete === 1,
  }
}

/**
 * The rows to upsert, one per key: for a key given more than once, the first occurrence decides what an insert
 * keeps (address, port, rule, site) and the last what is refreshed — the result of storing them one by one.
 */
function findingRows(
  sourceId: string,
  scanId: string | null,
  items: readonly FindingItem[],
  now: string,
): FindingTable[] {
  const source = findingSource(sourceId)
  if (!source)
    throw new Error(`Unknown finding source "${sourceId}": register it in src/core/findings/sources/index.ts.`)
  const byKey = new Map<string, FindingTable>()
  for (const { draft, key = source.key(draft), deviceId, siteId } of items) {
    const problem = draftProblem(source, draft)
    if (problem) throw new Error(problem)
    const refreshed = {
      severity: draft.severity,
      titleJa: draft.titleJa,
      titleEn: draft.titleEn,
      detailJa: draft.detailJa,
      detailEn: draft.detailEn,
      recommendationJa: draft.recommendationJa,
      recommendationEn: draft.recommendationEn,
      evidence: draft.evidence,
      incomplete: draft.incomplete ? 1 : 0,
      deviceId,
      lastSeenAt: now,
      lastScanId: scanId,
    } satisfies Pick<FindingTable, (typeof REFRESHED)[number]>
    const first = byKey.get(key)
    if (first) {
      Object.assign(first, refreshed)
      continue
    }
    byKey.set(key, {
      id: randomUUID(),
      source: sourceId,
      key,
      siteId,
      address: draft.address ?? null,
      port: draft.port ?? null,
      ruleId: draft.ruleId,
      ...refreshed,
      status: 'open',
      statusReason: null,
      statusExpiresAt: null,
      firstSeenAt: now,
    })
  }
  return [...byKey.values()]
}

/** Findings from every source: batch upsert, "fixed" when not seen again, list and review. */
export class FindingRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Open findings per severity, and how many findings a person has reviewed (accepted or marked fixed). */
  async findingCounts(): Promise<{ open: Record<string, number>; total: number; reviewed: number }> {
    const rows = await this.db
      .selectFrom('findings')
      .select(['severity', 'status', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy(['severity', 'status'])
      .execute()
    const open: Record<string, number> = {}
    let total = 0
    let reviewed = 0
    for (const r of rows) {
      const n = Number(r.n)
      total += n
      if (r.status === 'open') open[r.severity] = (open[r.severity] ?? 0) + n
      else reviewed += n
    }
    return { open, total, reviewed }
  }

  /**
   * Inserts new findings and refreshes ones seen before (same source + key), so a re-run updates instead of
   * duplicating. A finding someone accepted stays accepted (with its reason); a "fixed" one that reappears is
   * reopened. Written in batches — one `INSERT … ON CONFLICT (source, key) DO UPDATE` per batch, sized under
   * SQLite's bound-variable limit — in one transaction. `key` defaults to the source's own key for the draft.
   * Throws (a programming error, not bad input) for an unregistered source or a draft its source cannot take.
   */
  async upsertFindings(source: string, scanId: string | null, items: readonly FindingItem[]): Promise<UpsertCounts> {
    const rows = findingRows(source, scanId, items, new Date().toISOString())
    let created = 0
    await this.db.transaction().execute(async (trx) => {
      for (let i = 0; i < rows.length; i += UPSERT_BATCH_ROWS) {
        const batch = rows.slice(i, i + UPSERT_BATCH_ROWS)
        const existing = await trx
          .selectFrom('findings')
          .select('key')
          .where('source', '=', source)
          .where(
            'key',
            'in',
            batch.map((r) => r.key),
          )
          .execute()
        const known = new Set(existing.map((r) => r.key))
        created += batch.filter((r) => !known.has(r.key)).length
        await trx
          .insertInto('findings')
          .values(batch)
          .onConflict((oc) =>
            oc.columns(['source', 'key']).doUpdateSet((eb) => ({
              ...Object.fromEntries(REFRESHED.map((c) => [c, eb.ref(`excluded.${c}`)])),
              // Decisions stay: only a finding marked fixed that is seen again goes back to open.
              status: sql<string>`case when ${sql.ref('findings.status')} = 'fixed' then 'open' else ${sql.ref('findings.status')} end`,
            })),
          )
          .execute()
      }
    })
    // Repeats of a key within one call count as updates, as if stored one after the other.
    return { created, updated: items.length - created }
  }

  /**
   * Open findings of `source` on these fully scanned addresses that this scan did not observe again become
   * "fixed" — only for ports the scan covered (a port-80-only scan says nothing about Telnet on 23).
   */
  async resolveUnseen(
    source: string,
    scanId: string,
    addresses: string[],
    coveredPorts: ReadonlySet<number>,
  ): Promise<number> {
    let n = 0
    for (let i = 0; i < addresses.length; i += 500) {
      const stale = await this.db
        .selectFrom('findings')
        .select(['id', 'port'])
        .where('source', '=', source)
        .where('status', '=', 'open')
        .where('address', 'in', addresses.slice(i, i + 500))
        .where((eb) => eb.or([eb('lastScanId', '!=', scanId), eb('lastScanId', 'is', null)]))
        .execute()
      const ids = stale.filter((f) => f.port === null || coveredPorts.has(f.port)).map((f) => f.id)
      if (ids.length === 0) continue
      const r = await this.db
        .updateTable('findings')
        .set({ status: 'fixed', statusReason: `not observed again by scan ${scanId}` })
        .where('id', 'in', ids)
        .executeTakeFirst()
      n += Number(r.numUpdatedRows)
    }
    return n
  }

  async findings(q: FindingQuery): Promise<{ items: Finding[]; total: number }> {
    let base = this.db.selectFrom('findings')
    if (q.severity) base = base.where('findings.severity', '=', q.severity)
    if (q.status) base = base.where('findings.status', '=', q.status)
    if (q.deviceId) base = base.where('findings.deviceId', '=', q.deviceId)
    if (q.scanId) base = base.where('findings.lastScanId', '=', q.scanId)
    if (q.address) base = base.where('findings.address', '=', q.address)
    if (q.ruleId) base = base.where('findings.ruleId', '=', q.ruleId)
    const [rows, count] = await Promise.all([
      base
        .leftJoin('devices', 'devices.id', 'findings.deviceId')
        .selectAll('findings')
        .select([
          'devices.assetTag as deviceAssetTag',
          'devices.name as deviceName',
          'devices.department as deviceDepartment',
          'devices.id as joinedDeviceId',
        ])
        // Most severe first, then most recently seen; in SQL so that paging stays stable.
        .orderBy(
          sql`case findings.severity when 'critical' then 0 when 'high' then 1 when 'medium' then 2 when 'low' then 3 else 4 end`,
        )
        .orderBy('findings.lastSeenAt', 'desc')
        .orderBy('findings.id')
        .limit(q.limit)
        .offset(q.offset)
        .execute(),
      base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ])
    return {
      items: rows.map(({ deviceAssetTag, deviceName, deviceDepartment, joinedDeviceId, ...r }) => ({
        ...toFinding(r),
        device: joinedDeviceId
          ? { id: joinedDeviceId, assetTag: deviceAssetTag, name: deviceName, department: deviceDepartment }
          : null,
      })),
      total: Number(count.n),
    }
  }

  async updateFinding(
    id: string,
    set: { status: Finding['status']; reason?: string; expiresAt?: string },
    actor: Actor,
  ): Promise<Finding> {
    return this.db.transaction().execute(async (trx) => {
      const before = await trx.selectFrom('findings').selectAll().where('id', '=', id).executeTakeFirst()
      if (!before) throw notFound('Finding', id, '検出事項')
      await trx
        .updateTable('findings')
        .set({ status: set.status, statusReason: set.reason ?? null, statusExpiresAt: set.expiresAt ?? null })
        .where('id', '=', id)
        .execute()
      const after = await trx.selectFrom('findings').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
      await recordAudit(trx, actor, {
        action: 'finding.update',
        targetType: 'finding',
        targetId: id,
        before: { status: before.status, reason: before.statusReason },
        after: { status: after.status, reason: after.statusReason, expiresAt: after.statusExpiresAt },
      })
      return toFinding(after)
    })
  }
}
