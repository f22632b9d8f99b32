import { randomUUID } from 'node:crypto'
import { type Kysely, sql, type Transaction } from 'kysely'
import type { Action, ActionDetail, ActionListQuery, ActionSyncResult, SlaPolicy } from '../../api/actions.js'
import { RISK_BANDS, type RiskBand } from '../../api/risk.js'
import {
  type Acceptance,
  type ActionFields,
  type ActionPlan,
  DEFAULT_SLA,
  type PlanAction,
  type PlanFinding,
  slaDue,
} from '../core/actions/plan.js'
import type { ActionChange, ActionPage, ActionPorts, ActionStore, SyncInput } from '../core/actions/store.js'
import { MamoriError, notFound } from '../core/errors.js'
import { SEVERITIES, type Severity } from '../core/findings/finding.js'
import type { Actor, AuditRecord } from '../core/ports.js'
import { recordAudit } from './audit-repository.js'
import { isPostgres } from './migrations/dialect.js'
import type { Database } from './schema.js'
import type { ActionTable } from './schema-actions.js'

type Db = Kysely<Database> | Transaction<Database>

const CHUNK = 500
const chunks = <T>(xs: readonly T[]) =>
  Array.from({ length: Math.ceil(xs.length / CHUNK) }, (_, i) => xs.slice(i * CHUNK, (i + 1) * CHUNK))
const rankOf = (s: string) => Math.max(0, SEVERITIES.indexOf(s as Severity))
const isSeverity = (s: string): s is Severity => (SEVERITIES as readonly string[]).includes(s)
const LIVE = ['open', 'in_progress'] as const

function acceptanceOf(r: ActionTable): Acceptance | null {
  if (r.acceptReason === null || r.acceptApprover === null || r.acceptExpiresOn === null || r.acceptedAt === null)
    return null
  return {
    reason: r.acceptReason,
    approver: r.acceptApprover,
    expiresOn: r.acceptExpiresOn,
    acceptedBy: r.acceptedBy,
    acceptedAt: r.acceptedAt,
  }
}

function fieldsOf(r: ActionTable): ActionFields {
  return {
    titleJa: r.titleJa,
    titleEn: r.titleEn,
    detailJa: r.detailJa,
    detailEn: r.detailEn,
    severity: isSeverity(r.severity) ? r.severity : 'info',
    knownExploited: r.knownExploited === 1,
    deviceCount: r.deviceCount,
    findingCount: r.findingCount,
    dueOn: r.dueOn,
    status: r.status as Action['status'],
    acceptance: acceptanceOf(r),
    closedAt: r.closedAt,
    closedEvidence: r.closedEvidence,
  }
}

/** The stored columns of computed fields. */
function columnsOf(f: ActionFields) {
  return {
    titleJa: f.titleJa,
    titleEn: f.titleEn,
    detailJa: f.detailJa,
    detailEn: f.detailEn,
    severity: f.severity,
    severityRank: rankOf(f.severity),
    knownExploited: f.knownExploited ? 1 : 0,
    deviceCount: f.deviceCount,
    findingCount: f.findingCount,
    dueOn: f.dueOn,
    status: f.status,
    acceptReason: f.acceptance?.reason ?? null,
    acceptApprover: f.acceptance?.approver ?? null,
    acceptExpiresOn: f.acceptance?.expiresOn ?? null,
    acceptedBy: f.acceptance?.acceptedBy ?? null,
    acceptedAt: f.acceptance?.acceptedAt ?? null,
    closedAt: f.closedAt,
    closedEvidence: f.closedEvidence,
  } satisfies Partial<ActionTable>
}

/** What the audit log keeps of an action (not the long texts). */
const auditView = (f: ActionFields & { owner?: string | null }) => ({
  status: f.status,
  owner: f.owner,
  dueOn: f.dueOn,
  severity: f.severity,
  knownExploited: f.knownExploited,
  deviceCount: f.deviceCount,
  acceptance: f.acceptance,
  closedEvidence: f.closedEvidence,
})

