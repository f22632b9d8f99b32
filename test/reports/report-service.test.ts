/**
 * ReportService on both databases with the readers faked (realistic data from ./fixtures.ts): downloads audited as
 * exports, the device card from the ledger and the open findings, the inspection pack's ledger summary, the home view
 * with known-exploited devices counted, and schedules sent by e-mail (smtp-server on 127.0.0.1) with the PDF attached;
 * no SMTP → REPORT_NO_SMTP.
 */
import type { AddressInfo } from 'node:net'
import { SMTPServer } from 'smtp-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Clock } from '../../src/core/ports.js'
import { JobRunner } from '../../src/services/job-runner.js'
import { ModelCatalogService } from '../../src/services/model-catalog.js'
import { NotifyService } from '../../src/services/notify/channels.js'
import { ReportService } from '../../src/services/reports/index.js'
import type { Storage } from '../../src/storage/database.js'
import { toDeviceRow } from '../../src/storage/device-rows.js'
import { storagePorts } from '../../src/storage/ports.js'
import { pdfText } from '../documents/read-back.js'
import { buildDevice } from '../factories.js'
import { DIALECTS } from '../helpers/databases.js'
import { fakeReaders } from './fixtures.js'

const ADMIN = { id: null, name: 'admin' }
const NOW = new Date('2026-12-02T09:00:00.000Z')
const clock: Clock = { now: () => NOW }

