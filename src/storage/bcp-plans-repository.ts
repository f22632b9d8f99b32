import { randomUUID } from 'node:crypto'
import type { Kysely, Transaction } from 'kysely'
import type { Contact, Exercise, PlaybookTask } from '../../api/bcp.js'
import type {
  BcpPlansPorts,
  BcpPlansStore,
  ContactFields,
  ExerciseFields,
  TaskFields,
} from '../core/bcp-plans/store.js'
import { MamoriError, notFound } from '../core/errors.js'
import type { Actor } from '../core/ports.js'
import { recordAudit } from './audit-repository.js'
import type { Database } from './schema.js'
import type { BcpContactTable, BcpExerciseTable, BcpPlaybookTaskTable } from './schema-bcp-plans.js'

type Db = Kysely<Database> | Transaction<Database>

const PHASE_RANK: Record<string, number> = {
  peacetime: 0,
  detection: 1,
  initial_response: 2,
  recovery: 3,
  post_incident: 4,
}

function ids(json: string): string[] {
  try {
    const v: unknown = JSON.parse(json)
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []
  } catch {
    return []
  }
}

const toTask = (r: BcpPlaybookTaskTable): PlaybookTask => ({
  id: r.id,
  phase: r.phase as PlaybookTask['phase'],
  titleJa: r.titleJa,
  titleEn: r.titleEn,
  detailJa: r.detailJa,
  detailEn: r.detailEn,
  owner: r.owner,
  serviceIds: ids(r.serviceIds),
  order: r.sortOrder,
  source: r.source,
  updatedAt: r.updatedAt,
})

const taskRow = (t: TaskFields, at: string) => ({
  phase: t.phase,
  titleJa: t.titleJa,
  titleEn: t.titleEn,
  detailJa: t.detailJa,
  detailEn: t.detailEn,
  owner: t.owner,
  serviceIds: JSON.stringify(t.serviceIds),
  sortOrder: t.order,
  source: t.source,
  updatedAt: at,
})

const toContact = (r: BcpContactTable, notifies: string[]): Contact => ({
  id: r.id,
  name: r.name,
  role: r.role,
  organisation: r.organisation,
  kind: r.kind as Contact['kind'],
  phone: r.phone,
  email: r.email,
  availability: r.availability,
  notifies,
  order: r.sortOrder,
  updatedAt: r.updatedAt,
})

const contactRow = (c: Omit<ContactFields, 'notifies'>, at: string) => ({
  name: c.name,
  role: c.role,
  organisation: c.organisation,
  kind: c.kind,
  phone: c.phone,
  email: c.email,
  availability: c.availability,
  sortOrder: c.order,
  updatedAt: at,
})

const toExercise = (r: BcpExerciseTable): Exercise => ({
  id: r.id,
  heldOn: r.heldOn,
  scenario: r.scenario,
  kind: r.kind as Exercise['kind'],
  participants: r.participants,
  serviceIds: ids(r.serviceIds),
  lessons: r.lessons,
  followUps: r.followUps,
  createdBy: r.createdBy,
  updatedAt: r.updatedAt,
})

const exerciseRow = (e: ExerciseFields, at: string) => ({
  heldOn: e.heldOn,
  scenario: e.scenario,
  kind: e.kind,
  participants: e.participants,
  serviceIds: JSON.stringify(e.serviceIds),
  lessons: e.lessons,
  followUps: e.followUps,
  updatedAt: at,
})

/** What the audit log keeps of a contact (no e-mail bodies; phone numbers are the point of the chart). */
const contactAudit = (c: ContactFields) => ({
  name: c.name,
  role: c.role,
  kind: c.kind,
  phone: c.phone,
  notifies: c.notifies,
})
const taskAudit = (t: TaskFields) => ({ phase: t.phase, titleJa: t.titleJa, owner: t.owner, order: t.order })
const exerciseAudit = (e: ExerciseFields) => ({ heldOn: e.heldOn, scenario: e.scenario, kind: e.kind })

/** The playbook, the contact chain and exercise records (ADR 0043); each change one transaction with its audit. */
export class BcpPlansRepository implements BcpPlansStore {
  constructor(private readonly db: Kysely<Database>) {}

  private async state(trx: Db) {
    await trx
      .insertInto('bcpPlanState')
      .values({ id: 1, playbookSeededAt: null, contactsSeededAt: null })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute()
    return trx.selectFrom('bcpPlanState').selectAll().where('id', '=', 1).executeTakeFirstOrThrow()
  }

