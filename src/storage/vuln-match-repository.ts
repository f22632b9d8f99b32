import { randomUUID } from 'node:crypto'
import { sql } from 'kysely'
import { notFound } from '../core/errors.js'
import type { Actor, AuditRecord } from '../core/ports.js'
import type { MatchDecision, MatchReview, Reason, VulnMatch } from '../core/vulns/model.js'
import type { MatchQuery, ReplaceMatchesResult, StoredMatch, VulnStore } from '../core/vulns/store.js'
import { recordAudit } from './audit-repository.js'
import type { Db } from './database.js'
import type { VulnMatchTable } from './schema.js'
import { slices, VulnBulkInsert } from './vuln-bulk.js'
import { parseJson, toReview } from './vuln-rows.js'

const MATCH_COLUMNS = [
  { name: 'id', pg: 'text' },
  { name: 'deviceId', pg: 'text' },
  { name: 'modelId', pg: 'text' },
  { name: 'cve', pg: 'text' },
  { name: 'advisoryId', pg: 'text' },
  { name: 'componentId', pg: 'text' },
  { name: 'via', pg: 'text' },
  { name: 'reviewKey', pg: 'text' },
  { name: 'productLabel', pg: 'text' },
  { name: 'decision', pg: 'text' },
  { name: 'confidence', pg: 'float8' },
  { name: 'reasons', pg: 'text' },
  { name: 'vex', pg: 'text' },
  { name: 'firstSeenAt', pg: 'text' },
  { name: 'lastSeenAt', pg: 'text' },
  { name: 'notifiedAt', pg: 'text' },
] as const satisfies readonly { name: keyof VulnMatchTable; pg: string }[]

/** A match seen again keeps when it was first seen and whether its notification went out. */
const upsertMatches = new VulnBulkInsert<VulnMatchTable>(
  'vuln_matches',
  MATCH_COLUMNS,
  (r) => MATCH_COLUMNS.map((c) => r[c.name]),
  'id',
  ['firstSeenAt', 'notifiedAt'],
)

/** Decisions that put a device on an advisory's list (a person may still rule it out as a false positive). */
export const LISTED_DECISIONS = ['affected', 'needs-review'] as const

/**
 * SQL: the match `m` is not ruled out by a person. The review of the match's model counts first (it covers every
 * device of the model); a device's own review counts only when the model has none for the same key.
 */
export const notFalsePositive = sql<boolean>`not exists (select 1 from match_reviews r where r.review_key = m.review_key and r.decision = 'false-positive' and (r.model_id = m.model_id or (r.device_id = m.device_id and not exists (select 1 from match_reviews r2 where r2.review_key = m.review_key and r2.model_id = m.model_id))))`

function toMatch(r: VulnMatchTable, review: MatchReview | null): StoredMatch {
  return {
    id: r.id,
    deviceId: r.deviceId,
    modelId: r.modelId,
    cve: r.cve,
    advisoryId: r.advisoryId,
    componentId: r.componentId,
    via: r.via as VulnMatch['via'],
    reviewKey: r.reviewKey,
    productLabel: r.productLabel,
    decision: r.decision as MatchDecision,
    confidence: r.confidence,
    reasons: parseJson<Reason[]>(r.reasons, []),
    vex: parseJson<VulnMatch['vex']>(r.vex, null),
    firstSeenAt: r.firstSeenAt,
    lastSeenAt: r.lastSeenAt,
    review,
  }
}

/** The review that applies to a match: its model's for the key, else its device's own. */
function reviewOf(m: Pick<VulnMatch, 'modelId' | 'deviceId' | 'reviewKey'>, byKey: Map<string, MatchReview[]>) {
  const candidates = byKey.get(m.reviewKey) ?? []
  return (
    (m.modelId !== null ? candidates.find((r) => r.modelId === m.modelId) : undefined) ??
    candidates.find((r) => r.deviceId === m.deviceId && r.modelId === null) ??
    candidates.find((r) => r.deviceId === m.deviceId) ??
    null
  )
}

type MatchMethods = 'replaceMatches' | 'matches' | 'markNotified' | 'putReview' | 'removeReview' | 'reviews'

/** The engine's matches per device and people's decisions on them. */
export class VulnMatchRepository implements Pick<VulnStore, MatchMethods> {
  constructor(private readonly db: Db) {}