describe.each(DIALECTS)('report service on $name', (dialect) => {
  let storage: Storage
  let smtp: SMTPServer
  let smtpPort: number
  const mails: { to: string[]; raw: string }[] = []

  beforeAll(async () => {
    storage = await dialect.open()
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, session, cb) {
        const chunks: Buffer[] = []
        stream.on('data', (c: Buffer) => chunks.push(c))
        stream.on('end', () => {
          mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') })
          cb()
        })
      },
    })
    await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', () => r()))
    smtpPort = (smtp.server.address() as AddressInfo).port
    const meta = {
      version: 1,
      createdAt: '2024-01-01T00:00:00.000Z',
      createdBy: 'test',
      updatedAt: '2024-01-01T00:00:00.000Z',
      updatedBy: 'test',
    }
    await storage.db
      .insertInto('sites')
      .values({ id: 'site-1', name: 'みなと総合病院', createdAt: meta.createdAt })
      .execute()
    const devices = [
      buildDevice({
        assetTag: 'ME-0001',
        name: '輸液ポンプ',
        category: 'infusion_pump',
        department: 'ICU',
        supportEnd: '2025-03-31',
        responsiblePerson: '臨床工学部 山田',
      }),
      buildDevice({ assetTag: 'ME-0002', name: '生体情報モニタ', category: 'patient_monitor', department: 'ICU' }),
      buildDevice({
        assetTag: 'ME-0003',
        name: '生体情報モニタ',
        category: 'patient_monitor',
        department: '手術部',
        supportEnd: '2027-03-31',
      }),
      buildDevice({
        assetTag: 'ME-0004',
        name: '廃棄済み',
        category: 'patient_monitor',
        status: 'decommissioned',
        supportEnd: '2020-01-01',
      }),
    ]
    for (const [i, d] of devices.entries()) {
      const row = toDeviceRow(d, { ...meta, id: `00000000-0000-4000-8000-00000000000${i + 1}` })
      await storage.db
        .insertInto('devices')
        .values({ ...row, siteId: 'site-1' } as never)
        .execute()
    }
    const finding = (id: string, severity: string, ruleId: string, source = 'scan') => ({
      id,
      source,
      key: id,
      siteId: 'site-1',
      deviceId: '00000000-0000-4000-8000-000000000001',
      address: '10.0.0.5',
      port: source === 'scan' ? 23 : null,
      ruleId,
      severity,
      titleJa: `指摘 ${id}`,
      titleEn: `Finding ${id}`,
      detailJa: '',
      detailEn: '',
      recommendationJa: '',
      recommendationEn: '',
      evidence: '',
      status: 'open',
      statusReason: null,
      statusExpiresAt: null,
      firstSeenAt: '2026-11-01T00:00:00.000Z',
      lastSeenAt: '2026-12-01T00:00:00.000Z',
      lastScanId: null,
      incomplete: 0,
    })
    await storage.db
      .insertInto('findings')
      .values([finding('f-low', 'low', 'scan:http'), finding('f-crit', 'critical', 'CVE-2019-0708', 'vulnerability')])
      .execute()
    const act = (id: string, status: string, kind: string) => ({
      id,
      siteId: 'site-1',
      kind,
      titleJa: `対策 ${id}`,
      titleEn: `Action ${id}`,
      detailJa: '',
      detailEn: '',
      severity: 'critical',
      severityRank: 0,
      knownExploited: 1,
      deviceCount: 1,
      findingCount: 1,
      owner: null,
      dueOn: '2026-12-10',
      dueSetByPerson: 0,
      status,
      acceptReason: null,
      acceptApprover: null,
      acceptExpiresOn: null,
      acceptedBy: null,
      acceptedAt: null,
      closedAt: null,
      closedEvidence: null,
      createdAt: '2026-11-01T00:00:00.000Z',
      updatedAt: '2026-11-01T00:00:00.000Z',
      version: 1,
    })
    await storage.db
      .insertInto('actions')
      .values([act('a-open', 'open', 'vuln:bluekeep'), act('a-done', 'done', 'scan:http')] as never)
      .execute()
    await storage.db
      .insertInto('actionFindings')
      .values([
        { actionId: 'a-open', findingId: 'f-crit' },
        { actionId: 'a-done', findingId: 'f-low' },
      ])
      .execute()
    await storage.db
      .insertInto('kevEntries')
      .values({
        cveId: 'CVE-2019-0708',
        vendorProject: 'Microsoft',
        product: 'Remote Desktop',
        name: 'BlueKeep',
        dateAdded: '2021-11-03',
        dueDate: null,
        ransomware: 0,
        requiredAction: null,
      } as never)
      .execute()
  })
  afterAll(async () => {
    await new Promise<void>((r) => smtp.close(() => r()))
    await storage.close()
  })

  function service(readers = fakeReaders()) {
    const ports = storagePorts(storage)
    const notify = new NotifyService(ports.vulns, clock, { timeoutMs: 3_000 })
    const common = {
      jobs: new JobRunner({ jobs: ports.jobs, audit: ports.audit }),
      audit: ports.audit,
      clock,
      notify,
      config: {} as never,
      catalog: new ModelCatalogService(ports.catalog, ports.ledger),
    }
    return { reports: new ReportService(ports.reports, readers, common), notify, ports }
  }

  it('writes the management report as PDF and .docx, each download audited as an export', async () => {
    const { reports, ports } = service()
    const pdf = await reports.management('ja', 'pdf', ADMIN)
    expect(pdf.fileName).toBe('mamori-management-2026-12-02-ja.pdf')
    expect(pdf.mediaType).toBe('application/pdf')
    const all = (await pdfText(pdf.body)).pages.join('').replace(/\s+/g, '')
    // The hospital's name comes from the only site.
    expect(all).toContain('みなと総合病院医療機器サイバーセキュリティ報告（経営層向け）')
    const docx = await reports.management('en', 'docx', ADMIN)
    expect(docx.fileName).toBe('mamori-management-2026-12-02-en.docx')
    expect(docx.body.subarray(0, 2).toString()).toBe('PK')
    const audit = await ports.audit.list({ limit: 10, offset: 0, action: 'report.export' })
    expect(audit.items.map((a) => [a.targetType, a.targetId, (a.after as { format: string }).format])).toEqual([
      ['report', 'management', 'docx'],
      ['report', 'management', 'pdf'],
    ])
  })

  it('summarises the ledger for the inspection pack: decommissioned devices left out, past support listed', async () => {
    const { reports, ports } = service()
    const summary = await ports.reports.ledgerSummary('2026-12-02')
    expect(summary.total).toBe(3)
    expect(summary.byCategory).toEqual([
      { key: 'patient_monitor', count: 2 },
      { key: 'infusion_pump', count: 1 },
    ])
    expect(summary.byDepartment).toEqual([
      { key: 'ICU', count: 2 },
      { key: '手術部', count: 1 },
    ])
    expect(summary.pastSupport).toBe(1)
    expect(summary.pastSupportDevices).toEqual([
      { assetTag: 'ME-0001', name: '輸液ポンプ', department: 'ICU', supportEnd: '2025-03-31' },
    ])
    const file = await reports.inspection('ja', ADMIN)
    const all = (await pdfText(file.body)).pages.join('').replace(/\s+/g, '')
    expect(all).toContain('番号確認項目対象はい/いいえ確認日目標日備考')
    expect(all).toContain('多要素認証を導入している。（要旨）')
    expect(all).toContain('台帳に登録された機器は3台')
  })

  it('prints a one-page device card by asset tag with open findings, most severe first', async () => {
    const { reports, ports } = service(
      fakeReaders({ empty: true }), // not scored: the card says so
    )
    const card = await reports.deviceCard('ME-0001', 'ja', ADMIN)
    expect(card.fileName).toBe('mamori-device-card-ME-0001-ja.pdf')
    const { pages, totalPages } = await pdfText(card.body)
    expect(totalPages).toBe(1)
    const all = pages.join('').replace(/\s+/g, '')
    expect(all).toContain('臨床工学部山田')
    expect(all.indexOf('指摘f-crit')).toBeLessThan(all.indexOf('指摘f-low'))
    expect(all).toContain('10.0.0.5:23')
    // The open action through its finding; the done one is not listed.
    expect(all).toContain('対策a-open（攻撃で悪用あり）')
    expect(all).not.toContain('対策a-done')
    await expect(reports.deviceCard('NO-SUCH', 'ja', ADMIN)).rejects.toMatchObject({ code: 'NOT_FOUND' })
    const audit = await ports.audit.list({ limit: 1, offset: 0, action: 'report.export' })
    expect(audit.items[0]?.after).toMatchObject({ deviceId: '00000000-0000-4000-8000-000000000001' })
  })

  it('answers the home page: top 5 devices and actions still to do, counts with known-exploited devices', async () => {
    const { reports } = service()
    const home = await reports.home()
    expect(home.topDevices.map((d) => d.assetTag)).toEqual(['ME-0000', 'ME-0001', 'ME-0002', 'ME-0003', 'ME-0004'])
    expect(home.topActions).toHaveLength(5)
    expect(home.checklist).toEqual({ total: 4, answered: 3, yes: 2, no: 1, overdue: 0 })
    expect(home.counts).toEqual({ devices: 3, openActions: 14, overdueActions: 1, knownExploitedDevices: 1 })
    expect(home.generatedAt).toBe(NOW.toISOString())
  })

  it('refuses a schedule without SMTP (REPORT_NO_SMTP) and a bad cron, saving nothing', async () => {
    const { reports } = service()
    const input = {
      kind: 'management' as const,
      lang: 'ja' as const,
      cron: '0 7 1 * *',
      recipients: ['cio@hospital.example'],
    }
    await expect(reports.createSchedule(input, ADMIN)).rejects.toMatchObject({ code: 'REPORT_NO_SMTP' })
    await expect(reports.createSchedule({ ...input, cron: '99 99 * * * *' }, ADMIN)).rejects.toMatchObject({
      code: 'SCHEDULE_INVALID',
    })
    expect(await reports.listSchedules()).toEqual([])
    const { notify } = service()
    await expect(
      notify.sendWithAttachment({
        to: ['cio@hospital.example'],
        subject: 's',
        text: 't',
        attachment: { fileName: 'a.pdf', contentType: 'application/pdf', content: Buffer.from('%PDF') },
      }),
    ).rejects.toMatchObject({ code: 'REPORT_NO_SMTP', status: 400 })
  })

  it('sends a scheduled report by e-mail with the PDF attached, when due and on demand; audits every step', async () => {
    const { reports, notify, ports } = service()
    await notify.putChannels(ADMIN, {
      email: {
        host: '127.0.0.1',
        port: smtpPort,
        secure: false,
        user: null,
        password: null,
        from: 'mamori@hospital.example',
        to: ['me@hospital.example'],
      },
      webhook: null,
    })
    const s = await reports.createSchedule(
      {
        kind: 'management',
        lang: 'ja',
        cron: '0 7 1 * *',
        recipients: ['cio@hospital.example', 'ceo@hospital.example'],
      },
      ADMIN,
    )
    expect(s).toMatchObject({ kind: 'management', lastSentAt: null, createdBy: 'admin' })
    // Created on 2 December 09:00: the next run is 1 January 07:00.
    mails.length = 0
    expect(await reports.tick(new Date('2026-12-31T23:00:00.000Z'))).toEqual([])
    expect(await reports.tick(new Date('2027-01-01T07:00:30.000Z'))).toEqual([s.id])
    expect(mails).toHaveLength(1)
    expect(mails[0]!.to).toEqual(['cio@hospital.example', 'ceo@hospital.example'])
    expect(mails[0]!.raw).toContain('application/pdf')
    expect(mails[0]!.raw).toContain('mamori-management-2026-12-02-ja.pdf')
    // Not again the same month.
    expect(await reports.tick(new Date('2027-01-15T07:00:00.000Z'))).toEqual([])
    expect(await reports.sendNow(s.id, ADMIN)).toEqual({ sent: 2 })
    expect(mails).toHaveLength(2)
    const [listed] = await reports.listSchedules()
    expect(listed?.lastSentAt).toBe(NOW.toISOString())
    expect(listed?.lastError).toBeNull()
    const sends = await ports.audit.list({ limit: 10, offset: 0, action: 'report.send' })
    expect(sends.items).toHaveLength(2)
    await reports.removeSchedule(s.id, ADMIN)
    await expect(reports.removeSchedule(s.id, ADMIN)).rejects.toMatchObject({ code: 'NOT_FOUND' })
    expect(await reports.listSchedules()).toEqual([])
    const removed = await ports.audit.list({ limit: 1, offset: 0, action: 'report.schedule.remove' })
    expect(removed.items).toHaveLength(1)
  })

  it('records a failed sending on the schedule and does not retry it every minute', async () => {
    const { reports, notify } = service()
    await notify.putChannels(ADMIN, {
      email: {
        host: '127.0.0.1',
        port: 1,
        secure: false,
        user: null,
        password: null,
        from: 'mamori@hospital.example',
        to: ['me@hospital.example'],
      },
      webhook: null,
    })
    const s = await reports.createSchedule(
      { kind: 'inspection', lang: 'en', cron: '0 7 * * *', recipients: ['a@hospital.example'] },
      ADMIN,
    )
    expect(await reports.tick(new Date('2026-12-03T07:00:10.000Z'))).toEqual([])
    const failed = (await reports.listSchedules()).find((x) => x.id === s.id)
    expect(failed?.lastError).toMatch(/ECONNREFUSED|connect/i)
    expect(failed?.lastSentAt).toBeNull()
    // The next attempt counts from the failed one (clock: 2 Dec 09:00 → next 3 Dec 07:00 is not due again before).
    await reports.removeSchedule(s.id, ADMIN)
  })
})