  async seedPlaybook(tasks: readonly TaskFields[], actor: Actor, now: Date): Promise<boolean> {
    const at = now.toISOString()
    return this.db.transaction().execute(async (trx) => {
      const s = await this.state(trx)
      if (s.playbookSeededAt !== null) return false
      // A second process seeding at the same moment: the conditional update lets one of them win.
      const won = await trx
        .updateTable('bcpPlanState')
        .set({ playbookSeededAt: at })
        .where('id', '=', 1)
        .where('playbookSeededAt', 'is', null)
        .executeTakeFirst()
      if (Number(won.numUpdatedRows) === 0) return false
      const rows = tasks.map((t) => ({ id: randomUUID(), ...taskRow(t, at) }))
      for (let i = 0; i < rows.length; i += 200)
        await trx
          .insertInto('bcpPlaybookTasks')
          .values(rows.slice(i, i + 200))
          .execute()
      await recordAudit(trx, actor, {
        action: 'bcp.playbook.seed',
        targetType: 'bcp_playbook',
        after: { tasks: rows.length },
      })
      return true
    })
  }

  async tasks(): Promise<PlaybookTask[]> {
    const rows = await this.db.selectFrom('bcpPlaybookTasks').selectAll().orderBy('sortOrder').orderBy('id').execute()
    return rows.map(toTask).sort((a, b) => (PHASE_RANK[a.phase] ?? 9) - (PHASE_RANK[b.phase] ?? 9) || a.order - b.order)
  }

  private async taskRow(trx: Db, id: string) {
    const r = await trx.selectFrom('bcpPlaybookTasks').selectAll().where('id', '=', id).executeTakeFirst()
    if (!r) throw notFound('playbook task', id, '行動計画の項目')
    return r
  }

  async createTask(t: TaskFields, actor: Actor, now: Date): Promise<PlaybookTask> {
    const at = now.toISOString()
    return this.db.transaction().execute(async (trx) => {
      // A task written by hand also ends the template stage: the defaults are never added later on top of it.
      await this.state(trx)
      await trx
        .updateTable('bcpPlanState')
        .set({ playbookSeededAt: at })
        .where('playbookSeededAt', 'is', null)
        .execute()
      const id = randomUUID()
      await trx
        .insertInto('bcpPlaybookTasks')
        .values({ id, ...taskRow(t, at) })
        .execute()
      await recordAudit(trx, actor, {
        action: 'bcp.playbook_task.create',
        targetType: 'bcp_playbook_task',
        targetId: id,
        after: taskAudit(t),
      })
      return toTask(await this.taskRow(trx, id))
    })
  }

  async updateTask(id: string, t: TaskFields, actor: Actor, now: Date): Promise<PlaybookTask> {
    const at = now.toISOString()
    return this.db.transaction().execute(async (trx) => {
      const before = toTask(await this.taskRow(trx, id))
      await trx.updateTable('bcpPlaybookTasks').set(taskRow(t, at)).where('id', '=', id).execute()
      await recordAudit(trx, actor, {
        action: 'bcp.playbook_task.update',
        targetType: 'bcp_playbook_task',
        targetId: id,
        before: taskAudit(before),
        after: taskAudit(t),
      })
      return toTask(await this.taskRow(trx, id))
    })
  }

