import { type ExpressionBuilder, sql } from 'kysely'
import type { AdvisoryDocument } from '../core/vulns/model.js'
import type { AdvisoryListItem, AdvisoryListQuery } from '../core/vulns/store.js'
import type { Db } from './database.js'
import type { Database } from './schema.js'
import { slices } from './vuln-bulk.js'
import { LISTED_DECISIONS, notFalsePositive } from './vuln-match-repository.js'

type Eb = ExpressionBuilder<Database, 'advisories'>

/** `%text%` for LIKE with the user's `%`, `_` and `\` taken literally (ESCAPE '\'). */
const likePattern = (q: string) => `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`

/** The highest CVSS base score (3.x or 4.0) the advisory's document gives, or null. */
function documentMaxCvss(doc: AdvisoryDocument): number | null {
  let max: number | null = null
  for (const v of doc.vulnerabilities)
    for (const s of v.scores)
      for (const score of [s.cvssV3?.baseScore, s.cvssV4?.baseScore])
        if (typeof score === 'number' && (max === null || score > max)) max = score
  return max
}

const maxOf = (...xs: (number | null | undefined)[]) =>
  xs.reduce<number | null>((m, x) => (typeof x === 'number' && (m === null || x > m) ? x : m), null)

/**
 * The advisory list (the morning view, a device's advisories, KEV only, free text), newest first, with per advisory
 * how many devices are on its list, whether a CVE of it is known exploited, and its highest CVSS score.
 */
export async function listAdvisories(
  db: Db,
  q: AdvisoryListQuery,
): Promise<{ items: AdvisoryListItem[]; total: number }> {
  const filters = (eb: Eb) => {
    const and = []
    if (q.since !== undefined) and.push(eb('advisories.firstImportedAt', '>=', q.since))
    if (q.kev)
      and.push(
        eb.exists(
          eb
            .selectFrom('advisoryCves')
            .innerJoin('kevEntries', 'kevEntries.cveId', 'advisoryCves.cve')
            .select(sql.lit(1).as('one'))
            .whereRef('advisoryCves.advisoryId', '=', 'advisories.id'),
        ),
      )
    if (q.deviceId !== undefined)
      and.push(
        eb.exists(
          eb
            .selectFrom('vulnMatches as m')
            .select(sql.lit(1).as('one'))
            .whereRef('m.advisoryId', '=', 'advisories.id')
            .where('m.deviceId', '=', q.deviceId)
            .where('m.decision', 'in', [...LISTED_DECISIONS])
            .where(notFalsePositive),
        ),
      )
    if (q.q !== undefined && q.q.trim() !== '') {
      const pattern = likePattern(q.q.trim())
      and.push(
        eb.or(
          ['advisories.id', 'advisories.title', 'advisories.titleJa'].map(
            (c) => sql<boolean>`lower(${sql.ref(c)}) like ${pattern} escape '\\'`,
          ),
        ),
      )
    }
    return eb.and(and)
  }
  const [count, rows] = await Promise.all([
    db
      .selectFrom('advisories')
      .where(filters)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('advisories')
      .where(filters)
      .selectAll()
      .orderBy(sql`coalesce(advisories.updated_at, advisories.released_at)`, (ob) => ob.desc().nullsLast())
      .orderBy('advisories.id')
      .limit(q.limit)
      .offset(q.offset)
      .execute(),
  ])
  const ids = rows.map((r) => r.id)
  const cves = new Map<string, string[]>()
  const cveMax = new Map<string, number>()
  const exploited = new Set<string>()
  const devices = new Map<string, number>()
  for (const part of slices(ids)) {
    const [cveRows, kevRows, deviceRows] = await Promise.all([
      db
        .selectFrom('advisoryCves')
        .leftJoin('cves', 'cves.id', 'advisoryCves.cve')
        .select(['advisoryCves.advisoryId', 'advisoryCves.cve', 'cves.cvss3Score', 'cves.cvss4Score'])
        .where('advisoryCves.advisoryId', 'in', part)
        .orderBy('advisoryCves.cve')
        .execute(),
      db
        .selectFrom('advisoryCves')
        .innerJoin('kevEntries', 'kevEntries.cveId', 'advisoryCves.cve')
        .select('advisoryCves.advisoryId')
        .distinct()
        .where('advisoryCves.advisoryId', 'in', part)
        .execute(),
      db
        .selectFrom('vulnMatches as m')
        .select((eb) => ['m.advisoryId', eb.fn.count<number>('m.deviceId').distinct().as('n')])
        .where('m.advisoryId', 'in', part)
        .where('m.decision', 'in', [...LISTED_DECISIONS])
        .where(notFalsePositive)
        .groupBy('m.advisoryId')
        .execute(),
    ])
    for (const r of cveRows) {
      cves.set(r.advisoryId, [...(cves.get(r.advisoryId) ?? []), r.cve])
      const m = maxOf(cveMax.get(r.advisoryId), r.cvss3Score, r.cvss4Score)
      if (m !== null) cveMax.set(r.advisoryId, m)
    }
    for (const r of kevRows) exploited.add(r.advisoryId)
    for (const r of deviceRows) if (r.advisoryId) devices.set(r.advisoryId, Number(r.n))
  }
  const items = rows.map(({ document, ...r }): AdvisoryListItem => {
    // PostgreSQL returns `real` columns as float4 widened to float8 (6.1 → 6.099999…): round to one decimal.
    const best = maxOf(documentMaxCvss(JSON.parse(document) as AdvisoryDocument), cveMax.get(r.id))
    return {
      ...r,
      source: r.source as AdvisoryListItem['source'],
      cves: cves.get(r.id) ?? [],
      affectedDevices: devices.get(r.id) ?? 0,
      knownExploited: exploited.has(r.id),
      maxCvss: best === null ? null : Math.round(best * 10) / 10,
    }
  })
  return { items, total: Number(count.n) }
}
