import type { Kysely } from 'kysely'
import type { BidAnswer, RequirementItem } from '../../api/procurement.js'
import type { Actor, AuditRecord } from '../core/ports.js'
import type {
  ModelDisclosureFacts,
  ProcurementPorts,
  ProcurementStore,
  StoredBid,
  StoredRequirementSet,
} from '../core/procurement/store.js'
import { recordAudit } from './audit-repository.js'
import type { Database } from './schema.js'
import type { ProcurementBidTable } from './schema-procurement.js'

const parse = <T>(s: string, fallback: T): T => {
  try {
    return JSON.parse(s) as T
  } catch {
    return fallback
  }
}

const toBid = (r: ProcurementBidTable): StoredBid => ({
  id: r.id,
  tender: r.tender,
  vendor: r.vendor,
  manufacturer: r.manufacturer,
  model: r.model,
  modelId: r.modelId,
  receivedOn: r.receivedOn,
  notes: r.notes,
  answers: parse<BidAnswer[]>(r.answers, []),
  createdAt: r.createdAt,
  createdBy: r.createdBy,
  updatedAt: r.updatedAt,
})

const toRow = (b: StoredBid): ProcurementBidTable => ({ ...b, answers: JSON.stringify(b.answers) })

/** Requirement set and bids (ADR 0039); every change written with its audit entry in one transaction. */
export class ProcurementRepository implements ProcurementStore {
  constructor(private readonly db: Kysely<Database>) {}

  async getSet(): Promise<StoredRequirementSet | null> {
    const r = await this.db.selectFrom('procurementRequirementSet').selectAll().where('id', '=', 1).executeTakeFirst()
    if (!r) return null
    return {
      name: r.name,
      version: r.version,
      items: parse<RequirementItem[]>(r.items, []),
      updatedAt: r.updatedAt,
      updatedBy: r.updatedBy,
    }
  }

  async putSet(set: StoredRequirementSet | null, actor: Actor, audit: AuditRecord): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('procurementRequirementSet').where('id', '=', 1).execute()
      if (set)
        await trx
          .insertInto('procurementRequirementSet')
          .values({ id: 1, ...set, items: JSON.stringify(set.items) })
          .execute()
      await recordAudit(trx, actor, audit)
    })
  }

  async listBids(): Promise<StoredBid[]> {
    const rows = await this.db
      .selectFrom('procurementBids')
      .selectAll()
      .orderBy('tender')
      .orderBy('createdAt')
      .orderBy('id')
      .execute()
    return rows.map(toBid)
  }

  async getBid(id: string): Promise<StoredBid | null> {
    const r = await this.db.selectFrom('procurementBids').selectAll().where('id', '=', id).executeTakeFirst()
    return r ? toBid(r) : null
  }

  async getBids(ids: readonly string[]): Promise<StoredBid[]> {
    if (ids.length === 0) return []
    const rows = await this.db
      .selectFrom('procurementBids')
      .selectAll()
      .where('id', 'in', [...ids])
      .execute()
    return rows.map(toBid)
  }

  async insertBid(bid: StoredBid, actor: Actor, audit: AuditRecord): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.insertInto('procurementBids').values(toRow(bid)).execute()
      await recordAudit(trx, actor, audit)
    })
  }

  async updateBid(bid: StoredBid, actor: Actor, audit: AuditRecord): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const { id, ...rest } = toRow(bid)
      await trx.updateTable('procurementBids').set(rest).where('id', '=', id).execute()
      await recordAudit(trx, actor, audit)
    })
  }

  async deleteBid(id: string, actor: Actor, audit: AuditRecord): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('procurementBids').where('id', '=', id).execute()
      await recordAudit(trx, actor, audit)
    })
  }

  async clear(actor: Actor): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const n = await trx.deleteFrom('procurementBids').executeTakeFirst()
      await trx.deleteFrom('procurementRequirementSet').execute()
      await recordAudit(trx, actor, {
        action: 'procurement.clear',
        targetType: 'procurement',
        before: { bids: Number(n.numDeletedRows) },
      })
    })
  }

  async modelFacts(modelId: string): Promise<ModelDisclosureFacts> {
    const [disclosures, sboms, ports, matches] = await Promise.all([
      this.db
        .selectFrom('disclosures')
        .select(['id', 'form', 'header', 'importedAt'])
        .where('modelId', '=', modelId)
        .orderBy('importedAt', 'desc')
        .execute(),
      this.db.selectFrom('sboms').select('id').where('modelId', '=', modelId).limit(1).execute(),
      this.db
        .selectFrom('modelDeclaredPorts')
        .select(['port', 'service', 'tls'])
        .where('modelId', '=', modelId)
        .orderBy('port')
        .execute(),
      this.db
        .selectFrom('vulnMatches')
        .leftJoin('kevEntries', 'kevEntries.cveId', 'vulnMatches.cve')
        .select(['vulnMatches.cve', 'vulnMatches.advisoryId', 'kevEntries.cveId as kev'])
        .where('vulnMatches.modelId', '=', modelId)
        .where('vulnMatches.decision', '=', 'affected')
        .execute(),
    ])
    let supportEnd: string | null = null
    for (const d of disclosures) {
      const h = parse<{ supportEnd?: unknown }>(d.header, {})
      if (typeof h.supportEnd === 'string' && h.supportEnd) {
        supportEnd = h.supportEnd
        break
      }
    }
    const vulns = new Set<string>()
    const kev = new Set<string>()
    for (const m of matches) {
      const key = m.cve ?? m.advisoryId
      if (!key) continue
      vulns.add(key)
      if (m.kev) kev.add(key)
    }
    return {
      latestDisclosureId: disclosures[0]?.id ?? null,
      forms: [...new Set(disclosures.map((d) => d.form))],
      supportEnd,
      hasSbom: sboms.length > 0,
      ports: ports.map((p) => ({ port: p.port, service: p.service, tls: p.tls === null ? null : p.tls === 1 })),
      vulnerabilities: [...vulns].sort(),
      knownExploited: [...kev].sort(),
    }
  }
}

/** The procurement (requirements, bids, comparison) module's repositories over one database (issue 11). */
export function procurementStoragePorts(db: Kysely<Database>): ProcurementPorts {
  return { procurementStore: new ProcurementRepository(db) }
}
