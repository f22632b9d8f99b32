import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MamoriError } from '../../src/core/errors.js'
import { ActionService } from '../../src/services/actions/action-service.js'
import { ActionRepository } from '../../src/storage/actions-repository.js'
import type { Storage } from '../../src/storage/database.js'
import { DeviceRepository } from '../../src/storage/device-repository.js'
import { FindingRepository } from '../../src/storage/finding-repository.js'
import { buildDevice, buildFindingDraft } from '../factories.js'
import { DIALECTS, type TestDialect } from '../helpers/databases.js'

const alice = { id: null, name: 'alice' }
const SCAN = '3f2a1b2c-0000-4000-8000-000000000001'

describe.each(DIALECTS)('action plan storage on $name', (dialect: TestDialect) => {
  let storage: Storage
  let findings: FindingRepository
  let service: ActionService
  const clock = { current: new Date('2026-12-01T09:00:00.000Z'), now: () => clock.current }
  let dev: { mon1: string; mon2: string; pc: string; pump: string }

  const audit = async (prefix: string) =>
    (await storage.db.selectFrom('auditLog').select(['action', 'targetId', 'after']).execute()).filter((r) =>
      r.action.startsWith(prefix),
    )
  const actionOf = async (kind: string) => {
    const list = await service.list({ limit: 100, offset: 0 })
    const a = list.items.find((i) => i.kind === kind)
    if (!a) throw new Error(`no action ${kind} in ${list.items.map((i) => i.kind).join(', ')}`)
    return a
  }

  beforeAll(async () => {
    storage = await dialect.open()
    findings = new FindingRepository(storage.db)
    service = new ActionService(new ActionRepository(storage.db), clock)
    const ledger = new DeviceRepository(storage.db)
    const [mon1, mon2, pc, pump] = await ledger.createMany(
      [
        buildDevice({ assetTag: 'MON-01', name: '生体情報モニタ', location: 'ICU 3F', ipAddresses: ['10.0.0.5'] }),
        buildDevice({ assetTag: 'MON-02', name: '生体情報モニタ', location: 'ICU 3F', ipAddresses: ['10.0.0.6'] }),
        buildDevice({ assetTag: 'PC-01', name: '検査端末', location: '検査室', ipAddresses: ['10.0.0.7'] }),
        buildDevice({ assetTag: 'PUMP-01', name: '輸液ポンプ', location: '病棟 5F', ipAddresses: ['10.0.0.8'] }),
      ],
      alice,
    )
    dev = { mon1: mon1!.id, mon2: mon2!.id, pc: pc!.id, pump: pump!.id }
    await storage.db
      .insertInto('scans')
      .values({
        id: SCAN,
        status: 'completed',
        profile: 'gentle',
        targets: '[]',
        portSpec: null,
        requestedBy: 'alice',
        scheduleId: null,
        createdAt: '2026-11-30T01:00:00.000Z',
        startedAt: '2026-11-30T01:00:00.000Z',
        finishedAt: '2026-11-30T02:00:00.000Z',
        progress: '{}',
        error: null,
      })
      .execute()
    await findings.upsertFindings('scan', null, [
      { draft: buildFindingDraft({ address: '10.0.0.5', port: 23 }), deviceId: dev.mon1, siteId: 'default' },
      { draft: buildFindingDraft({ address: '10.0.0.6', port: 23 }), deviceId: dev.mon2, siteId: 'default' },
      {
        draft: buildFindingDraft({ ruleId: 'smbv1-enabled', severity: 'critical', address: '10.0.0.7', port: 445 }),
        deviceId: dev.pc,
        siteId: 'default',
      },
    ])
    await storage.db
      .insertInto('kevEntries')
      .values({
        cveId: 'CVE-2020-0001',
        vendorProject: 'Acme',
        product: 'Pump',
        name: 'Acme Pump RCE',
        dateAdded: '2026-10-01',
        dueDate: '2026-10-22',
        ransomware: 0,
        requiredAction: 'Apply updates',
        description: null,
        notes: null,
      })
      .execute()
    await findings.upsertFindings('vulnerability', null, [
      {
        key: `${dev.pump}|CVE-2020-0001`,
        deviceId: dev.pump,
        siteId: 'default',
        draft: buildFindingDraft({
          ruleId: 'CVE-2020-0001',
          severity: 'high',
          address: null as unknown as string,
          port: null,
          evidence: 'advisory ICSMA-20-049-01, CVE-2020-0001, CVSS 8.1, via model',
        }),
      },
    ])
  })
  afterAll(async () => {
    await storage.close()
  })

  it('groups open findings into actions in one audited sync, most urgent first', async () => {
    const r = await service.sync(alice)
    expect(r).toEqual({ created: 3, updated: 0, closed: 0, open: 3 })
    const list = await service.list({ limit: 100, offset: 0 })
    // KEV first (vulnerability on the pump), then critical SMBv1, then high Telnet.
    expect(list.items.map((a) => a.kind)).toEqual([
      'vuln:ICSMA-20-049-01',
      'scan:smbv1-enabled',
      'scan:telnet-cleartext',
    ])
    const [kev, smb, telnet] = list.items
    expect(kev).toMatchObject({ knownExploited: true, dueOn: '2026-12-08', deviceCount: 1 })
    expect(smb).toMatchObject({ severity: 'critical', dueOn: '2026-12-15', version: 1, status: 'open' })
    expect(telnet).toMatchObject({ titleJa: 'Telnet を停止する（または隔離区画へ移す）— 2 台', deviceCount: 2 })
    expect(telnet!.topRiskBand === null || typeof telnet!.topRiskBand === 'string').toBe(true)
    expect(list.counts).toEqual({ open: 3, overdue: 0, accepted: 0 })
    expect(await audit('action.create')).toHaveLength(3)
    // Nothing changed: a second sync updates nothing and the list does not sync again.
    expect(await service.sync(alice)).toEqual({ created: 0, updated: 0, closed: 0, open: 3 })
    expect(await storage.db.selectFrom('actions').select('id').execute()).toHaveLength(3)
  })

  it('shows the devices of an action with asset tag, name, location and where they were seen', async () => {
    const telnet = await actionOf('scan:telnet-cleartext')
    const d = await service.detail(telnet.id)
    expect(d.devices).toEqual([
      expect.objectContaining({
        assetTag: 'MON-01',
        name: '生体情報モニタ',
        location: 'ICU 3F',
        where: ['10.0.0.5:23'],
      }),
      expect.objectContaining({ assetTag: 'MON-02', location: 'ICU 3F', where: ['10.0.0.6:23'] }),
    ])
    await expect(service.detail('nope')).rejects.toMatchObject({ code: 'NOT_FOUND', status: 404 })
  })

  it('records a person’s owner and due date with the version they saw; a stale version is a conflict', async () => {
    const a = await actionOf('scan:telnet-cleartext')
    const changed = await service.patch(
      a.id,
      { owner: '臨床工学科 佐藤', dueOn: '2027-01-15', status: 'in_progress', version: a.version },
      alice,
    )
    expect(changed).toMatchObject({ owner: '臨床工学科 佐藤', dueOn: '2027-01-15', status: 'in_progress' })
    expect(changed.version).toBe(a.version + 1)
    const stale = await service
      .patch(a.id, { owner: 'someone else', version: a.version }, alice)
      .catch((e: unknown) => e)
    expect(stale).toBeInstanceOf(MamoriError)
    expect(stale).toMatchObject({ code: 'ACTION_VERSION_CONFLICT', status: 409 })
    expect((stale as MamoriError).messageJa).toContain('他の人によって変更されました')
    const bad = await service.patch(a.id, { dueOn: '2027-02-30', version: changed.version }, alice).catch((e) => e)
    expect(bad).toMatchObject({
      code: 'ACTION_INVALID',
      status: 400,
      details: [expect.objectContaining({ where: 'dueOn' })],
    })
    expect((bad as MamoriError).message).toContain('dueOn "2027-02-30" is not a real date')
    expect(await audit('action.update')).toHaveLength(1)
  })

  it('keeps a person’s owner, due date and status through a re-sync that adds a device', async () => {
    await findings.upsertFindings('scan', null, [
      { draft: buildFindingDraft({ address: '10.0.0.8', port: 23 }), deviceId: dev.pump, siteId: 'default' },
    ])
    // The list notices the new finding and regroups before answering.
    const a = await actionOf('scan:telnet-cleartext')
    expect(a).toMatchObject({ owner: '臨床工学科 佐藤', dueOn: '2027-01-15', status: 'in_progress', deviceCount: 3 })
    expect(a.titleEn).toBe('Turn off Telnet (or move into an isolated segment) — 3 devices')
  })

  it('accepts a risk: the action and its findings carry the reason and expiry; withdrawing reopens both', async () => {
    const smb = await actionOf('scan:smbv1-enabled')
    const past = await service
      .accept(smb.id, { reason: 'x', approver: 'y', expiresOn: '2026-11-30' }, alice)
      .catch((e) => e)
    expect(past).toMatchObject({ code: 'ACTION_INVALID', details: [expect.objectContaining({ where: 'expiresOn' })] })
    expect((past as MamoriError).messageJa).toContain('過去の日付')
    const accepted = await service.accept(
      smb.id,
      { reason: '2027 年度更新まで隔離 VLAN で運用', approver: '医療情報部長', expiresOn: '2026-12-31' },
      alice,
    )
    expect(accepted).toMatchObject({
      status: 'accepted',
      acceptance: {
        reason: '2027 年度更新まで隔離 VLAN で運用',
        approver: '医療情報部長',
        expiresOn: '2026-12-31',
        acceptedBy: 'alice',
      },
    })
    const f = await storage.db
      .selectFrom('findings')
      .select(['status', 'statusReason', 'statusExpiresAt'])
      .where('ruleId', '=', 'smbv1-enabled')
      .executeTakeFirstOrThrow()
    expect(f).toEqual({
      status: 'accepted',
      statusReason: '2027 年度更新まで隔離 VLAN で運用',
      statusExpiresAt: '2026-12-31',
    })
    expect((await service.list({ limit: 10, offset: 0, status: 'accepted' })).items.map((a) => a.id)).toEqual([smb.id])
    expect((await audit('finding.update')).filter((r) => r.after?.includes('accepted'))).toHaveLength(1)
    expect(await audit('action.accept')).toHaveLength(1)
    const withdrawn = await service.withdraw(smb.id, alice)
    expect(withdrawn).toMatchObject({ status: 'open', acceptance: null })
    const g = await storage.db.selectFrom('findings').select('status').where('ruleId', '=', 'smbv1-enabled').execute()
    expect(g).toEqual([{ status: 'open' }])
    await expect(service.withdraw(smb.id, alice)).rejects.toMatchObject({ code: 'ACTION_INVALID' })
  })

  it('reopens an accepted action the day after its acceptance expires', async () => {
    const smb = await actionOf('scan:smbv1-enabled')
    await service.accept(smb.id, { reason: '一時受容', approver: '部長', expiresOn: '2026-12-02' }, alice)
    clock.current = new Date('2026-12-03T09:00:00.000Z')
    const after = await actionOf('scan:smbv1-enabled')
    expect(after).toMatchObject({ status: 'open', acceptance: null })
    const f = await storage.db.selectFrom('findings').select('status').where('ruleId', '=', 'smbv1-enabled').execute()
    expect(f).toEqual([{ status: 'open' }])
    expect(await audit('action.sync.acceptance-expired')).toHaveLength(1)
  })

  it('closes an action with the scan’s evidence when a re-scan no longer sees it, and reopens it when seen again', async () => {
    await storage.db
      .updateTable('findings')
      .set({ status: 'fixed', statusReason: `not observed again by scan ${SCAN}` })
      .where('ruleId', '=', 'smbv1-enabled')
      .execute()
    const r = await service.sync(alice)
    expect(r.closed).toBe(1)
    const done = await actionOf('scan:smbv1-enabled')
    expect(done.status).toBe('done')
    expect(done.closedEvidence).toBe(
      'スキャン 3f2a1b2c で PC-01 10.0.0.7:445 の SMBv1 が見えなくなりました（2026-11-30） / Scan 3f2a1b2c no longer sees SMBv1 on PC-01 10.0.0.7:445 (2026-11-30)',
    )
    // Seen again: the finding store reopens the finding, the next read reopens the action.
    await findings.upsertFindings('scan', null, [
      {
        draft: buildFindingDraft({ ruleId: 'smbv1-enabled', severity: 'critical', address: '10.0.0.7', port: 445 }),
        deviceId: dev.pc,
        siteId: 'default',
      },
    ])
    const again = await actionOf('scan:smbv1-enabled')
    expect(again).toMatchObject({ status: 'open', closedAt: null, closedEvidence: null })
    expect(await audit('action.sync.reopened')).toHaveLength(1)
  })

  it('changes the SLA and moves the due dates no person set; audited', async () => {
    const sla = await service.getSla()
    expect(sla).toEqual({ critical: 14, high: 30, medium: 90, low: 180, info: 365, knownExploited: 7 })
    await service.putSla({ ...sla, critical: 10, knownExploited: 3 }, alice)
    expect(await service.getSla()).toMatchObject({ critical: 10, knownExploited: 3 })
    const smb = await actionOf('scan:smbv1-enabled')
    expect(smb.dueOn).toBe('2026-12-11')
    expect((await actionOf('vuln:ICSMA-20-049-01')).dueOn).toBe('2026-12-04')
    // Set by a person: stays.
    expect((await actionOf('scan:telnet-cleartext')).dueOn).toBe('2027-01-15')
    expect(await audit('action.sla')).toHaveLength(1)
    // Overdue: the KEV action was due 2026-12-04; today is 2026-12-05.
    clock.current = new Date('2026-12-05T09:00:00.000Z')
    const overdue = await service.list({ limit: 10, offset: 0, overdue: 'true' })
    expect(overdue.items.map((a) => a.kind)).toEqual(['vuln:ICSMA-20-049-01'])
    expect(overdue.items[0]!.overdue).toBe(true)
    expect(overdue.counts.overdue).toBe(1)
  })

  it('shows the highest risk band among an action’s devices (the risk module’s device_risk)', async () => {
    const band = (deviceId: string, b: string, score: number) => ({
      deviceId,
      siteId: 'default',
      score,
      band: b,
      clinicalFunction: 'monitoring',
      profileVersion: 1,
      contributions: '[]',
      headlineJa: '見出し',
      headlineEn: 'headline',
      scoredAt: '2026-12-01T00:00:00.000Z',
    })
    await storage.db
      .insertInto('deviceRisk')
      .values([band(dev.mon1, 'medium', 40), band(dev.mon2, 'critical', 90)])
      .onConflict((oc) => oc.column('deviceId').doUpdateSet((eb) => ({ band: eb.ref('excluded.band') })))
      .execute()
    const telnet = await actionOf('scan:telnet-cleartext')
    expect(telnet.topRiskBand).toBe('critical')
    expect((await service.detail(telnet.id)).topRiskBand).toBe('critical')
    const changed = await service.patch(telnet.id, { owner: '臨床工学科 佐藤', version: telnet.version }, alice)
    expect(changed.topRiskBand).toBe('critical')
  })

  it('filters by owner and status', async () => {
    const mine = await service.list({ limit: 10, offset: 0, owner: '臨床工学科 佐藤' })
    expect(mine.items.map((a) => a.kind)).toEqual(['scan:telnet-cleartext'])
    expect(mine.total).toBe(1)
    const done = await service.list({ limit: 10, offset: 0, status: 'done' })
    expect(done.total).toBe(0)
  })
})
