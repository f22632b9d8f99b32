import { randomUUID } from 'node:crypto'
import type { Configuration } from '../core/vulns/cpe.js'
import type {
  AdvisoryDocument,
  CveForMatch,
  CveRecord,
  EpssRow,
  KevEntry,
  VexStatement,
  VexStatementInput,
} from '../core/vulns/model.js'
import type { CveFacts, StoredAdvisory, VulnStore } from '../core/vulns/store.js'
import type { Db } from './database.js'
import type { AdvisoryTable, CveCpeIndexTable, CveTable, EpssScoreTable, VexStatementTable } from './schema.js'
import { type Exec, slices, VulnBulkInsert } from './vuln-bulk.js'
import { cpeIndexKeys, cveRow, kevRow, parseJson, toCveRecord, toKev, toVex } from './vuln-rows.js'

type Vex = VexStatementInput & { modelId: string | null }

const CVE_COLUMNS = [
  { name: 'id', pg: 'text' },
  { name: 'source', pg: 'text' },
  { name: 'publishedAt', pg: 'text' },
  { name: 'modifiedAt', pg: 'text' },
  { name: 'descriptionEn', pg: 'text' },
  { name: 'descriptionJa', pg: 'text' },
  { name: 'cvss3Vector', pg: 'text' },
  { name: 'cvss3Score', pg: 'float8' },
  { name: 'cvss4Vector', pg: 'text' },
  { name: 'cvss4Score', pg: 'float8' },
  { name: 'cwes', pg: 'text' },
  { name: 'configurations', pg: 'text' },
] as const satisfies readonly { name: keyof CveTable; pg: string }[]

/** CVE records are upserted by id: a newer NVD modification replaces the row, its index rows are rewritten. */
const upsertCves = new VulnBulkInsert<CveTable>('cves', CVE_COLUMNS, (r) => CVE_COLUMNS.map((c) => r[c.name]), 'id')
const insertCpeIndex = new VulnBulkInsert<CveCpeIndexTable>(
  'cve_cpe_index',
  [
    { name: 'cveId', pg: 'text' },
    { name: 'vendor', pg: 'text' },
    { name: 'product', pg: 'text' },
  ],
  (r) => [r.cveId, r.vendor, r.product],
)
const upsertEpss = new VulnBulkInsert<EpssScoreTable>(
  'epss_scores',
  [
    { name: 'cveId', pg: 'text' },
    { name: 'score', pg: 'float8' },
    { name: 'percentile', pg: 'float8' },
    { name: 'modelVersion', pg: 'text' },
    { name: 'scoreDate', pg: 'text' },
  ],
  (r) => [r.cveId, r.score, r.percentile, r.modelVersion, r.scoreDate],
  'cveId',
)

/** Replaces the VEX statements of one source inside the caller's transaction. */
export async function writeVex(
  trx: Exec,
  sourceKind: VexStatement['sourceKind'],
  sourceId: string,
  statements: readonly Vex[],
): Promise<void> {
  await trx.deleteFrom('vexStatements').where('sourceKind', '=', sourceKind).where('sourceId', '=', sourceId).execute()
  const rows: VexStatementTable[] = statements.map((s) => ({
    id: randomUUID(),
    sourceKind,
    sourceId,
    modelId: s.modelId,
    vendor: s.vendor,
    product: s.product,
    version: s.version,
    cpe: s.cpe,
    purl: s.purl,
    cve: s.cve,
    status: s.status,
    justification: s.justification,
    detail: s.detail,
    issuedAt: s.issuedAt,
  }))
  for (const part of slices(rows, 500)) await trx.insertInto('vexStatements').values(part).execute()
}

function toStoredAdvisory(r: Omit<AdvisoryTable, 'document'>, cves: string[]): StoredAdvisory {
  return {
    id: r.id,
    source: r.source as StoredAdvisory['source'],
    category: r.category,
    title: r.title,
    titleJa: r.titleJa,
    publisher: r.publisher,
    revision: r.revision,
    releasedAt: r.releasedAt,
    updatedAt: r.updatedAt,
    url: r.url,
    sha256: r.sha256,
    feed: r.feed,
    firstImportedAt: r.firstImportedAt,
    importedAt: r.importedAt,
    cves,
  }
}

/** The CVE ids an advisory names, once each. */
export const advisoryCves = (doc: AdvisoryDocument) => [
  ...new Set(doc.vulnerabilities.map((v) => v.cve).filter((c): c is string => c !== null)),
]

