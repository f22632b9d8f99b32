/**
 * Operations over a real database, on both databases (ADR 0041): the calendar's range, filters and already-past
 * counts, invalid dates named; reminders sent once as one digest with plain ja/en lines, recorded and audited; the
 * re-scan cadence with a scan recorded through the real scan store (an old scan is overdue, a never-scan device is
 * excluded, not overdue); the device timeline merging ledger, scan and finding rows newest first and paging with
 * `before` without losing or repeating an entry.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TimelineEntry } from '../../api/operations.js'
import { loadConfig } from '../../src/config.js'
import type { Actor } from '../../src/core/actor.js'
import { MamoriError } from '../../src/core/errors.js'
import { addDays } from '../../src/core/operations/calendar.js'
import { buildServices, type Services } from '../../src/services/index.js'
import { DatabaseBackupStore } from '../../src/storage/backup-store.js'
import type { Storage } from '../../src/storage/database.js'
import { storagePorts } from '../../src/storage/ports.js'
import { buildDevice, buildHost, buildService } from '../factories.js'
import { DIALECTS } from '../helpers/databases.js'

const alice: Actor = { id: null, name: 'alice' }
const NOW = new Date()
const today = NOW.toISOString().slice(0, 10)

describe.each(DIALECTS)('operations on $name', (dialect) => {
  let storage: Storage
  let s: Services
  const ids: Record<string, string> = {}

  beforeAll(async () => {
    storage = await dialect.open()
    s = buildServices(
      { ...storagePorts(storage), clock: { now: () => NOW } },
      loadConfig({ dataDir: '/nonexistent' }, {}),
    )
    const add = async (key: string, fields: Parameters<typeof buildDevice>[0]) => {
      ids[key] = (await s.devices.create(buildDevice(fields), alice)).id
    }
    await add('mon', {
      assetTag: 'ICU-MON-03',
      name: '生体情報モニタ',
      department: 'ICU',
      lifeCritical: true,
      supportEnd: addDays(today, 76),
      serviceLifeEnd: addDays(today, 2000),
      ipAddresses: ['10.9.0.1'],
    })
    await add('ct', {
      assetTag: 'RAD-CT-01',
      name: 'CT 装置',
      category: 'ct',
      department: '放射線科',
      supportEnd: addDays(today, -30),
      serviceLifeEnd: addDays(today, 150),
      ipAddresses: ['10.9.0.2'],
    })
    await add('old', {
      assetTag: 'OLD-01',
      department: 'ICU',
      status: 'decommissioned',
      supportEnd: addDays(today, 10),
      ipAddresses: ['10.9.0.3'],
    })
    await add('srv', {
      assetTag: 'EHR-SV01',
      name: '電子カルテサーバ',
      kind: 'server',
      category: 'server',
      department: '医療情報部',
      ipAddresses: ['10.9.0.4'],
    })
    await add('pump', {
      assetTag: 'PUMP-01',
      category: 'infusion_pump',
      neverScan: true,
      department: 'ICU',
      ipAddresses: ['10.9.0.5'],
    })
  })
  afterAll(async () => {
    for (const close of s.onClose) await close()
    await storage.close()
  })

  it('lists support and service-life ends in the default range (today → 24 months), past ones counted apart', async () => {
    const cal = await s.operations.calendar({ kind: undefined })
    expect(cal.from).toBe(today)
    expect(cal.to > addDays(today, 720) && cal.to <= addDays(today, 732)).toBe(true)
    const dated = cal.events.filter((e) => e.kind !== 'rescan_due')
    expect(dated.map((e) => [e.assetTag, e.kind, e.daysLeft])).toEqual([
      ['ICU-MON-03', 'support_end', 76],
      ['RAD-CT-01', 'service_life_end', 150],
    ])
    expect(dated[0]!.lifeCritical).toBe(true)
    // The decommissioned device is not in the calendar; the CT's support already ended.
    expect(cal.alreadyPast).toEqual({ supportEnd: 1, serviceLifeEnd: 0 })
    expect(cal.months.length).toBeGreaterThanOrEqual(24)
    expect(cal.months.reduce((n, m) => n + m.supportEnd + m.serviceLifeEnd, 0)).toBe(2)
  })

  it('filters by kind, department and range', async () => {
    const icu = await s.operations.calendar({ department: 'ICU', kind: 'support_end' })
    expect(icu.events.map((e) => e.assetTag)).toEqual(['ICU-MON-03'])
    const rad = await s.operations.calendar({ department: '放射線科' })
    expect(rad.events.map((e) => e.assetTag)).toEqual(['RAD-CT-01'])
    expect(rad.alreadyPast.supportEnd).toBe(1)
    const longRange = await s.operations.calendar({ from: addDays(today, -60), to: addDays(today, 2100) })
    expect(
      longRange.events.filter((e) => e.kind !== 'rescan_due').map((e) => [e.assetTag, e.kind, e.daysLeft]),
    ).toEqual([
      ['RAD-CT-01', 'support_end', -30],
      ['ICU-MON-03', 'support_end', 76],
      ['RAD-CT-01', 'service_life_end', 150],
      ['ICU-MON-03', 'service_life_end', 2000],
    ])
    const short = await s.operations.calendar({ from: today, months: 1 })
    expect(short.events).toEqual([])
  })

  it('names the field of a date that does not exist, a reversed range or one over 10 years', async () => {
    const fieldOf = async (q: Parameters<Services['operations']['calendar']>[0]) => {
      const err = await s.operations.calendar(q).catch((e: unknown) => e)
      expect(err).toBeInstanceOf(MamoriError)
      expect((err as MamoriError).code).toBe('LIFECYCLE_INVALID')
      return (err as MamoriError).details?.[0]?.where
    }
    expect(await fieldOf({ from: '2027-02-30' })).toBe('from')
    expect(await fieldOf({ to: '2027-13-01' })).toBe('to')
    expect(await fieldOf({ from: '2027-05-01', to: '2027-04-01' })).toBe('to')
    expect(await fieldOf({ from: '2027-01-01', to: '2037-01-02' })).toBe('to')
    expect((await s.operations.calendar({ from: '2027-01-01', to: '2037-01-01' })).to).toBe('2037-01-01')
  })

  it('sends the reminders due as one digest, once, in Japanese and English, and records them', async () => {
    expect(await s.operations.reminderSettings()).toEqual({
      enabled: true,
      leadDays: [365, 180, 90, 30],
      kinds: ['support_end', 'service_life_end'],
    })
    const first = await s.operations.runReminders(alice)
    expect(first.sent).toBe(2)
    expect(first.linesJa).toEqual([
      'サポート終了まで 90 日: 生体情報モニタ ICU-MON-03',
      '耐用期間満了まで 180 日: CT 装置 RAD-CT-01',
    ])
    expect(first.linesEn).toEqual([
      'End of support within 90 days: 生体情報モニタ ICU-MON-03',
      'End of service life within 180 days: CT 装置 RAD-CT-01',
    ])
    const again = await s.operations.runReminders(alice)
    expect(again.sent).toBe(0)
    const notes = await storage.db.selectFrom('notifications').selectAll().execute()
    expect(notes).toHaveLength(1)
    expect(notes[0]!.titleJa).toContain('サポート終了まで 90 日: 生体情報モニタ ICU-MON-03')
    const sent = await storage.db
      .selectFrom('lifecycleRemindersSent')
      .select(['deviceId', 'kind', 'leadDays'])
      .orderBy('kind')
      .orderBy('leadDays')
      .execute()
    // Every lead already reached is recorded (a first run does not leave 365 and 180 to go out later).
    expect(sent.map((r) => [r.kind, Number(r.leadDays)])).toEqual([
      ['service_life_end', 180],
      ['service_life_end', 365],
      ['support_end', 90],
      ['support_end', 180],
      ['support_end', 365],
    ])
    const audit = await s.audit.list({ limit: 10, offset: 0, action: 'lifecycle.reminders' })
    // Newest first: the second run, which sent nothing, is audited too.
    expect(audit.items.map((a) => a.action)).toEqual(['lifecycle.reminders.run', 'lifecycle.reminders.sent'])
  })

  it('keeps the reminders sent and the settings through a backup, so a restore sends nothing twice', async () => {
    const backup = new DatabaseBackupStore(storage.db)
    const saved: Record<string, unknown[]> = {}
    await backup.snapshot(async (page) => {
      for (const t of backup.tables) saved[t] = await page(t, 0, 100_000)
    })
    expect(saved.lifecycleRemindersSent).toHaveLength(5)
    await backup.replaceAll(async (insert) => {
      for (const t of backup.tables) await insert(t, saved[t] as never)
    })
    expect((await s.operations.runReminders(alice)).sent).toBe(0)
  })

  it('sends nothing while reminders are off; settings changes are audited', async () => {
    await s.operations.putReminderSettings({ enabled: false, leadDays: [30, 400, 30], kinds: ['support_end'] }, alice)
    expect(await s.operations.reminderSettings()).toEqual({
      enabled: false,
      leadDays: [400, 30],
      kinds: ['support_end'],
    })
    expect((await s.operations.runReminders(alice)).sent).toBe(0)
    const audit = await s.audit.list({ limit: 10, offset: 0, action: 'lifecycle.reminders.update' })
    expect(audit.items[0]!.after).toEqual({ enabled: false, leadDays: [400, 30], kinds: ['support_end'] })
  })

  it('lists devices due a scan by their cadence: an old scan is overdue, never-scan devices are excluded', async () => {
    expect((await s.operations.rescanCadence()).byCategory.server).toBe(30)
    await s.scans.importObservations(
      [buildHost({ address: '10.9.0.4', services: [buildService(23)] }), buildHost({ address: '10.9.0.1' })],
      { label: 'test', file: 'test.xml' },
      alice,
    )
    // Both scanned just now: nothing overdue; the CT was never scanned; the pump is never to be scanned.
    let due = await s.operations.rescanDue({ limit: 50, offset: 0 })
    expect(due.items.map((d) => [d.assetTag, d.excluded, d.lastScannedAt === null])).toEqual([
      ['RAD-CT-01', false, true],
      ['PUMP-01', true, true],
    ])
    expect(due.total).toBe(2)
    // The scan was 45 days ago: the server (30 days) is 15 days overdue, the monitor (90 days) is not.
    const old = new Date(NOW.getTime() - 45 * 86_400_000).toISOString()
    await storage.db.updateTable('scans').set({ finishedAt: old, startedAt: old, createdAt: old }).execute()
    due = await s.operations.rescanDue({ limit: 50, offset: 0 })
    expect(due.items.map((d) => [d.assetTag, d.cadenceDays, d.overdueDays, d.excluded])).toEqual([
      ['RAD-CT-01', 90, 0, false],
      ['EHR-SV01', 30, 15, false],
      ['PUMP-01', 180, 0, true],
    ])
    expect(due.items[1]!.dueOn).toBe(addDays(old.slice(0, 10), 30))
    const page = await s.operations.rescanDue({ limit: 1, offset: 1 })
    expect([page.total, page.items[0]!.assetTag]).toEqual([3, 'EHR-SV01'])
    // A cadence of 60 days for monitors and 50 for servers: the server is no longer overdue.
    await s.operations.putRescanCadence({ defaultDays: 120, byCategory: { server: 50 } }, alice)
    due = await s.operations.rescanDue({ limit: 50, offset: 0 })
    expect(due.items.map((d) => d.assetTag)).toEqual(['RAD-CT-01', 'PUMP-01'])
    // The calendar shows the monitor's and server's next scans (45 days ago + 120 / 50).
    const cal = await s.operations.calendar({ kind: 'rescan_due' })
    expect(cal.events.map((e) => [e.assetTag, e.date])).toEqual([
      ['EHR-SV01', addDays(old.slice(0, 10), 50)],
      ['ICU-MON-03', addDays(old.slice(0, 10), 120)],
    ])
    const audit = await s.audit.list({ limit: 10, offset: 0, action: 'lifecycle.rescan-cadence.update' })
    expect(audit.items).toHaveLength(1)
  })

  it('merges a device’s history newest first and pages with before, without losing or repeating an entry', async () => {
    const dev = await s.devices.get(ids.srv!)
    await s.devices.update(ids.srv!, dev.version, { location: 'サーバ室 B' }, alice)
    const all = await s.operations.timeline('EHR-SV01', { limit: 100 })
    expect(all.deviceId).toBe(ids.srv)
    expect(all.nextBefore).toBeNull()
    const kinds = all.entries.map((e) => e.kind)
    expect(kinds[0]).toBe('ledger') // the edit is newest
    expect(kinds).toContain('scan')
    expect(kinds).toContain('finding_opened')
    // The scan was moved 45 days back above: it is the oldest entry, before the device was added.
    expect(all.entries.at(-1)!.titleEn).toBe('Seen by a scan (10.9.0.4)')
    expect(all.entries.map((e) => e.titleEn)).toContain('Added to the ledger')
    // The scan's Telnet finding was grouped into an action, which concerns this device.
    expect(kinds).toContain('action')
    expect(all.entries[0]).toMatchObject({ titleJa: '台帳を変更', titleEn: 'Ledger entry changed', actor: 'alice' })
    const scan = all.entries.find((e) => e.kind === 'scan')!
    expect(scan.link).toMatch(/^\/discovery\/scans\//)
    const ats = all.entries.map((e) => e.at)
    expect([...ats].sort().reverse()).toEqual(ats)

    const paged: TimelineEntry[] = []
    let before: string | undefined
    for (let i = 0; i < 20; i++) {
      const page = await s.operations.timeline(ids.srv!, { limit: 1, before })
      paged.push(...page.entries)
      if (!page.nextBefore) break
      before = page.nextBefore
    }
    expect(paged).toEqual(all.entries)
  })

  it('answers NOT_FOUND for an unknown device and names a bad before', async () => {
    await expect(s.operations.timeline('NO-SUCH', { limit: 10 })).rejects.toMatchObject({ code: 'NOT_FOUND' })
    await expect(s.operations.timeline(ids.srv!, { limit: 10, before: 'yesterday' })).rejects.toMatchObject({
      code: 'LIFECYCLE_INVALID',
    })
  })
})
