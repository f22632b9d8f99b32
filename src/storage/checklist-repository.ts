import { randomUUID } from 'node:crypto'
import { type Kysely, sql } from 'kysely'
import type {
  ChecklistAnswer,
  ChecklistAttachment,
  ChecklistEdition,
  ChecklistForm,
  ChecklistItem,
} from '../../api/checklist.js'
import type { Actor } from '../core/actor.js'
import {
  ADMIN_PORTS,
  type ContinuityFacts,
  type EvidenceFacts,
  UNNEEDED_SERVICE_RULES,
} from '../core/checklist/evidence.js'
import type {
  AnswerKey,
  AnswerRow,
  ChecklistPorts,
  ChecklistStore,
  NewAttachment,
  StoredVendor,
} from '../core/checklist/store.js'
import type { AuditRecord } from '../core/ports.js'
import { recordAudit } from './audit-repository.js'
import type { Database } from './schema.js'
import type { ChecklistAnswerTable, ChecklistAttachmentTable } from './schema-checklist.js'

const META = [
  'id',
  'editionId',
  'vendorId',
  'itemId',
  'fileName',
  'mediaType',
  'size',
  'uploadedBy',
  'uploadedAt',
] as const

type AttachmentMeta = Omit<ChecklistAttachmentTable, 'content' | 'sha256'>

const toAttachment = (r: AttachmentMeta): ChecklistAttachment => ({
  id: r.id,
  itemId: r.itemId,
  fileName: r.fileName,
  mediaType: r.mediaType,
  size: Number(r.size),
  uploadedBy: r.uploadedBy,
  uploadedAt: r.uploadedAt,
})

const toAnswer = (r: ChecklistAnswerTable, attachments: ChecklistAttachment[]): ChecklistAnswer => ({
  itemId: r.itemId,
  answer: r.answer as 'yes' | 'no',
  checkedOn: r.checkedOn,
  targetOn: r.targetOn,
  responsible: r.responsible,
  note: r.note,
  attachments,
  answeredBy: r.answeredBy,
  answeredAt: r.answeredAt,
})

const n = (v: unknown) => Number(v ?? 0)

/** Answers, attachments, vendors and loaded editions; evidence counts in a few set-based queries. */
export class ChecklistRepository implements ChecklistStore {
  constructor(private readonly db: Kysely<Database>) {}

  async loadedEditions(form?: ChecklistForm): Promise<ChecklistEdition[]> {
    let q = this.db.selectFrom('checklistEditions').selectAll().orderBy('loadedAt', 'desc')
    if (form) q = q.where('form', '=', form)
    const rows = await q.execute()
    return rows.map((r) => ({
      id: r.id,
      form: r.form as ChecklistForm,
      fiscalYearJa: r.fiscalYearJa,
      titleJa: r.titleJa,
      titleEn: r.titleEn,
      builtIn: false,
      source: r.source,
      loadedAt: r.loadedAt,
      items: JSON.parse(r.items) as ChecklistItem[],
    }))
  }