type FeedMethods =
  | 'putAdvisory'
  | 'putCves'
  | 'replaceKev'
  | 'putEpss'
  | 'replaceVex'
  | 'getAdvisory'
  | 'advisoryDocuments'
  | 'cveCandidates'
  | 'cveFacts'
  | 'vexStatements'
  | 'counts'
  | 'exportPage'

/** Advisories, CVE records with their CPE index, KEV, EPSS and VEX: what feeds bring, one transaction per call. */
export class VulnFeedRepository implements Pick<VulnStore, FeedMethods> {
  constructor(private readonly db: Db) {}

  async putAdvisory(
    doc: AdvisoryDocument,
    meta: { sha256: string; feed: string | null; now: string },
    vex: readonly Vex[],
  ): Promise<{ created: boolean; changed: boolean }> {
    return this.db.transaction().execute(async (trx) => {
      const before = await trx
        .selectFrom('advisories')
        .select(['sha256', 'firstImportedAt'])
        .where('id', '=', doc.id)
        .executeTakeFirst()
      const row: AdvisoryTable = {
        id: doc.id,
        source: doc.source,
        category: doc.category,
        title: doc.title,
        titleJa: doc.titleJa,
        publisher: doc.publisher,
        revision: doc.version,
        releasedAt: doc.released,
        updatedAt: doc.updated,
        url: doc.url,
        document: JSON.stringify(doc),
        sha256: meta.sha256,
        feed: meta.feed,
        firstImportedAt: before?.firstImportedAt ?? meta.now,
        importedAt: meta.now,
      }
      const { id: _id, firstImportedAt: _first, ...set } = row
      await trx
        .insertInto('advisories')
        .values(row)
        .onConflict((oc) => oc.column('id').doUpdateSet(set))
        .execute()
      await trx.deleteFrom('advisoryCves').where('advisoryId', '=', doc.id).execute()
      const cves = advisoryCves(doc).map((cve) => ({ advisoryId: doc.id, cve }))
      for (const part of slices(cves, 1000)) await trx.insertInto('advisoryCves').values(part).execute()
      await writeVex(trx, 'csaf', doc.id, vex)
      return { created: !before, changed: before !== undefined && before.sha256 !== meta.sha256 }
    })
  }

  async putCves(cves: readonly CveRecord[]): Promise<number> {
    // The last record of an id wins (PostgreSQL refuses to upsert one row twice in a statement).
    const byId = new Map<string, CveRecord>()
    for (const c of cves) byId.set(c.id, c)
    const rows: CveTable[] = []
    const index: CveCpeIndexTable[] = []
    for (const c of byId.values()) {
      rows.push(cveRow(c))
      for (const key of cpeIndexKeys(c.configurations)) {
        const cut = key.indexOf('\u0000')
        index.push({ cveId: c.id, vendor: key.slice(0, cut), product: key.slice(cut + 1) })
      }
    }
    // In key order, the index rows land on neighbouring B-tree pages instead of one random page each.
    index.sort((x, y) =>
      x.vendor < y.vendor ? -1 : x.vendor > y.vendor ? 1 : x.product < y.product ? -1 : x.product > y.product ? 1 : 0,
    )
    await this.db.transaction().execute(async (trx) => {
      for (const ids of slices([...byId.keys()]))
        await trx.deleteFrom('cveCpeIndex').where('cveId', 'in', ids).execute()
      await upsertCves.run(trx, this.db, rows)
      await insertCpeIndex.run(trx, this.db, index)
    })
    return rows.length
  }