const isOverdue = (r: Pick<ActionTable, 'status' | 'dueOn'>, today: string) =>
  (r.status === 'open' || r.status === 'in_progress') && r.dueOn < today

function toAction(r: ActionTable, today: string, topRiskBand: RiskBand | null): Action {
  const f = fieldsOf(r)
  return {
    id: r.id,
    siteId: r.siteId,
    kind: r.kind,
    ...f,
    topRiskBand,
    owner: r.owner,
    overdue: isOverdue(r, today),
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    version: r.version,
  }
}

const SCAN_REASON = /^not observed again by scan (\S+)/

/** Actions, their findings and the SLA (ADR 0034); every change in one transaction with its audit entries. */
export class ActionRepository implements ActionStore {
  constructor(private readonly db: Kysely<Database>) {}

  async sync(plan: (input: SyncInput) => ActionPlan, actor: Actor, now: Date): Promise<ActionSyncResult> {
    return this.db.transaction().execute(async (trx) => {
      // One sync at a time, across processes too (the server's refresh, a CLI `actions sync`): PostgreSQL locks the
      // one sync row; SQLite has one writer anyway.
      await trx
        .insertInto('actionSync')
        .values({ id: 1, syncedAt: '', fingerprint: '' })
        .onConflict((oc) => oc.column('id').doNothing())
        .execute()
      if (isPostgres(trx)) await trx.selectFrom('actionSync').select('id').where('id', '=', 1).forUpdate().execute()
      // Taken before reading the findings: a change committed while this sync runs (PostgreSQL reads committed
      // data per statement) leaves the stored fingerprint behind, so the next read syncs again rather than never.
      const findingsPrint = await this.findingsPrint(trx)
      const input = await this.syncInput(trx)
      const result = await this.apply(trx, plan(input), actor, now)
      const fingerprint = `${now.toISOString().slice(0, 10)}|${findingsPrint}|${await this.actionCount(trx)}`
      const row = { syncedAt: now.toISOString(), fingerprint }
      await trx
        .insertInto('actionSync')
        .values({ id: 1, ...row })
        .onConflict((oc) => oc.column('id').doUpdateSet(row))
        .execute()
      return result
    })
  }

  /** Findings count, last seen and a weighted sum of statuses: changes whenever the findings do. */
  private async findingsPrint(db: Db): Promise<string> {
    const r = await db
      .selectFrom('findings')
      .select([
        (eb) => eb.fn.countAll<number>().as('n'),
        (eb) => eb.fn.max('lastSeenAt').as('seen'),
        sql<number>`sum(case status when 'open' then 1 when 'accepted' then 7 else 49 end)`.as('statuses'),
      ])
      .executeTakeFirstOrThrow()
    return [Number(r.n), r.seen ?? '', Number(r.statuses ?? 0)].join('|')
  }

