/**
 * The continuity plans over a real database, on both databases (ADR 0043): the default playbook written once on the
 * first read (deleting every task does not bring it back), task changes audited, a task without owner named in a
 * warning; the contact template, arrows checked (unknown ids and self-arrows refused naming them, a cycle allowed),
 * warnings for a missing police/MHLW contact and missing phones; exercises with a real date; the downtime cards PDF
 * read back as a reader sees it (isolation step, the "no plan" notice, one page per card, the service card) and
 * audited as an export.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PLAYBOOK_PHASES } from '../../api/bcp.js'
import type { Actor } from '../../src/core/actor.js'
import { MamoriError } from '../../src/core/errors.js'
import { BcpPlansService } from '../../src/services/bcp-plans/index.js'
import { AuditRepository } from '../../src/storage/audit-repository.js'
import { DatabaseBackupStore } from '../../src/storage/backup-store.js'
import { bcpPlansStoragePorts } from '../../src/storage/bcp-plans-repository.js'
import type { Storage } from '../../src/storage/database.js'
import { pdfText } from '../documents/read-back.js'
import { DIALECTS } from '../helpers/databases.js'
import { fakeContinuity, fakePlan, fakeService } from './fake-continuity.js'

const alice: Actor = { id: null, name: 'alice' }
const clock = { now: () => new Date('2026-12-01T09:00:00Z') }

const ehr = fakeService({
  id: 'svc-ehr',
  name: '電子カルテ',
  nameEn: 'Electronic records',
  owner: '医療情報部長',
  decider: '当直医長',
  maxDowntimeMinutes: 240,
  fallbackJa: '紙カルテと紙オーダーに切り替える',
  fallbackEn: 'Switch to paper charts and paper orders',
  dependencies: [
    {
      target: { kind: 'device', id: 'dev-ehr' },
      strength: 'hard',
      note: '',
      label: 'EHR-SV01 電子カルテサーバ',
      broken: false,
    },
  ],
})
const planned = fakePlan({
  deviceId: 'dev-mon',
  saved: true,
  isolationJa: 'LAN ケーブルを抜く。電源は切らない。',
  isolationEn: 'Unplug the LAN cable. Keep the power on.',
  recoveryStepsJa: ['セントラルモニタに再接続する', '時刻を確認する'],
  validationJa: ['アラームが鳴ることを確認する'],
  manufacturerContact24h: '0120-000-202',
  device: {
    assetTag: 'MON-01',
    name: 'ベッドサイドモニタ',
    model: 'BSM-1',
    department: 'ICU',
    location: 'ICU 3F ベッド1',
    lifeCritical: true,
  },
  services: [{ id: 'svc-ehr', name: '電子カルテ' }],
  updatedAt: '2026-11-20T00:00:00.000Z',
  updatedBy: 'hamada',
})
const unplanned = fakePlan({
  deviceId: 'dev-ehr',
  saved: false,
  device: {
    assetTag: 'EHR-SV01',
    name: '電子カルテサーバ',
    model: null,
    department: '医療情報部',
    location: 'サーバ室',
    lifeCritical: false,
  },
})

describe.each(DIALECTS)('continuity plans on $name', (dialect) => {
  let storage: Storage
  let service: BcpPlansService
  let audit: AuditRepository

  beforeAll(async () => {
    storage = await dialect.open()
    audit = new AuditRepository(storage.db)
    service = new BcpPlansService(
      bcpPlansStoragePorts(storage.db).bcpPlansStore,
      { hospitalName: async () => 'みなと総合病院' },
      { clock, audit },
      fakeContinuity([ehr], [planned, unplanned]),
    )
  })
  afterAll(async () => storage.close())

  const actions = async (prefix: string) =>
    (await audit.list({ limit: 500, offset: 0 })).items.filter((e) => e.action.startsWith(prefix)).map((e) => e.action)

  it('writes the default playbook once, in five phases, every task with an owner', async () => {
    const pb = await service.playbook()
    expect(pb.phases.map((p) => p.phase)).toEqual([...PLAYBOOK_PHASES])
    for (const p of pb.phases) expect(p.tasks.length).toBeGreaterThanOrEqual(5)
    expect(pb.warnings).toEqual([])
    const again = await service.playbook()
    expect(again.phases.flatMap((p) => p.tasks.map((t) => t.id))).toEqual(
      pb.phases.flatMap((p) => p.tasks.map((t) => t.id)),
    )
    expect(await actions('bcp.playbook.seed')).toHaveLength(1)
  })

  it('changes, adds and removes tasks with audit entries; a task without owner is named', async () => {
    const pb = await service.playbook()
    const first = pb.phases[1]!.tasks[0]!
    const changed = await service.updateTask(first.id, { ...first, owner: null }, alice)
    expect(changed.owner).toBeNull()
    const after = await service.playbook()
    expect(after.warnings).toHaveLength(1)
    expect(after.warnings[0]!.code).toBe('no_owner')
    expect(after.warnings[0]!.messageJa).toContain(first.titleJa)
    const added = await service.createTask(
      { phase: 'recovery', titleJa: '院内向けに復旧を知らせる', owner: '広報' },
      alice,
    )
    expect(added.titleEn).toBe('')
    await service.deleteTask(added.id, alice)
    expect(await actions('bcp.playbook_task.')).toEqual(
      expect.arrayContaining(['bcp.playbook_task.update', 'bcp.playbook_task.create', 'bcp.playbook_task.delete']),
    )
    await expect(service.deleteTask(added.id, alice)).rejects.toMatchObject({ code: 'NOT_FOUND' })
    await expect(service.createTask({ phase: 'someday', titleJa: 'x' }, alice)).rejects.toMatchObject({
      code: 'BCP_INVALID',
      details: [expect.objectContaining({ where: 'phase' })],
    })
  })

  it('does not bring the defaults back after every task was deleted', async () => {
    for (const p of (await service.playbook()).phases) for (const t of p.tasks) await service.deleteTask(t.id, alice)
    const empty = await service.playbook()
    expect(empty.phases.flatMap((p) => p.tasks)).toEqual([])
  })

  it('starts the contact chain from the template of roles, phones empty, with warnings', async () => {
    const chain = await service.contacts()
    const names = chain.items.map((c) => c.name)
    for (const n of ['院長', '医療情報システム安全管理責任者', '臨床工学技士', '厚生労働省', '所轄警察署', '都道府県'])
      expect(names).toContain(n)
    expect(chain.items.every((c) => c.phone === '')).toBe(true)
    // No arrow leads to an unknown contact, and the warnings name each contact without a phone.
    const ids = new Set(chain.items.map((c) => c.id))
    expect(chain.items.flatMap((c) => c.notifies).every((n) => ids.has(n))).toBe(true)
    expect(chain.warnings.filter((w) => w.messageJa.includes('電話番号'))).toHaveLength(chain.items.length)
    expect(chain.warnings.some((w) => w.messageEn.includes('police'))).toBe(false)
  })

  it('refuses arrows to unknown contacts and to itself, allows a cycle, warns when the police is missing', async () => {
    const chain = await service.contacts()
    const police = chain.items.find((c) => c.kind === 'police')!
    const director = chain.items.find((c) => c.name === '院長')!
    const err = await service
      .updateContact(director.id, { ...director, notifies: ['nobody-1', police.id, 'nobody-2'] }, alice)
      .catch((e: unknown) => e)
    expect(err).toBeInstanceOf(MamoriError)
    expect((err as MamoriError).code).toBe('BCP_INVALID')
    expect((err as MamoriError).message).toContain('nobody-1')
    expect((err as MamoriError).details?.map((d) => d.message)).toEqual([
      '"nobody-1" is not a contact',
      '"nobody-2" is not a contact',
    ])
    await expect(
      service.updateContact(director.id, { ...director, notifies: [director.id] }, alice),
    ).rejects.toMatchObject({ code: 'BCP_INVALID' })
    // A cycle: the police calls the director back.
    await service.updateContact(police.id, { ...police, phone: '03-0000-0110', notifies: [director.id] }, alice)
    const svg = await service.contactChart('ja')
    expect(svg).toContain('03-0000-0110')
    await service.deleteContact(police.id, alice)
    const after = await service.contacts()
    expect(after.items.flatMap((c) => c.notifies)).not.toContain(police.id)
    expect(after.warnings.map((w) => w.messageJa)).toContain('連絡体制図に警察の連絡先がありません。')
    expect(await actions('bcp.contact.')).toEqual(expect.arrayContaining(['bcp.contact.update', 'bcp.contact.delete']))
  })

  it('records exercises newest first and refuses a date that does not exist or is in the future', async () => {
    const a = await service.createExercise({ heldOn: '2026-03-10', scenario: '夜間の電子カルテ停止' }, alice)
    const b = await service.createExercise(
      { heldOn: '2026-10-05', scenario: 'ランサムウェア', kind: 'tabletop' },
      alice,
    )
    expect((await service.exercises()).items.map((e) => e.id)).toEqual([b.id, a.id])
    expect(b.createdBy).toBe('alice')
    await expect(service.createExercise({ heldOn: '2026-02-30', scenario: 'x' }, alice)).rejects.toMatchObject({
      code: 'BCP_INVALID',
      details: [expect.objectContaining({ where: 'heldOn' })],
    })
    await expect(service.createExercise({ heldOn: '2027-01-01', scenario: 'x' }, alice)).rejects.toMatchObject({
      code: 'BCP_INVALID',
    })
    const c = await service.updateExercise(a.id, { ...a, lessons: '連絡に 40 分' }, alice)
    expect(c.lessons).toBe('連絡に 40 分')
    await service.deleteExercise(b.id, alice)
    expect((await service.exercises()).items.map((e) => e.id)).toEqual([a.id])
  })

  it('prints one card per page: a summary, the service, a planned device and one without a plan that says so', async () => {
    const file = await service.cards({ lang: 'ja' }, alice)
    expect(file).toMatchObject({ services: 1, devices: 2, devicesWithoutPlan: 1 })
    expect(file.body.subarray(0, 5).toString()).toBe('%PDF-')
    const { pages, totalPages } = await pdfText(file.body)
    expect(totalPages).toBe(4)
    const flat = pages.map((p) => p.replace(/\s+/g, ''))
    expect(flat[0]).toContain('停止時手順カード')
    expect(flat[0]).toContain('既定の手順を印刷しています')
    // The contact chain as a table on the first page (the picture is on the web page and in --chart).
    expect(flat[0]).toContain('連絡体制')
    expect(flat[0]).toContain('医療情報システム安全管理責任者')
    expect(flat[1]).toContain('電子カルテ')
    expect(flat[1]).toContain('4時間')
    expect(flat[1]).toContain('紙カルテと紙オーダーに切り替える')
    expect(flat[1]).toContain('当直医長')
    expect(flat[2]).toContain('ベッドサイドモニタ')
    expect(flat[2]).toContain('LANケーブルを抜く。電源は切らない。')
    expect(flat[2]).toContain('0120-000-202')
    expect(flat[2]).toContain('セントラルモニタに再接続する')
    expect(flat[2]).toContain('□アラームが鳴ることを確認する')
    expect(flat[2]).not.toContain('まだ作成されていません')
    expect(flat[3]).toContain('電子カルテサーバ')
    expect(flat[3]).toContain('この機器の停止時手順はまだ作成されていません')
    expect(flat[3]).toContain('LANケーブルを抜く。電源は切らない。')
    const exports = (await audit.list({ limit: 500, offset: 0 })).items.filter((e) => e.action === 'report.export')
    expect(exports).toHaveLength(1)
    expect(exports[0]!.targetId).toBe('downtime-cards')
  })

  it('prints only what a filter names, in English too; an unknown service is refused naming it', async () => {
    const en = await service.cards({ lang: 'en', devices: 'EHR-SV01' }, alice)
    expect(en).toMatchObject({ services: 0, devices: 1 })
    // Large type wraps where it likes: compare words, not line breaks.
    const text = (await pdfText(en.body)).pages.join(' ').replace(/\s+/g, ' ')
    expect(text).toContain('No downtime procedure has been written for this device yet')
    await expect(service.cards({ lang: 'ja', services: 'svc-ehr,svc-nope' }, alice)).rejects.toMatchObject({
      code: 'BCP_INVALID',
      message: expect.stringContaining('svc-nope'),
    })
  })

  it('comes back whole from a backup: tasks, contacts with their arrows, exercises, the seeding state', async () => {
    const before = {
      tasks: await service.playbook(),
      chain: await service.contacts(),
      exercises: await service.exercises(),
    }
    expect(before.chain.items.flatMap((c) => c.notifies).length).toBeGreaterThan(0)
    const backup = new DatabaseBackupStore(storage.db)
    const saved: Record<string, unknown[]> = {}
    await backup.snapshot(async (page) => {
      for (const t of backup.tables) saved[t] = await page(t, 0, 100_000)
    })
    await service.clear(alice)
    expect((await service.exercises()).items).toEqual([])
    await backup.replaceAll(async (insert) => {
      for (const t of backup.tables) await insert(t, saved[t] as never)
    })
    expect(await service.playbook()).toEqual(before.tasks)
    expect(await service.contacts()).toEqual(before.chain)
    expect(await service.exercises()).toEqual(before.exercises)
  })
})