  async deleteTask(id: string, actor: Actor): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const before = toTask(await this.taskRow(trx, id))
      await trx.deleteFrom('bcpPlaybookTasks').where('id', '=', id).execute()
      await recordAudit(trx, actor, {
        action: 'bcp.playbook_task.delete',
        targetType: 'bcp_playbook_task',
        targetId: id,
        before: taskAudit(before),
      })
    })
  }

  async seedContacts(
    contacts: readonly (Omit<ContactFields, 'notifies'> & { notifies: number[] })[],
    actor: Actor,
    now: Date,
  ): Promise<boolean> {
    const at = now.toISOString()
    return this.db.transaction().execute(async (trx) => {
      const s = await this.state(trx)
      if (s.contactsSeededAt !== null) return false
      const won = await trx
        .updateTable('bcpPlanState')
        .set({ contactsSeededAt: at })
        .where('id', '=', 1)
        .where('contactsSeededAt', 'is', null)
        .executeTakeFirst()
      if (Number(won.numUpdatedRows) === 0) return false
      const newIds = contacts.map(() => randomUUID())
      if (contacts.length > 0)
        await trx
          .insertInto('bcpContacts')
          .values(contacts.map((c, i) => ({ id: newIds[i]!, ...contactRow(c, at) })))
          .execute()
      const edges = contacts.flatMap((c, i) =>
        [...new Set(c.notifies)]
          .filter((j) => j !== i && newIds[j] !== undefined)
          .map((j) => ({ fromId: newIds[i]!, toId: newIds[j]! })),
      )
      if (edges.length > 0) await trx.insertInto('bcpContactEdges').values(edges).execute()
      await recordAudit(trx, actor, {
        action: 'bcp.contacts.seed',
        targetType: 'bcp_contacts',
        after: { contacts: contacts.length, arrows: edges.length },
      })
      return true
    })
  }

  async contacts(): Promise<Contact[]> {
    const rows = await this.db.selectFrom('bcpContacts').selectAll().orderBy('sortOrder').orderBy('name').execute()
    const edges = await this.db.selectFrom('bcpContactEdges').selectAll().execute()
    const out = new Map<string, string[]>()
    for (const e of edges) out.set(e.fromId, [...(out.get(e.fromId) ?? []), e.toId])
    const rank = new Map(rows.map((r, i) => [r.id, i]))
    return rows.map((r) =>
      toContact(
        r,
        (out.get(r.id) ?? []).sort((a, b) => (rank.get(a) ?? 0) - (rank.get(b) ?? 0)),
      ),
    )
  }

  private async contactOf(trx: Db, id: string): Promise<Contact> {
    const r = await trx.selectFrom('bcpContacts').selectAll().where('id', '=', id).executeTakeFirst()
    if (!r) throw notFound('contact', id, '連絡先')
    const edges = await trx.selectFrom('bcpContactEdges').select('toId').where('fromId', '=', id).execute()
    return toContact(
      r,
      edges.map((e) => e.toId),
    )
  }

  /** Refuses a self-arrow and arrows to contacts that do not exist, naming them. */
  private async checkNotifies(trx: Db, self: string, notifies: readonly string[]): Promise<string[]> {
    const wanted = [...new Set(notifies)]
    if (wanted.includes(self))
      throw MamoriError.of(
        'BCP_INVALID',
        {
          why: {
            en: 'a contact cannot notify itself (notifies lists its own id).',
            ja: '連絡先が自分自身に連絡することはできません（notifies に自分の ID があります）。',
          },
        },
        [{ where: 'notifies', message: `"${self}" is this contact`, messageJa: `「${self}」はこの連絡先自身です` }],
      )
    if (wanted.length === 0) return []
    const found = new Set(
      (await trx.selectFrom('bcpContacts').select('id').where('id', 'in', wanted).execute()).map((r) => r.id),
    )
    const unknown = wanted.filter((w) => !found.has(w))
    if (unknown.length > 0)
      throw MamoriError.of(
        'BCP_INVALID',
        {
          why: {
            en: `notifies names contacts that do not exist: ${unknown.join(', ')}.`,
            ja: `notifies に存在しない連絡先があります: ${unknown.join(', ')}。`,
          },
        },
        unknown.map((u) => ({
          where: 'notifies',
          message: `"${u}" is not a contact`,
          messageJa: `「${u}」は連絡先ではありません`,
        })),
      )
    return wanted
  }

  private async writeEdges(trx: Db, id: string, to: readonly string[]) {
    await trx.deleteFrom('bcpContactEdges').where('fromId', '=', id).execute()
    if (to.length > 0)
      await trx
        .insertInto('bcpContactEdges')
        .values(to.map((t) => ({ fromId: id, toId: t })))
        .execute()
  }

  async createContact(c: ContactFields, actor: Actor, now: Date): Promise<Contact> {
    const at = now.toISOString()
    return this.db.transaction().execute(async (trx) => {
      await this.state(trx)
      await trx
        .updateTable('bcpPlanState')
        .set({ contactsSeededAt: at })
        .where('contactsSeededAt', 'is', null)
        .execute()
      const id = randomUUID()
      const to = await this.checkNotifies(trx, id, c.notifies)
      await trx
        .insertInto('bcpContacts')
        .values({ id, ...contactRow(c, at) })
        .execute()
      await this.writeEdges(trx, id, to)
      await recordAudit(trx, actor, {
        action: 'bcp.contact.create',
        targetType: 'bcp_contact',
        targetId: id,
        after: contactAudit(c),
      })
      return this.contactOf(trx, id)
    })
  }

  async updateContact(id: string, c: ContactFields, actor: Actor, now: Date): Promise<Contact> {
    const at = now.toISOString()
    return this.db.transaction().execute(async (trx) => {
      const before = await this.contactOf(trx, id)
      const to = await this.checkNotifies(trx, id, c.notifies)
      await trx.updateTable('bcpContacts').set(contactRow(c, at)).where('id', '=', id).execute()
      await this.writeEdges(trx, id, to)
      await recordAudit(trx, actor, {
        action: 'bcp.contact.update',
        targetType: 'bcp_contact',
        targetId: id,
        before: contactAudit(before),
        after: contactAudit(c),
      })
      return this.contactOf(trx, id)
    })
  }

  async deleteContact(id: string, actor: Actor): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const before = await this.contactOf(trx, id)
      // Arrows to and from it go with it (foreign keys cascade; deleted explicitly for SQLite without FK pragmas).
      await trx
        .deleteFrom('bcpContactEdges')
        .where((eb) => eb.or([eb('fromId', '=', id), eb('toId', '=', id)]))
        .execute()
      await trx.deleteFrom('bcpContacts').where('id', '=', id).execute()
      await recordAudit(trx, actor, {
        action: 'bcp.contact.delete',
        targetType: 'bcp_contact',
        targetId: id,
        before: contactAudit(before),
      })
    })
  }

  async exercises(): Promise<Exercise[]> {
    const rows = await this.db
      .selectFrom('bcpExercises')
      .selectAll()
      .orderBy('heldOn', 'desc')
      .orderBy('updatedAt', 'desc')
      .execute()
    return rows.map(toExercise)
  }

  private async exerciseOf(trx: Db, id: string): Promise<Exercise> {
    const r = await trx.selectFrom('bcpExercises').selectAll().where('id', '=', id).executeTakeFirst()
    if (!r) throw notFound('exercise', id, '訓練記録')
    return toExercise(r)
  }

  async createExercise(e: ExerciseFields, actor: Actor, now: Date): Promise<Exercise> {
    const at = now.toISOString()
    return this.db.transaction().execute(async (trx) => {
      const id = randomUUID()
      await trx
        .insertInto('bcpExercises')
        .values({ id, ...exerciseRow(e, at), createdBy: actor.name })
        .execute()
      await recordAudit(trx, actor, {
        action: 'bcp.exercise.create',
        targetType: 'bcp_exercise',
        targetId: id,
        after: exerciseAudit(e),
      })
      return this.exerciseOf(trx, id)
    })
  }

  async updateExercise(id: string, e: ExerciseFields, actor: Actor, now: Date): Promise<Exercise> {
    const at = now.toISOString()
    return this.db.transaction().execute(async (trx) => {
      const before = await this.exerciseOf(trx, id)
      await trx.updateTable('bcpExercises').set(exerciseRow(e, at)).where('id', '=', id).execute()
      await recordAudit(trx, actor, {
        action: 'bcp.exercise.update',
        targetType: 'bcp_exercise',
        targetId: id,
        before: exerciseAudit(before),
        after: exerciseAudit(e),
      })
      return this.exerciseOf(trx, id)
    })
  }

  async deleteExercise(id: string, actor: Actor): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const before = await this.exerciseOf(trx, id)
      await trx.deleteFrom('bcpExercises').where('id', '=', id).execute()
      await recordAudit(trx, actor, {
        action: 'bcp.exercise.delete',
        targetType: 'bcp_exercise',
        targetId: id,
        before: exerciseAudit(before),
      })
    })
  }

  async clear(actor: Actor): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      for (const t of ['bcpExercises', 'bcpContactEdges', 'bcpContacts', 'bcpPlaybookTasks', 'bcpPlanState'] as const)
        await trx.deleteFrom(t).execute()
      await recordAudit(trx, actor, { action: 'bcp.plans.clear', targetType: 'bcp_plans' })
    })
  }
}

/** The continuity plans module's repositories over one database (issue 11; ADR 0043). */
export function bcpPlansStoragePorts(db: Kysely<Database>): BcpPlansPorts {
  return { bcpPlansStore: new BcpPlansRepository(db) }
}