  async replaceMatches(
    matches: readonly VulnMatch[],
    now: string,
    deviceIds?: readonly string[],
  ): Promise<ReplaceMatchesResult> {
    const run = new Map<string, VulnMatch>()
    for (const m of matches) run.set(m.id, m)
    return this.db.transaction().execute(async (trx) => {
      // What is stored for the devices this run covers (and for the devices its matches name).
      const before = new Map<string, { decision: string; deviceId: string }>()
      if (deviceIds === undefined) {
        for (const r of await trx.selectFrom('vulnMatches').select(['id', 'decision', 'deviceId']).execute())
          before.set(r.id, r)
      } else {
        const devices = [...new Set([...deviceIds, ...[...run.values()].map((m) => m.deviceId)])]
        for (const part of slices(devices))
          for (const r of await trx
            .selectFrom('vulnMatches')
            .select(['id', 'decision', 'deviceId'])
            .where('deviceId', 'in', part)
            .execute())
            before.set(r.id, r)
      }
      const rows: VulnMatchTable[] = [...run.values()].map((m) => ({
        ...m,
        reasons: JSON.stringify(m.reasons),
        vex: m.vex === null ? null : JSON.stringify(m.vex),
        firstSeenAt: now,
        lastSeenAt: now,
        notifiedAt: null,
      }))
      await upsertMatches.run(trx, this.db, rows)
      // Stored matches of the covered devices this run did not produce; `before` also holds matches of devices
      // outside the run's scope (named by one of its matches), and those stay.
      const covered = deviceIds === undefined ? null : new Set(deviceIds)
      const gone = [...before]
        .filter(([id, b]) => !run.has(id) && (covered === null || covered.has(b.deviceId)))
        .map(([id]) => id)
      for (const part of slices(gone)) await trx.deleteFrom('vulnMatches').where('id', 'in', part).execute()
      const added: VulnMatch[] = []
      let changed = 0
      for (const m of run.values()) {
        const was = before.get(m.id)
        if (was === undefined) added.push(m)
        else if (was.decision !== m.decision) changed++
      }
      return { added, changed, removed: gone.length }
    })
  }

  async matches(q: MatchQuery): Promise<StoredMatch[]> {
    let query = this.db.selectFrom('vulnMatches').selectAll()
    if (q.id !== undefined) query = query.where('id', '=', q.id)
    if (q.id !== undefined) query = query.where('id', '=', q.id)
    if (q.deviceId !== undefined) query = query.where('deviceId', '=', q.deviceId)
    if (q.advisoryId !== undefined) query = query.where('advisoryId', '=', q.advisoryId)
    if (q.cve !== undefined) query = query.where('cve', '=', q.cve)
    const rows = await query.orderBy('deviceId').orderBy('id').execute()
    const byKey = new Map<string, MatchReview[]>()
    for (const part of slices([...new Set(rows.map((r) => r.reviewKey))]))
      for (const r of await this.db.selectFrom('matchReviews').selectAll().where('reviewKey', 'in', part).execute()) {
        const list = byKey.get(r.reviewKey) ?? []
        list.push(toReview(r))
        byKey.set(r.reviewKey, list)
      }
    return rows.map((r) => toMatch(r, reviewOf(r, byKey)))
  }

  async markNotified(matchIds: readonly string[], now: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      for (const part of slices(matchIds))
        await trx.updateTable('vulnMatches').set({ notifiedAt: now }).where('id', 'in', part).execute()
    })
  }

  async putReview(
    r: Omit<MatchReview, 'id'>,
    actor: Actor,
    audit: (before: MatchReview | null, after: MatchReview) => AuditRecord,
  ): Promise<MatchReview> {
    return this.db.transaction().execute(async (trx) => {
      // One decision per key and model (or device): a new decision replaces the earlier one.
      let existing = trx.selectFrom('matchReviews').selectAll().where('reviewKey', '=', r.reviewKey)
      existing =
        r.modelId !== null
          ? existing.where('modelId', '=', r.modelId)
          : existing.where('modelId', 'is', null).where('deviceId', '=', r.deviceId)
      const row = await existing.executeTakeFirst()
      const before = row ? toReview(row) : null
      const after: MatchReview = { ...r, id: before?.id ?? randomUUID() }
      if (before) await trx.updateTable('matchReviews').set(r).where('id', '=', before.id).execute()
      else await trx.insertInto('matchReviews').values(after).execute()
      await recordAudit(trx, actor, audit(before, after))
      return after
    })
  }

  async removeReview(id: string, actor: Actor, audit: (r: MatchReview) => AuditRecord): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('matchReviews').selectAll().where('id', '=', id).executeTakeFirst()
      if (!row) throw notFound('Match review', id, '照合の判断')
      await trx.deleteFrom('matchReviews').where('id', '=', id).execute()
      await recordAudit(trx, actor, audit(toReview(row)))
    })
  }

  async reviews(): Promise<MatchReview[]> {
    const rows = await this.db.selectFrom('matchReviews').selectAll().orderBy('decidedAt').orderBy('id').execute()
    return rows.map(toReview)
  }
}
