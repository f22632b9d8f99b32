/**
 * The checklist on both databases: evidence counted on a seeded ledger, answers with before/after audit in the
 * same transaction, nothing saved on a bad answer, 確認不要 after a 前提 いいえ, vendors and their answers,
 * attachments, and an edition loaded from a generated MHLW-like .xlsx.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { EvidenceFacts } from '../../src/core/checklist/evidence.js'
import { MamoriError } from '../../src/core/errors.js'
import { ChecklistService } from '../../src/services/checklist/checklist-service.js'
import { AuditRepository } from '../../src/storage/audit-repository.js'
import { ChecklistRepository } from '../../src/storage/checklist-repository.js'
import type { Storage } from '../../src/storage/database.js'
import { DIALECTS } from '../helpers/databases.js'
import { r8Form } from './forms.js'
import { actor, seedLedger } from './seed.js'

const clock = { now: () => new Date('2026-12-02T03:00:00Z') } // 2026-12-02 12:00 in Japan

describe.each(DIALECTS)('checklist storage and service on $name', (dialect) => {
  let storage: Storage
  let svc: ChecklistService
  let repo: ChecklistRepository
  const audits = (action: string) =>
    storage.db.selectFrom('auditLog').selectAll().where('action', '=', action).orderBy('id').execute()

  beforeAll(async () => {
    storage = await dialect.open()
    await seedLedger(storage)
    repo = new ChecklistRepository(storage.db)
    svc = new ChecklistService(repo, new AuditRepository(storage.db), clock)
  })
  afterAll(async () => {
    await storage.close()
  })

  it('counts the evidence facts set-based from the ledger, discovery, disclosures and matches', async () => {
    const f: EvidenceFacts = await repo.evidenceFacts('2026-12-02')
    expect(f).toMatchObject({
      devices: 5,
      withOwner: 4,
      withLocation: 4,
      withAddress: 4,
      complete: 3,
      seenByDiscovery: 3,
      remoteMaintenance: 1,
      rmotAnswers: 1,
      modelsInUse: 2,
      modelsWithDisclosure: 1,
      pastSupportEnd: 2,
      pastServiceLife: 1,
      affectedDevices: 1,
      scannedHosts: 4,
      adminReachableHosts: 2,
    })
    expect(f.unneededServices).toEqual([
      { ruleId: 'smbv1-enabled', findings: 1, devices: 1 },
      { ruleId: 'telnet-cleartext', findings: 2, devices: 2 },
    ])
    expect(f.lastLedgerChange).toMatch(/^\d{4}-\d{2}-\d{2}T/)
  })

  it('shows every item with its evidence as a suggestion with facts and a link; items without evidence → null', async () => {
    const view = await svc.view({ form: 'hospital' })
    expect(view.edition.id).toBe('r7-hospital')
    expect(view.rows).toHaveLength(19)
    const ev = (id: string) => view.rows.find((r) => r.item.id === id)!.evidence
    expect(ev('2-①')).toMatchObject({ suggestion: 'unknown', link: '/devices' }) // 3/5 complete = 60%
    expect(ev('2-①')!.summaryJa).toContain('60%')
    expect(ev('2-①')!.facts.find((x) => x.labelEn === 'Seen by discovery')!.value).toBe('3 / 5 (60%)')
    expect(ev('2-②')!.suggestion).toBe('yes')
    expect(ev('2-③')).toMatchObject({ suggestion: 'no' })
    expect(ev('2-③')!.summaryEn).toContain('Of 2 models in use, 1 have a disclosure')
    expect(ev('2-⑥')!.suggestion).toBe('no')
    expect(ev('2-⑥')!.summaryJa).toContain('サポート終了を過ぎた機器が 2 台')
    expect(ev('2-⑫')!.suggestion).toBe('no')
    expect(ev('2-⑫')!.summaryEn).toContain('3 open findings')
    expect(ev('2-⑬')).toMatchObject({ suggestion: 'no' })
    // No continuity plan yet: no contact chain, no playbook (3-① and 3-③ no), device plans not readable (3-②).
    expect(ev('3-①')).toMatchObject({ suggestion: 'no', link: '/bcp/contacts' })
    expect(ev('3-②')).toMatchObject({ suggestion: 'unknown', summaryEn: expect.stringContaining('clinical service') })
    expect(ev('3-③')!.suggestion).toBe('no')
    expect(ev('2-⑦')).toBeNull()
    expect(ev('前提')).toBeNull()
    expect(view.completion).toEqual({ total: 19, answered: 0, yes: 0, no: 0, overdue: 0 })
  })

  it('saves an answer with before/after audit; a bad one saves nothing and names field and value', async () => {
    const first = await svc.answer(actor, '2-⑥', {
      answer: 'no',
      checkedOn: '2026-12-01',
      targetOn: '2027-03-31',
      responsible: ' 山田 ',
      note: '',
    })
    expect(first).toMatchObject({
      answer: 'no',
      targetOn: '2027-03-31',
      responsible: '山田',
      note: null,
      answeredBy: 'tester',
    })
    const second = await svc.answer(actor, '2-⑥', { answer: 'yes', checkedOn: '2026-12-02' })
    expect(second.targetOn).toBeNull()
    const log = await audits('checklist.answer')
    expect(log).toHaveLength(2)
    expect(JSON.parse(log[0]!.before ?? 'null')).toBeNull()
    expect(JSON.parse(log[1]!.before!)).toMatchObject({ answer: 'no', targetOn: '2027-03-31' })
    expect(JSON.parse(log[1]!.after!)).toMatchObject({ answer: 'yes', checkedOn: '2026-12-02' })
    expect(log[1]!.targetId).toBe('r7-hospital::2-⑥')

    const err = await svc
      .answer(actor, '2-⑥', { answer: 'yes', checkedOn: '2026-12-03' })
      .catch((e: unknown) => e as MamoriError)
    expect(err).toBeInstanceOf(MamoriError)
    expect((err as MamoriError).code).toBe('CHECKLIST_ANSWER_INVALID')
    expect((err as MamoriError).details).toEqual([
      expect.objectContaining({ where: 'checkedOn', message: expect.stringContaining('2026-12-03') }),
    ])
    expect(await audits('checklist.answer')).toHaveLength(2)
    const view = await svc.view({ form: 'hospital' })
    expect(view.rows.find((r) => r.item.id === '2-⑥')!.answer.checkedOn).toBe('2026-12-02')
    // Plain digits as typed on a terminal reach the same item.
    expect((await svc.answer(actor, '2-11', { answer: 'yes', checkedOn: '2026-12-01' })).itemId).toBe('2-⑪')
    await expect(svc.answer(actor, '9-⑨', { answer: 'yes', checkedOn: '2026-12-01' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    })
  })

  it('keeps attachments per item with media type and size; deletion is audited', async () => {
    const pdf = Buffer.from('%PDF-1.4\n% test\n')
    const a = await svc.attach(actor, '3-①', {
      fileName: '連絡体制図.pdf',
      bytes: pdf,
      declaredType: 'application/octet-stream',
    })
    expect(a).toMatchObject({
      itemId: '3-①',
      fileName: '連絡体制図.pdf',
      mediaType: 'application/pdf',
      size: pdf.length,
    })
    const got = await svc.attachment(a.id)
    expect(got.bytes.equals(pdf)).toBe(true)
    const view = await svc.view({ form: 'hospital' })
    expect(view.rows.find((r) => r.item.id === '3-①')!.answer.attachments.map((x) => x.id)).toEqual([a.id])
    await expect(
      svc.attach(actor, '3-①', { fileName: 'big.bin', bytes: new Uint8Array(10 * 1024 * 1024 + 1) }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' })
    await svc.deleteAttachment(actor, a.id)
    expect(await audits('checklist.attach')).toHaveLength(1)
    expect(await audits('checklist.detach')).toHaveLength(1)
    await expect(svc.attachment(a.id)).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })

  it('makes the other items 確認不要 when 前提 is answered いいえ', async () => {
    await svc.answer(actor, '前提', { answer: 'no', checkedOn: '2026-12-01' })
    const view = await svc.view({ form: 'hospital' })
    expect(view.completion).toEqual({ total: 1, answered: 1, yes: 0, no: 1, overdue: 0 })
    expect(view.notRequired).toBe(true)
    await svc.answer(actor, '前提', { answer: 'yes', checkedOn: '2026-12-01' })
    expect((await svc.view({ form: 'hospital' })).completion).toMatchObject({ total: 19, answered: 3, yes: 3 })
  })

  it('records vendor answers per vendor on the vendor form', async () => {
    const v = await svc.createVendor(actor, { name: '株式会社サクラ医療システム', contact: 'support@example.jp' })
    expect(v).toMatchObject({ answered: 0, total: 15 })
    await svc.answer(actor, '2-③', { answer: 'yes', checkedOn: '2026-11-20' }, { vendorId: v.id })
    const view = await svc.view({ form: 'vendor', vendorId: v.id })
    expect(view.vendor).toMatchObject({ name: '株式会社サクラ医療システム', answered: 1 })
    expect(view.rows.find((r) => r.item.id === '2-③')!.answer.answer).toBe('yes')
    expect(view.rows.every((r) => r.evidence === null)).toBe(true)
    // The hospital's own 2-③ is untouched; a vendor-form answer without a vendor is refused.
    expect((await svc.view({ form: 'hospital' })).rows.find((r) => r.item.id === '2-③')!.answer.answer).toBeNull()
    await expect(
      svc.answer(actor, '2-③', { answer: 'yes', checkedOn: '2026-11-20' }, { editionId: 'r7-vendor' }),
    ).rejects.toMatchObject({
      code: 'CHECKLIST_ANSWER_INVALID',
    })
    expect((await svc.vendors())[0]).toMatchObject({ answered: 1, total: 15 })
    expect(await audits('checklist.vendor.create')).toHaveLength(1)
  })

  it('loads an edition from a 令和8-like .xlsx, audited, and makes it the default of its form', async () => {
    const bytes = await r8Form()
    const e = await svc.importEdition(actor, 'r8.xlsx', bytes)
    expect(e).toMatchObject({ form: 'hospital', fiscalYearJa: '令和8年度', builtIn: false })
    expect(e.items.map((i) => i.id)).toContain('2-⑭')
    const view = await svc.view({ form: 'hospital' })
    expect(view.edition.id).toBe(e.id)
    expect((await svc.editions()).map((x) => x.id)).toEqual([e.id, 'r7-hospital', 'r7-vendor'])
    expect(await audits('checklist.edition.load')).toHaveLength(1)
    // The same file again changes nothing.
    expect((await svc.importEdition(actor, 'r8.xlsx', bytes)).id).toBe(e.id)
    expect(await audits('checklist.edition.load')).toHaveLength(1)
    // Answers of the 令和7 edition stay under it.
    const r7 = await svc.view({ form: 'hospital', editionId: 'r7-hospital' })
    expect(r7.rows.find((r) => r.item.id === '2-⑥')!.answer.answer).toBe('yes')
  })
})