  async insertEdition(e: ChecklistEdition, actor: Actor, audit: AuditRecord): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('checklistEditions')
        .values({
          id: e.id,
          form: e.form,
          fiscalYearJa: e.fiscalYearJa,
          titleJa: e.titleJa,
          titleEn: e.titleEn,
          source: e.source,
          items: JSON.stringify(e.items),
          loadedAt: e.loadedAt ?? new Date().toISOString(),
          loadedBy: actor.name,
        })
        .execute()
      await recordAudit(trx, actor, audit)
    })
  }

  private async attachmentsOf(db: Kysely<Database>, editionId: string, vendorId: string, itemId?: string) {
    let q = db
      .selectFrom('checklistAttachments')
      .select(META)
      .where('editionId', '=', editionId)
      .where('vendorId', '=', vendorId)
    if (itemId) q = q.where('itemId', '=', itemId)
    const rows = await q.orderBy('uploadedAt').orderBy('id').execute()
    const by = new Map<string, ChecklistAttachment[]>()
    for (const r of rows) by.set(r.itemId, [...(by.get(r.itemId) ?? []), toAttachment(r)])
    return by
  }

  async answers(editionId: string, vendorId: string | null): Promise<ChecklistAnswer[]> {
    const v = vendorId ?? ''
    const rows = await this.db
      .selectFrom('checklistAnswers')
      .selectAll()
      .where('editionId', '=', editionId)
      .where('vendorId', '=', v)
      .execute()
    const files = await this.attachmentsOf(this.db, editionId, v)
    const out = rows.map((r) => toAnswer(r, files.get(r.itemId) ?? []))
    // Files attached to an item not answered yet still belong to it.
    for (const [itemId, list] of files)
      if (!rows.some((r) => r.itemId === itemId))
        out.push({
          itemId,
          answer: null,
          checkedOn: null,
          targetOn: null,
          responsible: null,
          note: null,
          attachments: list,
          answeredBy: null,
          answeredAt: null,
        })
    return out
  }

  async putAnswer(
    row: AnswerRow,
    actor: Actor,
    audit: (before: ChecklistAnswer | null, after: ChecklistAnswer) => AuditRecord,
  ): Promise<ChecklistAnswer> {
    const v = row.vendorId ?? ''
    return this.db.transaction().execute(async (trx) => {
      const where = (t: Kysely<Database>) =>
        t
          .selectFrom('checklistAnswers')
          .selectAll()
          .where('editionId', '=', row.editionId)
          .where('vendorId', '=', v)
          .where('itemId', '=', row.itemId)
      const old = await where(trx).executeTakeFirst()
      const files = (await this.attachmentsOf(trx, row.editionId, v, row.itemId)).get(row.itemId) ?? []
      const values: ChecklistAnswerTable = { ...row, vendorId: v }
      if (old)
        await trx
          .updateTable('checklistAnswers')
          .set(values)
          .where('editionId', '=', row.editionId)
          .where('vendorId', '=', v)
          .where('itemId', '=', row.itemId)
          .execute()
      else await trx.insertInto('checklistAnswers').values(values).execute()
      const after = toAnswer(values, files)
      await recordAudit(trx, actor, audit(old ? toAnswer(old, files) : null, after))
      return after
    })
  }

  async addAttachment(
    f: NewAttachment,
    actor: Actor,
    audit: (a: ChecklistAttachment) => AuditRecord,
  ): Promise<ChecklistAttachment> {
    const row: ChecklistAttachmentTable = {
      id: randomUUID(),
      editionId: f.editionId,
      vendorId: f.vendorId ?? '',
      itemId: f.itemId,
      fileName: f.fileName,
      mediaType: f.mediaType,
      size: f.bytes.byteLength,
      sha256: f.sha256,
      content: Buffer.from(f.bytes).toString('base64'),
      uploadedBy: f.uploadedBy,
      uploadedAt: f.uploadedAt,
    }
    const a = toAttachment(row)
    await this.db.transaction().execute(async (trx) => {
      await trx.insertInto('checklistAttachments').values(row).execute()
      await recordAudit(trx, actor, audit(a))
    })
    return a
  }

  async attachment(id: string): Promise<{ meta: ChecklistAttachment & AnswerKey; bytes: Buffer } | null> {
    const r = await this.db.selectFrom('checklistAttachments').selectAll().where('id', '=', id).executeTakeFirst()
    if (!r) return null
    return {
      meta: { ...toAttachment(r), editionId: r.editionId, vendorId: r.vendorId || null },
      bytes: Buffer.from(r.content, 'base64'),
    }
  }

  async deleteAttachment(id: string, actor: Actor, audit: (a: ChecklistAttachment) => AuditRecord): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const r = await trx.selectFrom('checklistAttachments').select(META).where('id', '=', id).executeTakeFirst()
      if (!r) return false
      await trx.deleteFrom('checklistAttachments').where('id', '=', id).execute()
      await recordAudit(trx, actor, audit(toAttachment(r)))
      return true
    })
  }

  async vendors(): Promise<StoredVendor[]> {
    return this.db
      .selectFrom('checklistVendors')
      .select(['id', 'name', 'contact', 'createdAt'])
      .orderBy('name')
      .orderBy('id')
      .execute()
  }

  async vendor(id: string): Promise<StoredVendor | null> {
    return (
      (await this.db
        .selectFrom('checklistVendors')
        .select(['id', 'name', 'contact', 'createdAt'])
        .where('id', '=', id)
        .executeTakeFirst()) ?? null
    )
  }

  async insertVendor(v: StoredVendor, actor: Actor, audit: AuditRecord): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('checklistVendors')
        .values({ ...v, createdBy: actor.name })
        .execute()
      await recordAudit(trx, actor, audit)
    })
  }

  async vendorAnswerCounts(editionId: string): Promise<Map<string, number>> {
    const rows = await this.db
      .selectFrom('checklistAnswers')
      .select(['vendorId', (eb) => eb.fn.countAll().as('n')])
      .where('editionId', '=', editionId)
      .where('vendorId', '<>', '')
      .groupBy('vendorId')
      .execute()
    return new Map(rows.map((r) => [r.vendorId, n(r.n)]))
  }

  async evidenceFacts(today: string): Promise<EvidenceFacts> {
    const db = this.db
    const active = sql<boolean>`devices.status <> 'decommissioned'`
    const hasOwner = sql<boolean>`(coalesce(devices.responsible_person, '') <> '' or coalesce(devices.responsible_department, '') <> '')`
    const hasLocation = sql<boolean>`coalesce(devices.location, '') <> ''`
    // IN (subquery) rather than a correlated EXISTS: both dialects build the set once (SQLite an ephemeral index,
    // PostgreSQL a hashed subplan), so 10,000 devices cost one pass each, whatever indexes the other tables have.
    const hasAddress = sql<boolean>`devices.id in (select device_id from device_addresses)`
    const ledger = await db
      .selectFrom('devices')
      .where(active)
      .select([
        sql<number>`count(*)`.as('devices'),
        sql<number>`sum(case when ${hasOwner} then 1 else 0 end)`.as('withOwner'),
        sql<number>`sum(case when ${hasLocation} then 1 else 0 end)`.as('withLocation'),
        sql<number>`sum(case when ${hasAddress} then 1 else 0 end)`.as('withAddress'),
        sql<number>`sum(case when ${hasOwner} and ${hasLocation} and ${hasAddress} then 1 else 0 end)`.as('complete'),
        sql<number>`sum(case when devices.id in (select device_id from scan_hosts where device_id is not null) then 1 else 0 end)`.as(
          'seen',
        ),
        sql<number>`sum(case when devices.connection_types like ${'%"remote_maintenance"%'} then 1 else 0 end)`.as(
          'remote',
        ),
        sql<number>`sum(case when devices.support_end is not null and devices.support_end < ${today} then 1 else 0 end)`.as(
          'pastSupport',
        ),
        sql<number>`sum(case when devices.service_life_end is not null and devices.service_life_end < ${today} then 1 else 0 end)`.as(
          'pastLife',
        ),
        // An affected match a person marked false (for the device or its whole model) does not count (as in risk).
        sql<number>`sum(case when devices.id in (select vm.device_id from vuln_matches vm where vm.decision = 'affected' and not exists (select 1 from match_reviews r where r.review_key = vm.review_key and r.decision = 'false-positive' and (r.device_id = vm.device_id or r.model_id = vm.model_id))) then 1 else 0 end)`.as(
          'affected',
        ),
        sql<string | null>`max(devices.updated_at)`.as('lastChange'),
      ])
      .executeTakeFirstOrThrow()
    const rmot = await db
      .selectFrom('disclosureAnswers')
      .select(sql<number>`count(distinct disclosure_id)`.as('n'))
      .where('questionId', '=', 'RMOT-1')
      .where('value', 'is not', null)
      .executeTakeFirstOrThrow()
    const models = await db
      .selectFrom('deviceModelLinks')
      .innerJoin('devices', 'devices.id', 'deviceModelLinks.deviceId')
      .where('deviceModelLinks.state', '=', 'confirmed')
      .where(active)
      .select([
        sql<number>`count(distinct device_model_links.model_id)`.as('inUse'),
        sql<number>`count(distinct case when device_model_links.model_id in (select model_id from disclosures where model_id is not null) then device_model_links.model_id end)`.as(
          'withDisclosure',
        ),
      ])
      .executeTakeFirstOrThrow()
    const services = await db
      .selectFrom('findings')
      .where('status', '=', 'open')
      .where('ruleId', 'in', [...UNNEEDED_SERVICE_RULES])
      .select([
        'ruleId',
        sql<number>`count(*)`.as('findings'),
        sql<number>`count(distinct coalesce(device_id, address))`.as('devices'),
      ])
      .groupBy('ruleId')
      .orderBy('ruleId')
      .execute()
    // Each address as its latest scan (that found it up) saw it: a service closed since no longer counts.
    const admin = sql.join(ADMIN_PORTS.map((p) => sql.lit(p)))
    const hostRows = await sql<{ scanned: number | string; admin: number | string }>`
      with seen as (
        select sh.id, sh.address, s.created_at as at
        from scan_hosts sh join scans s on s.id = sh.scan_id
        where sh.state = 'up'
      ),
      latest as (select address, max(at) as at from seen group by address)
      select count(distinct seen.address) as scanned,
        count(distinct case when seen.id in (
          select scan_host_id from scan_services where state = 'open' and port in (${admin})
        ) then seen.address end) as admin
      from seen join latest on latest.address = seen.address and latest.at = seen.at`.execute(db)
    const hosts = hostRows.rows[0] ?? { scanned: 0, admin: 0 }
    const continuity = await this.continuityFacts()
    return {
      devices: n(ledger.devices),
      withOwner: n(ledger.withOwner),
      withLocation: n(ledger.withLocation),
      withAddress: n(ledger.withAddress),
      complete: n(ledger.complete),
      seenByDiscovery: n(ledger.seen),
      lastLedgerChange: ledger.lastChange ?? null,
      remoteMaintenance: n(ledger.remote),
      rmotAnswers: n(rmot.n),
      modelsInUse: n(models.inUse),
      modelsWithDisclosure: n(models.withDisclosure),
      pastSupportEnd: n(ledger.pastSupport),
      pastServiceLife: n(ledger.pastLife),
      affectedDevices: n(ledger.affected),
      unneededServices: services.map((s) => ({ ruleId: s.ruleId, findings: n(s.findings), devices: n(s.devices) })),
      scannedHosts: n(hosts.scanned),
      adminReachableHosts: n(hosts.admin),
      continuity,
    }
  }

  /**
   * 3-①/3-②/3-③ (ADR 0043): the contact chain by kind, the playbook's phases and owners, the last exercise, and
   * from the bcp module's tables the services and device plans.
   */
  private async continuityFacts(): Promise<ContinuityFacts> {
    const db = this.db
    const contacts = await db
      .selectFrom('bcpContacts')
      .select([
        sql<number>`count(*)`.as('n'),
        sql<number>`sum(case when trim(phone) <> '' then 1 else 0 end)`.as('withPhone'),
        sql<number>`sum(case when kind = 'internal' then 1 else 0 end)`.as('internal'),
        sql<number>`sum(case when kind = 'vendor' then 1 else 0 end)`.as('vendor'),
        sql<number>`sum(case when kind = 'authority' then 1 else 0 end)`.as('authority'),
        sql<number>`sum(case when kind = 'police' then 1 else 0 end)`.as('police'),
      ])
      .executeTakeFirstOrThrow()
    const tasks = await db
      .selectFrom('bcpPlaybookTasks')
      .select([
        sql<number>`count(*)`.as('n'),
        sql<number>`sum(case when coalesce(trim(owner), '') <> '' then 1 else 0 end)`.as('withOwner'),
        sql<number>`count(distinct phase)`.as('phases'),
      ])
      .executeTakeFirstOrThrow()
    const exercises = await db
      .selectFrom('bcpExercises')
      .select([sql<number>`count(*)`.as('n'), sql<string | null>`max(held_on)`.as('last')])
      .executeTakeFirstOrThrow()
    // The bcp module's tables (migration 0020): services with MTD, a fallback and a decider (3-③), and the devices
    // services depend on — directly, through a segment, or one step through a device's own dependsOn — with recovery
    // steps and a backup note (3-②). Decommissioned devices do not count.
    const services = await db
      .selectFrom('bcpServices')
      .select([
        sql<number>`count(*)`.as('n'),
        sql<number>`sum(case when max_downtime_minutes is not null and (trim(fallback_ja) <> '' or trim(fallback_en) <> '') and coalesce(trim(decider), '') <> '' then 1 else 0 end)`.as(
          'complete',
        ),
      ])
      .executeTakeFirstOrThrow()
    const deviceRows = await sql<{
      n: number | string
      recovery: number | string | null
      backup: number | string | null
    }>`
      with direct as (
        select target_id as id from bcp_dependencies where source_kind = 'service' and target_kind = 'device'
        union
        select d.id from devices d join bcp_dependencies s on s.source_kind = 'service' and s.target_kind = 'segment'
          and s.target_id = d.network_segment
      ),
      planned as (
        select id from direct
        union
        select dep.target_id from bcp_dependencies dep join direct on dep.source_kind = 'device'
          and dep.source_id = direct.id and dep.target_kind = 'device'
      )
      select count(*) as n,
        sum(case when p.device_id is not null and (p.recovery_steps_ja not in ('', '[]') or p.recovery_steps_en not in ('', '[]')) then 1 else 0 end) as recovery,
        sum(case when p.device_id is not null and trim(p.backup_note) <> '' then 1 else 0 end) as backup
      from planned
      join devices v on v.id = planned.id and v.status <> 'decommissioned'
      left join bcp_device_plans p on p.device_id = planned.id`.execute(db)
    const devices = deviceRows.rows[0] ?? { n: 0, recovery: 0, backup: 0 }
    return {
      contacts: n(contacts.n),
      contactsWithPhone: n(contacts.withPhone),
      internal: n(contacts.internal) > 0,
      vendor: n(contacts.vendor) > 0,
      authority: n(contacts.authority) > 0,
      police: n(contacts.police) > 0,
      playbookTasks: n(tasks.n),
      tasksWithOwner: n(tasks.withOwner),
      phasesCovered: n(tasks.phases),
      exercises: n(exercises.n),
      lastExercise: exercises.last ?? null,
      services: n(services.n),
      servicesComplete: n(services.complete),
      plannedDevices: n(devices.n),
      devicesWithRecovery: n(devices.recovery),
      devicesWithBackup: n(devices.backup),
    }
  }
}

/** The checklist module's repositories, spread into `storagePorts`. */
export function checklistStoragePorts(db: Kysely<Database>): ChecklistPorts {
  return { checklist: new ChecklistRepository(db) }
}
