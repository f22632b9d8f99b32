/**
 * Checklist evidence 3-①/3-②/3-③ from the continuity plan (ADR 0043), on both databases: an empty plan suggests
 * "no" for the contact chart and the BCP; the default template (roles without phones) is "unknown" until phones are
 * filled; a chain without the police is "no" naming what is missing; a filled chain is "yes". The BCP's facts show
 * the playbook's phases and the last exercise date. The rules over services and device plans are checked on facts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Actor } from '../../src/core/actor.js'
import {
  type ContinuityFacts,
  type EvidenceFacts,
  evidenceFor,
  NO_CONTINUITY,
} from '../../src/core/checklist/evidence.js'
import { BcpPlansService } from '../../src/services/bcp-plans/index.js'
import { AuditRepository } from '../../src/storage/audit-repository.js'
import { bcpPlansStoragePorts } from '../../src/storage/bcp-plans-repository.js'
import { ChecklistRepository } from '../../src/storage/checklist-repository.js'
import type { Storage } from '../../src/storage/database.js'
import { DeviceRepository } from '../../src/storage/device-repository.js'
import { fakeContinuity } from '../bcp-plans/fake-continuity.js'
import { buildDevice } from '../factories.js'
import { DIALECTS } from '../helpers/databases.js'

const alice: Actor = { id: null, name: 'alice' }
const TODAY = '2026-12-01'

describe.each(DIALECTS)('checklist evidence from the continuity plan on $name', (dialect) => {
  let storage: Storage
  let repo: ChecklistRepository
  let plans: BcpPlansService
  const ev = async (id: string) => evidenceFor(id, await repo.evidenceFacts(TODAY))!

  beforeAll(async () => {
    storage = await dialect.open()
    repo = new ChecklistRepository(storage.db)
    plans = new BcpPlansService(
      bcpPlansStoragePorts(storage.db).bcpPlansStore,
      { hospitalName: async () => null },
      { clock: { now: () => new Date(`${TODAY}T09:00:00Z`) }, audit: new AuditRepository(storage.db) },
      fakeContinuity([], []),
    )
  })
  afterAll(async () => storage.close())

  it('suggests no for an empty plan', async () => {
    expect(await ev('3-①')).toMatchObject({ suggestion: 'no', summaryJa: '連絡体制図がまだ作成されていません。' })
    const bcp = await ev('3-③')
    expect(bcp.suggestion).toBe('no')
    expect(bcp.facts.find((f) => f.labelEn === 'Last exercise')!.value).toBe('—')
  })

  it('reads the template as unknown until phones are filled, then yes; without the police, no', async () => {
    const chain = await plans.contacts()
    const first = await ev('3-①')
    expect(first.suggestion).toBe('unknown')
    expect(first.summaryJa).toContain(`${chain.items.length} 件の連絡先に電話番号がありません`)
    for (const [i, c] of chain.items.entries())
      await plans.updateContact(c.id, { ...c, phone: `03-0000-${String(1000 + i)}` }, alice)
    const filled = await ev('3-①')
    expect(filled.suggestion).toBe('yes')
    expect(filled.facts.find((f) => f.labelEn === 'With a phone number')!.value).toBe(
      `${chain.items.length} / ${chain.items.length} (100%)`,
    )
    await plans.deleteContact(chain.items.find((c) => c.kind === 'police')!.id, alice)
    const noPolice = await ev('3-①')
    expect(noPolice.suggestion).toBe('no')
    expect(noPolice.summaryJa).toBe('連絡体制図に 警察 の連絡先がありません。')
  })

  it('shows the playbook phases and the last exercise for 3-③', async () => {
    await plans.playbook()
    await plans.createExercise({ heldOn: '2026-04-01', scenario: '机上訓練 A' }, alice)
    await plans.createExercise({ heldOn: '2026-09-15', scenario: '机上訓練 B' }, alice)
    const bcp = await ev('3-③')
    // The services of the plan are not readable from here yet: a person decides.
    expect(bcp.suggestion).toBe('unknown')
    expect(bcp.summaryJa).toContain('5 段階のうち 5 段階')
    expect(bcp.summaryJa).toContain('最後の訓練: 2026-09-15')
    expect(bcp.facts.find((f) => f.labelEn === 'Exercises recorded')!.value).toBe('2')
  })

  it('counts services and the device plans of the devices they depend on (bcp tables) for 3-② and 3-③', async () => {
    const empty = await ev('3-②')
    expect(empty.suggestion).toBe('unknown')
    expect(empty.summaryEn).toContain('No device is recorded')
    const [mon, cm, ct, old] = await new DeviceRepository(storage.db).createMany(
      [
        buildDevice({ assetTag: 'MON-1', networkSegment: 'ICU-NET' }),
        buildDevice({ assetTag: 'CM-1', networkSegment: 'OTHER' }),
        buildDevice({ assetTag: 'CT-1', networkSegment: 'RAD' }),
        buildDevice({ assetTag: 'OLD-1', networkSegment: 'RAD', status: 'decommissioned' }),
      ],
      alice,
    )
    const at = `${TODAY}T00:00:00.000Z`
    const svc = (id: string, complete: boolean) => ({
      id,
      name: id,
      nameEn: '',
      description: '',
      department: null,
      criticality: 'high',
      owner: null,
      decider: complete ? '当直医長' : null,
      maxDowntimeMinutes: 120,
      fallbackJa: '紙運用',
      fallbackEn: '',
      seedKey: null,
      version: 1,
      createdAt: at,
      updatedAt: at,
      updatedBy: null,
    })
    await storage.db
      .insertInto('bcpServices')
      .values([svc('icu', true), svc('rad', false)])
      .execute()
    const dep = (sourceKind: string, sourceId: string, targetKind: string, targetId: string) => ({
      sourceKind,
      sourceId,
      targetKind,
      targetId,
      strength: 'hard',
      note: '',
      sortOrder: 0,
    })
    await storage.db
      .insertInto('bcpDependencies')
      .values([
        dep('service', 'icu', 'segment', 'ICU-NET'), // MON-1 through its segment
        dep('device', mon!.id, 'device', cm!.id), // CM-1 one step through MON-1's own dependsOn
        dep('service', 'rad', 'device', ct!.id),
        dep('service', 'rad', 'device', old!.id), // decommissioned: not counted
      ])
      .execute()
    const plan = (deviceId: string, steps: string[], backup: string) => ({
      deviceId,
      isolationJa: '',
      isolationEn: '',
      recoveryStepsJa: JSON.stringify(steps),
      recoveryStepsEn: '[]',
      validationJa: '[]',
      validationEn: '[]',
      manufacturerContact24h: '',
      backupNote: backup,
      updatedAt: at,
      updatedBy: null,
    })
    await storage.db
      .insertInto('bcpDevicePlans')
      .values([plan(mon!.id, ['再接続'], 'NAS'), plan(cm!.id, ['再起動'], ''), plan(ct!.id, [], '')])
      .execute()
    const backups = await ev('3-②')
    expect(backups.suggestion).toBe('unknown')
    expect(backups.facts.map((f) => f.value)).toEqual(['3', '2 / 3 (67%)', '1 / 3 (33%)'])
    const bcp = await ev('3-③')
    expect(bcp.summaryJa).toContain('臨床サービス 2 件のうち、許容停止時間・代替手段・判断者がそろっているのは 1 件。')
    expect(bcp.suggestion).toBe('unknown')
    await storage.db.updateTable('bcpServices').set({ decider: '放射線科医長' }).execute()
    expect((await ev('3-③')).suggestion).toBe('yes')
  })
})

describe('3-② and 3-③ rules over services and device plans', () => {
  const base: ContinuityFacts = { ...NO_CONTINUITY, playbookTasks: 28, tasksWithOwner: 28, phasesCovered: 5 }
  const facts = (c: Partial<ContinuityFacts>): EvidenceFacts => ({
    devices: 0,
    withOwner: 0,
    withLocation: 0,
    withAddress: 0,
    complete: 0,
    seenByDiscovery: 0,
    lastLedgerChange: null,
    remoteMaintenance: 0,
    rmotAnswers: 0,
    modelsInUse: 0,
    modelsWithDisclosure: 0,
    pastSupportEnd: 0,
    pastServiceLife: 0,
    affectedDevices: 0,
    unneededServices: [],
    scannedHosts: 0,
    adminReachableHosts: 0,
    continuity: { ...base, ...c },
  })

  it('3-②: yes when every device services depend on has recovery steps and a backup note; no when none has', () => {
    const all = evidenceFor('3-②', facts({ plannedDevices: 4, devicesWithRecovery: 4, devicesWithBackup: 4 }))!
    expect(all.suggestion).toBe('yes')
    const none = evidenceFor('3-②', facts({ plannedDevices: 4, devicesWithRecovery: 0, devicesWithBackup: 1 }))!
    expect(none.suggestion).toBe('no')
    expect(none.summaryJa).toContain('復旧手順があるのは 0 台、バックアップの記録があるのは 1 台')
    expect(
      evidenceFor('3-②', facts({ plannedDevices: 4, devicesWithRecovery: 2, devicesWithBackup: 3 }))!.suggestion,
    ).toBe('unknown')
  })

  it('3-③: yes only with every service complete, all five phases and an exercise on record', () => {
    const complete = { services: 3, servicesComplete: 3, lastExercise: '2026-09-15', exercises: 1 }
    expect(evidenceFor('3-③', facts(complete))!.suggestion).toBe('yes')
    expect(evidenceFor('3-③', facts({ ...complete, servicesComplete: 2 }))!.suggestion).toBe('unknown')
    expect(evidenceFor('3-③', facts({ ...complete, lastExercise: null }))!.suggestion).toBe('unknown')
    expect(evidenceFor('3-③', facts({ ...complete, phasesCovered: 4 }))!.suggestion).toBe('unknown')
    expect(evidenceFor('3-③', facts({ services: 0, servicesComplete: 0, playbookTasks: 0 }))!.suggestion).toBe('no')
  })
})