  /** The number of actions: catches a restore that emptied the plan but brought the same findings back. */
  private async actionCount(db: Db): Promise<number> {
    const r = await db
      .selectFrom('actions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    return Number(r.n)
  }

  async isStale(today: string): Promise<boolean> {
    const stored = await this.db.selectFrom('actionSync').select('fingerprint').where('id', '=', 1).executeTakeFirst()
    const now = `${today}|${await this.findingsPrint(this.db)}|${await this.actionCount(this.db)}`
    return stored?.fingerprint !== now
  }

  private async syncInput(trx: Db): Promise<SyncInput> {
    const rows = await trx
      .selectFrom('findings')
      .leftJoin('devices', 'devices.id', 'findings.deviceId')
      .leftJoin('kevEntries', (j) =>
        j.onRef('kevEntries.cveId', '=', 'findings.ruleId').on('findings.source', '=', 'vulnerability'),
      )
      .select([
        'findings.id',
        'findings.source',
        'findings.ruleId',
        'findings.siteId',
        'findings.deviceId',
        'findings.address',
        'findings.port',
        'findings.severity',
        'findings.status',
        'findings.statusReason',
        'findings.statusExpiresAt',
        'findings.titleJa',
        'findings.titleEn',
        'findings.recommendationJa',
        'findings.recommendationEn',
        'findings.evidence',
        'findings.incomplete',
        'devices.assetTag',
        'devices.name',
        'kevEntries.cveId as kevCve',
      ])
      .where((eb) =>
        eb.or([
          eb('findings.status', '=', 'open'),
          eb('findings.id', 'in', eb.selectFrom('actionFindings').select('actionFindings.findingId')),
        ]),
      )
      .execute()
    // When a scan stopped seeing a finding: the scan's finish.
    const scanIds = [
      ...new Set(
        rows.flatMap((r) =>
          r.status === 'fixed' && r.statusReason ? (SCAN_REASON.exec(r.statusReason)?.[1] ?? []) : [],
        ),
      ),
    ]
    const scanDay = new Map<string, string>()
    for (const part of chunks(scanIds)) {
      const scans = await trx
        .selectFrom('scans')
        .select(['id', 'finishedAt', 'createdAt'])
        .where('id', 'in', part)
        .execute()
      for (const s of scans) scanDay.set(s.id, (s.finishedAt ?? s.createdAt).slice(0, 10))
    }
    const findings: PlanFinding[] = rows.map((r) => {
      const scan = r.status === 'fixed' && r.statusReason ? SCAN_REASON.exec(r.statusReason)?.[1] : undefined
      return {
        id: r.id,
        source: r.source,
        ruleId: r.ruleId,
        siteId: r.siteId,
        deviceId: r.deviceId,
        deviceLabel: r.assetTag ?? r.name ?? null,
        address: r.address,
        port: r.port,
        severity: isSeverity(r.severity) ? r.severity : 'info',
        status: r.status === 'accepted' || r.status === 'fixed' ? r.status : 'open',
        statusReason: r.statusReason,
        statusExpiresAt: r.statusExpiresAt,
        titleJa: r.titleJa,
        titleEn: r.titleEn,
        recommendationJa: r.recommendationJa,
        recommendationEn: r.recommendationEn,
        evidence: r.evidence,
        incomplete: r.incomplete === 1,
        knownExploited: r.source === 'vulnerability' && (r.kevCve !== null || /(?:^|, )KEV(?:,|$)/.test(r.evidence)),
        fixedOn: scan ? (scanDay.get(scan) ?? null) : null,
      }
    })
    const actionRows = await trx.selectFrom('actions').selectAll().execute()
    const links = await trx.selectFrom('actionFindings').select(['actionId', 'findingId']).execute()
    const byAction = new Map<string, string[]>()
    for (const l of links) byAction.set(l.actionId, [...(byAction.get(l.actionId) ?? []), l.findingId])
    const actions: PlanAction[] = actionRows.map((r) => ({
      id: r.id,
      siteId: r.siteId,
      kind: r.kind,
      owner: r.owner,
      dueSetByPerson: r.dueSetByPerson === 1,
      createdAt: r.createdAt,
      findingIds: byAction.get(r.id) ?? [],
      ...fieldsOf(r),
    }))
    return { findings, actions, sla: await this.slaIn(trx) }
  }

  private async apply(trx: Transaction<Database>, p: ActionPlan, actor: Actor, now: Date): Promise<ActionSyncResult> {
    const at = now.toISOString()
    const audit: AuditRecord[] = []
    // Findings on hosts outside the ledger belong to the site 'default', which a ledger with only named sites lacks.
    for (const siteId of new Set(p.create.map((c) => c.siteId)))
      await trx
        .insertInto('sites')
        .values({ id: siteId, name: siteId, createdAt: at })
        .onConflict((oc) => oc.column('id').doNothing())
        .execute()
    for (const c of p.create) {
      const id = randomUUID()
      await trx
        .insertInto('actions')
        .values({
          id,
          siteId: c.siteId,
          kind: c.kind,
          ...columnsOf(c.fields),
          owner: null,
          dueSetByPerson: 0,
          createdAt: at,
          updatedAt: at,
          version: 1,
        })
        .execute()
      for (const part of chunks(c.findingIds))
        await trx
          .insertInto('actionFindings')
          .values(part.map((findingId) => ({ actionId: id, findingId })))
          .execute()
      audit.push({
        action: 'action.create',
        targetType: 'action',
        targetId: id,
        after: { kind: c.kind, ...auditView(c.fields) },
      })
    }
    for (const u of p.update) {
      await trx
        .updateTable('actions')
        .set((eb) => ({ ...columnsOf(u.fields), updatedAt: at, version: eb('version', '+', 1) }))
        .where('id', '=', u.id)
        .execute()
      for (const part of chunks(u.addFindingIds))
        await trx
          .insertInto('actionFindings')
          .values(part.map((findingId) => ({ actionId: u.id, findingId })))
          .execute()
      audit.push({
        action: `action.sync.${u.event}`,
        targetType: 'action',
        targetId: u.id,
        before: auditView(u.before),
        after: { ...auditView(u.fields), addedFindings: u.addFindingIds.length },
      })
    }
    await this.reopenFindings(
      trx,
      p.findings.map((f) => f.findingId),
      audit,
    )
    await recordAudit(trx, actor, audit)
    const live = await trx
      .selectFrom('actions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', 'in', LIVE)
      .executeTakeFirstOrThrow()
    return {
      created: p.create.length,
      updated: p.update.length,
      closed: p.update.filter((u) => u.event === 'closed' && u.fields.status === 'done' && u.before.status !== 'done')
        .length,
      open: Number(live.n),
    }
  }

  /** Findings back to open (an acceptance ended), audited as the finding review does (`finding.update`). */
  private async reopenFindings(trx: Transaction<Database>, ids: readonly string[], audit: AuditRecord[]) {
    for (const part of chunks(ids)) {
      const before = await trx
        .selectFrom('findings')
        .select(['id', 'status', 'statusReason'])
        .where('id', 'in', part)
        .execute()
      await trx
        .updateTable('findings')
        .set({ status: 'open', statusReason: null, statusExpiresAt: null })
        .where('id', 'in', part)
        .execute()
      for (const b of before)
        audit.push({
          action: 'finding.update',
          targetType: 'finding',
          targetId: b.id,
          before: { status: b.status, reason: b.statusReason },
          after: { status: 'open', reason: null, expiresAt: null },
        })
    }
  }

  async list(q: ActionListQuery, today: string): Promise<ActionPage> {
    let base = this.db.selectFrom('actions')
    if (q.status) base = base.where('status', '=', q.status)
    if (q.owner) base = base.where('owner', '=', q.owner)
    if (q.overdue === 'true') base = base.where('status', 'in', LIVE).where('dueOn', '<', today)
    if (q.overdue === 'false')
      base = base.where((eb) => eb.or([eb('status', 'not in', LIVE), eb('dueOn', '>=', today)]))
    const [rows, count, counts] = await Promise.all([
      base
        .selectAll()
        // Work still to do first, then accepted, then done; within: KEV, severity, due date, devices helped.
        .orderBy(sql`case status when 'open' then 0 when 'in_progress' then 0 when 'accepted' then 1 else 2 end`)
        .orderBy('knownExploited', 'desc')
        .orderBy('severityRank')
        .orderBy('dueOn')
        // Ties: the action that helps more devices first, then a stable order.
        .orderBy('deviceCount', 'desc')
        .orderBy('kind')
        .orderBy('id')
        .limit(q.limit)
        .offset(q.offset)
        .execute(),
      base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      this.counts(today),
    ])
    const bands = await this.topBands(rows.map((r) => r.id))
    return {
      items: rows.map((r) => toAction(r, today, bands.get(r.id) ?? null)),
      total: Number(count.n),
      counts,
    }
  }

  private async counts(today: string): Promise<ActionPage['counts']> {
    const r = await this.db
      .selectFrom('actions')
      .select([
        sql<number>`sum(case when status in ('open', 'in_progress') then 1 else 0 end)`.as('open'),
        sql<number>`sum(case when status in ('open', 'in_progress') and due_on < ${today} then 1 else 0 end)`.as(
          'overdue',
        ),
        sql<number>`sum(case when status = 'accepted' then 1 else 0 end)`.as('accepted'),
      ])
      .executeTakeFirstOrThrow()
    return { open: Number(r.open ?? 0), overdue: Number(r.overdue ?? 0), accepted: Number(r.accepted ?? 0) }
  }

  /**
   * The highest risk band among each action's devices, from the risk module's `device_risk` table (device_id, band).
   * Read with plain SQL so this module does not depend on the risk module's types; null while the table is absent.
   */
  private async topBands(actionIds: readonly string[]): Promise<Map<string, RiskBand>> {
    const out = new Map<string, RiskBand>()
    if (actionIds.length === 0) return out
    try {
      for (const part of chunks(actionIds)) {
        const r = await sql<{ actionId: string; band: string }>`
          select af.action_id, dr.band from action_findings af
          join findings f on f.id = af.finding_id
          join device_risk dr on dr.device_id = f.device_id
          where af.action_id in (${sql.join(part)})`.execute(this.db)
        for (const row of r.rows) {
          const band = RISK_BANDS.find((b) => b === row.band)
          if (!band) continue
          const had = out.get(row.actionId)
          if (!had || RISK_BANDS.indexOf(band) < RISK_BANDS.indexOf(had)) out.set(row.actionId, band)
        }
      }
    } catch {
      // The risk module's table is not there (yet): no band.
      return new Map()
    }
    return out
  }

  /** The action with its top risk band (read after the change is committed). */
  private async withBand(a: Action): Promise<Action> {
    const bands = await this.topBands([a.id])
    return { ...a, topRiskBand: bands.get(a.id) ?? null }
  }

  private async row(db: Db, id: string): Promise<ActionTable> {
    const r = await db.selectFrom('actions').selectAll().where('id', '=', id).executeTakeFirst()
    if (!r) throw notFound('Action', id, '対策')
    return r
  }

  async detail(id: string, today: string): Promise<ActionDetail> {
    const r = await this.row(this.db, id)
    const findings = await this.db
      .selectFrom('actionFindings')
      .innerJoin('findings', 'findings.id', 'actionFindings.findingId')
      .leftJoin('devices', 'devices.id', 'findings.deviceId')
      .select([
        'findings.id',
        'findings.status',
        'findings.deviceId',
        'findings.address',
        'findings.port',
        'devices.assetTag',
        'devices.name',
        'devices.location',
      ])
      .where('actionFindings.actionId', '=', id)
      .orderBy('devices.assetTag')
      .orderBy('findings.address')
      .orderBy('findings.id')
      .execute()
    // The devices that still have the problem; all of them once everything is fixed (what the evidence is about).
    const live = findings.filter((f) => f.status !== 'fixed')
    const shown = live.length > 0 ? live : findings
    const devices = new Map<string, ActionDetail['devices'][number]>()
    for (const f of shown) {
      const key = f.deviceId ?? `address:${f.address ?? f.id}`
      const d = devices.get(key) ?? {
        deviceId: f.deviceId,
        assetTag: f.assetTag ?? null,
        name: f.name ?? null,
        location: f.location ?? null,
        findingIds: [],
        where: [],
      }
      d.findingIds.push(f.id)
      if (f.address) {
        const w = f.port !== null ? `${f.address}:${f.port}` : f.address
        if (!d.where.includes(w)) d.where.push(w)
      }
      devices.set(key, d)
    }
    const bands = await this.topBands([id])
    return { ...toAction(r, today, bands.get(id) ?? null), devices: [...devices.values()] }
  }

  private checkVersion(r: ActionTable, version: number) {
    if (r.version !== version)
      throw MamoriError.of('ACTION_VERSION_CONFLICT', { seen: version, current: r.version }, [
        {
          where: 'version',
          message: `expected ${r.version}, got ${version}`,
          messageJa: `現在の版は ${r.version}、送られた版は ${version}`,
        },
      ])
  }

  async change(id: string, version: number, set: ActionChange, actor: Actor, now: Date): Promise<Action> {
    const at = now.toISOString()
    const out = await this.db.transaction().execute(async (trx) => {
      const r = await this.row(trx, id)
      this.checkVersion(r, version)
      const next: Partial<ActionTable> = {}
      if (set.owner !== undefined) next.owner = set.owner
      if (set.dueOn !== undefined) {
        next.dueOn = set.dueOn
        next.dueSetByPerson = 1
      }
      if (set.status !== undefined && set.status !== r.status) {
        if (r.status === 'accepted')
          throw MamoriError.of(
            'ACTION_INVALID',
            {
              why: {
                en: 'the risk of this action is accepted; withdraw the acceptance first (DELETE /api/actions/:id/accept).',
                ja: 'この対策はリスク受容中です。先に受容を取り消してください（DELETE /api/actions/:id/accept）。',
              },
            },
            [{ where: 'status', message: `cannot change "accepted" to "${set.status}"` }],
          )
        next.status = set.status
        // A person's "done" has no evidence yet; the next sync adds it once a re-scan no longer sees the problem.
        next.closedAt = set.status === 'done' ? at : null
        next.closedEvidence = null
      }
      await trx
        .updateTable('actions')
        .set((eb) => ({ ...next, updatedAt: at, version: eb('version', '+', 1) }))
        .where('id', '=', id)
        .execute()
      const after = await this.row(trx, id)
      await recordAudit(trx, actor, {
        action: 'action.update',
        targetType: 'action',
        targetId: id,
        before: { owner: r.owner, dueOn: r.dueOn, status: r.status },
        after: { owner: after.owner, dueOn: after.dueOn, status: after.status },
      })
      return toAction(after, at.slice(0, 10), null)
    })
    return this.withBand(out)
  }

  async accept(id: string, acceptance: Acceptance, actor: Actor, now: Date): Promise<Action> {
    const at = now.toISOString()
    const out = await this.db.transaction().execute(async (trx) => {
      const r = await this.row(trx, id)
      if (r.status === 'done')
        throw MamoriError.of(
          'ACTION_INVALID',
          {
            why: {
              en: 'this action is done; there is no open risk left to accept.',
              ja: 'この対策は完了しています。受容するリスクは残っていません。',
            },
          },
          [{ where: 'status', message: 'done' }],
        )
      const findings = await trx
        .selectFrom('actionFindings')
        .innerJoin('findings', 'findings.id', 'actionFindings.findingId')
        .select(['findings.id', 'findings.status', 'findings.statusReason'])
        .where('actionFindings.actionId', '=', id)
        .where('findings.status', 'in', r.status === 'accepted' ? ['open', 'accepted'] : ['open'])
        .execute()
      const audit: AuditRecord[] = []
      for (const part of chunks(findings.map((f) => f.id)))
        await trx
          .updateTable('findings')
          .set({ status: 'accepted', statusReason: acceptance.reason, statusExpiresAt: acceptance.expiresOn })
          .where('id', 'in', part)
          .execute()
      // The same audit entry as a person's decision on one finding (FindingReviewService → finding.update).
      for (const f of findings)
        audit.push({
          action: 'finding.update',
          targetType: 'finding',
          targetId: f.id,
          before: { status: f.status, reason: f.statusReason },
          after: { status: 'accepted', reason: acceptance.reason, expiresAt: acceptance.expiresOn, action: id },
        })
      const fields: ActionFields = {
        ...fieldsOf(r),
        status: 'accepted',
        acceptance,
        closedAt: null,
        closedEvidence: null,
      }
      await trx
        .updateTable('actions')
        .set((eb) => ({ ...columnsOf(fields), updatedAt: at, version: eb('version', '+', 1) }))
        .where('id', '=', id)
        .execute()
      audit.unshift({
        action: 'action.accept',
        targetType: 'action',
        targetId: id,
        before: auditView({ ...fieldsOf(r), owner: r.owner }),
        after: { ...auditView({ ...fields, owner: r.owner }), findings: findings.length },
      })
      await recordAudit(trx, actor, audit)
      return toAction(await this.row(trx, id), at.slice(0, 10), null)
    })
    return this.withBand(out)
  }

  async withdraw(id: string, actor: Actor, now: Date): Promise<Action> {
    const at = now.toISOString()
    const out = await this.db.transaction().execute(async (trx) => {
      const r = await this.row(trx, id)
      const acceptance = acceptanceOf(r)
      if (r.status !== 'accepted' || !acceptance)
        throw MamoriError.of(
          'ACTION_INVALID',
          {
            why: {
              en: 'the risk of this action is not accepted, so there is nothing to withdraw.',
              ja: 'この対策はリスク受容されていないため、取り消すものはありません。',
            },
          },
          [{ where: 'status', message: r.status }],
        )
      const accepted = await trx
        .selectFrom('actionFindings')
        .innerJoin('findings', 'findings.id', 'actionFindings.findingId')
        .select('findings.id')
        .where('actionFindings.actionId', '=', id)
        .where('findings.status', '=', 'accepted')
        .where('findings.statusReason', '=', acceptance.reason)
        .execute()
      const audit: AuditRecord[] = []
      await this.reopenFindings(
        trx,
        accepted.map((f) => f.id),
        audit,
      )
      const fields: ActionFields = { ...fieldsOf(r), status: 'open', acceptance: null }
      await trx
        .updateTable('actions')
        .set((eb) => ({ ...columnsOf(fields), updatedAt: at, version: eb('version', '+', 1) }))
        .where('id', '=', id)
        .execute()
      audit.unshift({
        action: 'action.accept.withdraw',
        targetType: 'action',
        targetId: id,
        before: auditView({ ...fieldsOf(r), owner: r.owner }),
        after: { ...auditView({ ...fields, owner: r.owner }), findings: accepted.length },
      })
      await recordAudit(trx, actor, audit)
      return toAction(await this.row(trx, id), at.slice(0, 10), null)
    })
    return this.withBand(out)
  }

  private async slaIn(db: Db): Promise<SlaPolicy> {
    const r = await db.selectFrom('actionSla').selectAll().where('id', '=', 1).executeTakeFirst()
    if (!r) return { ...DEFAULT_SLA }
    return {
      critical: r.critical,
      high: r.high,
      medium: r.medium,
      low: r.low,
      info: r.info,
      knownExploited: r.knownExploited,
    }
  }

  getSla(): Promise<SlaPolicy> {
    return this.slaIn(this.db)
  }

  async putSla(sla: SlaPolicy, actor: Actor, now: Date): Promise<SlaPolicy> {
    const at = now.toISOString()
    return this.db.transaction().execute(async (trx) => {
      const before = await this.slaIn(trx)
      const row = { ...sla, updatedAt: at, updatedBy: actor.name }
      await trx
        .insertInto('actionSla')
        .values({ id: 1, ...row })
        .onConflict((oc) => oc.column('id').doUpdateSet(row))
        .execute()
      // Open actions whose due date no person set follow the new policy.
      const open = await trx
        .selectFrom('actions')
        .select(['id', 'createdAt', 'severity', 'knownExploited', 'dueOn'])
        .where('status', 'in', LIVE)
        .where('dueSetByPerson', '=', 0)
        .execute()
      let moved = 0
      for (const a of open) {
        const due = slaDue(sla, a.createdAt, isSeverity(a.severity) ? a.severity : 'info', a.knownExploited === 1)
        if (due === a.dueOn) continue
        moved++
        await trx
          .updateTable('actions')
          .set((eb) => ({ dueOn: due, updatedAt: at, version: eb('version', '+', 1) }))
          .where('id', '=', a.id)
          .execute()
      }
      await recordAudit(trx, actor, {
        action: 'action.sla',
        targetType: 'settings',
        targetId: 'action-sla',
        before,
        after: { ...sla, dueDatesMoved: moved },
      })
      return { ...sla }
    })
  }
}

/** The actions module's repositories, spread into `storagePorts`. */
export function actionsStoragePorts(db: Kysely<Database>): ActionPorts {
  return { actionStore: new ActionRepository(db) }
}