  async replaceKev(entries: readonly KevEntry[]): Promise<number> {
    const rows = [...new Map(entries.map((e) => [e.cve, kevRow(e)])).values()]
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('kevEntries').execute()
      for (const part of slices(rows, 1000)) await trx.insertInto('kevEntries').values(part).execute()
    })
    return rows.length
  }

  async putEpss(
    rows: readonly EpssRow[],
    meta: { modelVersion: string | null; scoreDate: string | null },
  ): Promise<number> {
    const byCve = new Map<string, EpssScoreTable>()
    for (const r of rows) byCve.set(r.cve, { cveId: r.cve, score: r.score, percentile: r.percentile, ...meta })
    await this.db.transaction().execute((trx) => upsertEpss.run(trx, this.db, [...byCve.values()]))
    return byCve.size
  }

  async replaceVex(sourceKind: VexStatement['sourceKind'], sourceId: string, statements: readonly Vex[]) {
    await this.db.transaction().execute((trx) => writeVex(trx, sourceKind, sourceId, statements))
  }

  async getAdvisory(id: string): Promise<{ advisory: StoredAdvisory; document: AdvisoryDocument } | null> {
    const row = await this.db.selectFrom('advisories').selectAll().where('id', '=', id).executeTakeFirst()
    if (!row) return null
    const cves = await this.db
      .selectFrom('advisoryCves')
      .select('cve')
      .where('advisoryId', '=', id)
      .orderBy('cve')
      .execute()
    return {
      advisory: toStoredAdvisory(
        row,
        cves.map((c) => c.cve),
      ),
      document: JSON.parse(row.document) as AdvisoryDocument,
    }
  }

  async advisoryDocuments(): Promise<AdvisoryDocument[]> {
    const rows = await this.db.selectFrom('advisories').select('document').orderBy('id').execute()
    return rows.map((r) => JSON.parse(r.document) as AdvisoryDocument)
  }

  async cveCandidates(pairs: readonly { vendor: string; product: string }[]): Promise<CveForMatch[]> {
    const keys = [...new Set(pairs.map((p) => `${p.vendor.toLowerCase()}\u0000${p.product.toLowerCase()}`))]
    const ids = new Set<string>()
    // Each pair is one equality on the index's leading columns (vendor, product): an OR of pairs per chunk.
    for (const part of slices(keys, 400)) {
      const rows = await this.db
        .selectFrom('cveCpeIndex')
        .select('cveId')
        .where((eb) =>
          eb.or(
            part.map((k) => {
              const cut = k.indexOf('\u0000')
              return eb.and([eb('vendor', '=', k.slice(0, cut)), eb('product', '=', k.slice(cut + 1))])
            }),
          ),
        )
        .execute()
      for (const r of rows) ids.add(r.cveId)
    }
    const out: CveForMatch[] = []
    for (const part of slices([...ids].sort())) {
      const rows = await this.db
        .selectFrom('cves')
        .select(['id', 'configurations'])
        .where('id', 'in', part)
        .orderBy('id')
        .execute()
      for (const r of rows) out.push({ id: r.id, configurations: parseJson<Configuration[]>(r.configurations, []) })
    }
    return out
  }

  async cveFacts(ids: readonly string[]): Promise<Map<string, CveFacts>> {
    const out = new Map<string, CveFacts>()
    for (const id of ids) out.set(id, { id, record: null, kev: null, epss: null })
    for (const part of slices([...out.keys()])) {
      const [cves, kev, epss] = await Promise.all([
        this.db.selectFrom('cves').selectAll().where('id', 'in', part).execute(),
        this.db.selectFrom('kevEntries').selectAll().where('cveId', 'in', part).execute(),
        this.db.selectFrom('epssScores').selectAll().where('cveId', 'in', part).execute(),
      ])
      for (const r of cves) out.get(r.id)!.record = toCveRecord(r)
      for (const r of kev) out.get(r.cveId)!.kev = toKev(r)
      for (const r of epss)
        out.get(r.cveId)!.epss = { cve: r.cveId, score: r.score, percentile: r.percentile, scoreDate: r.scoreDate }
    }
    return out
  }

  async vexStatements(): Promise<VexStatement[]> {
    const rows = await this.db.selectFrom('vexStatements').selectAll().orderBy('cve').orderBy('id').execute()
    return rows.map(toVex)
  }

  async counts(): Promise<{ advisories: number; cves: number; kev: number; epss: number; components: number }> {
    const count = async (table: 'advisories' | 'cves' | 'kevEntries' | 'epssScores' | 'components') => {
      const r = await this.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
      return Number(r.n)
    }
    const [advisories, cves, kev, epss, components] = await Promise.all([
      count('advisories'),
      count('cves'),
      count('kevEntries'),
      count('epssScores'),
      count('components'),
    ])
    return { advisories, cves, kev, epss, components }
  }

  async exportPage(
    table: 'advisories' | 'cves' | 'kevEntries' | 'epssScores' | 'vexStatements',
    offset: number,
    limit: number,
  ): Promise<Record<string, unknown>[]> {
    // A stable order per table so consecutive pages neither repeat nor skip rows.
    const key = table === 'kevEntries' || table === 'epssScores' ? 'cveId' : 'id'
    const rows = await this.db.selectFrom(table).selectAll().orderBy(key).limit(limit).offset(offset).execute()
    return rows as Record<string, unknown>[]
  }
}
