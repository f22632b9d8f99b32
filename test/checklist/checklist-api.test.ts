/**
 * The checklist API as a client sends it, on both databases: roles (viewer reads, engineer answers, admin loads
 * editions), percent-encoded item ids (%E2%91%A0 …, 前提), 400 CHECKLIST_ANSWER_INVALID naming the field, 422
 * CHECKLIST_UNREADABLE listing sheet and cell with nothing stored, audit entries, attachments, vendors and exports.
 */
import ExcelJS from 'exceljs'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ChecklistView } from '../../api/checklist.js'
import type { Storage } from '../../src/storage/database.js'
import { buildTestApp, login, type Session } from '../helpers/app.js'
import { DIALECTS } from '../helpers/databases.js'
import { fileUpload } from '../helpers/multipart.js'
import { otherLayout, r8Form } from './forms.js'

const enc = encodeURIComponent

describe.each(DIALECTS)('checklist API on $name', (dialect) => {
  let storage: Storage
  let app: FastifyInstance
  let admin: Session
  let engineer: Session
  let viewer: Session
  const upload = (s: Session, url: string, name: string, bytes: Uint8Array) => {
    const body = fileUpload(name, bytes)
    return app.inject({ method: 'POST', url, headers: { ...s.headers, ...body.headers }, payload: body.payload })
  }
  const put = (s: Session, item: string, payload: object, query = '') =>
    app.inject({ method: 'PUT', url: `/api/checklist/answers/${enc(item)}${query}`, headers: s.headers, payload })
  const view = async (query = ''): Promise<ChecklistView> => {
    const res = await app.inject({ url: `/api/checklist${query}`, headers: viewer.headers })
    expect(res.statusCode, res.body).toBe(200)
    return res.json()
  }
  const audits = (action: string) =>
    storage.db.selectFrom('auditLog').selectAll().where('action', '=', action).orderBy('id').execute()

  beforeAll(async () => {
    storage = await dialect.open()
    app = await buildTestApp(storage)
    admin = await login(app, 'admin')
    engineer = await login(app, 'engineer')
    viewer = await login(app, 'viewer')
  })
  afterAll(async () => {
    await app.close()
    await storage.close()
  })

  it('lets every role read the built-in editions and the hospital form', async () => {
    const res = await app.inject({ url: '/api/checklist/editions', headers: viewer.headers })
    expect(res.statusCode).toBe(200)
    expect(res.json().items.map((e: { id: string }) => e.id)).toEqual(['r7-hospital', 'r7-vendor'])
    const v = await view()
    expect(v.rows).toHaveLength(19)
    expect(v.notRequired).toBe(false)
    expect(v.rows.find((r) => r.item.id === '2-①')!.evidence).toMatchObject({ suggestion: 'no' }) // empty ledger
  })

  it('answers through percent-encoded ids (2-①, 前提) as an engineer, audited; a viewer is refused', async () => {
    expect(enc('2-①')).toBe('2-%E2%91%A0')
    expect((await put(viewer, '2-①', { answer: 'yes', checkedOn: '2026-11-30' })).statusCode).toBe(403)
    const res = await put(engineer, '2-①', { answer: 'yes', checkedOn: '2026-11-30', responsible: '臨床工学技士 山田' })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json()).toMatchObject({
      itemId: '2-①',
      answer: 'yes',
      responsible: '臨床工学技士 山田',
      answeredBy: 'engineer',
    })
    expect((await put(engineer, '前提', { answer: 'yes', checkedOn: '2026-11-30' })).statusCode).toBe(200)
    const v = await view()
    expect(v.completion).toMatchObject({ answered: 2, yes: 2 })
    const log = await audits('checklist.answer')
    expect(log.map((l) => l.targetId)).toEqual(['r7-hospital::2-①', 'r7-hospital::前提'])
    expect(log[0]!.actorName).toBe('engineer')
  })

  it('refuses impossible dates with 400 CHECKLIST_ANSWER_INVALID naming the field and value; nothing saved', async () => {
    const cases: [object, string, string][] = [
      [{ answer: 'yes', checkedOn: '2026-02-30' }, 'checkedOn', '2026-02-30'],
      [{ answer: 'yes', checkedOn: '2999-01-01' }, 'checkedOn', '2999-01-01'],
      [{ answer: 'no', checkedOn: '2026-11-30', targetOn: '2026-11-01' }, 'targetOn', '2026-11-01'],
      [{ answer: 'yes', checkedOn: '2026-11-30', targetOn: '2027-03-31' }, 'targetOn', '2027-03-31'],
    ]
    for (const [body, field, value] of cases) {
      const res = await put(engineer, '2-⑥', body)
      expect(res.statusCode, res.body).toBe(400)
      const err = res.json().error
      expect(err.code).toBe('CHECKLIST_ANSWER_INVALID')
      expect(err.message).toContain(value)
      expect(err.details[0].where).toBe(field)
    }
    const bad = await put(engineer, '2-⑥', { answer: 'maybe', checkedOn: '2026-11-30' })
    expect(bad.statusCode).toBe(400)
    expect((await put(engineer, '9-⑨', { answer: 'yes', checkedOn: '2026-11-30' })).statusCode).toBe(404)
    expect((await view()).rows.find((r) => r.item.id === '2-⑥')!.answer.answer).toBeNull()
    expect(await audits('checklist.answer')).toHaveLength(2)
  })

  it('attaches, serves and deletes a file; a viewer may not attach', async () => {
    const url = `/api/checklist/answers/${enc('3-①')}/attachments`
    expect((await upload(viewer, url, 'x.pdf', Buffer.from('%PDF-1.4'))).statusCode).toBe(403)
    const res = await upload(engineer, url, '連絡体制図.pdf', Buffer.from('%PDF-1.4\n'))
    expect(res.statusCode, res.body).toBe(200)
    const a = res.json()
    expect(a).toMatchObject({ itemId: '3-①', mediaType: 'application/pdf', size: 9, uploadedBy: 'engineer' })
    const html = await upload(engineer, url, 'x.html', Buffer.from('<script>alert(1)</script>'))
    const got = await app.inject({ url: `/api/checklist/attachments/${html.json().id}`, headers: viewer.headers })
    expect(got.headers['content-type']).toBe('application/octet-stream')
    expect(got.headers['content-disposition']).toContain('attachment')
    const file = await app.inject({ url: `/api/checklist/attachments/${a.id}`, headers: viewer.headers })
    expect(file.statusCode).toBe(200)
    expect(file.headers['content-type']).toBe('application/pdf')
    expect(file.rawPayload.toString()).toBe('%PDF-1.4\n')
    const del = await app.inject({
      method: 'DELETE',
      url: `/api/checklist/attachments/${a.id}`,
      headers: engineer.headers,
    })
    expect(del.statusCode).toBe(204)
    expect(await audits('checklist.detach')).toHaveLength(1)
  })

  it('loads an edition as admin only; another layout → 422 with sheet and cell, nothing stored', async () => {
    expect((await upload(engineer, '/api/checklist/editions', 'r8.xlsx', await r8Form())).statusCode).toBe(403)
    const bad = await upload(admin, '/api/checklist/editions', '台帳.xlsx', await otherLayout())
    expect(bad.statusCode).toBe(422)
    const err = bad.json().error
    expect(err.code).toBe('CHECKLIST_UNREADABLE')
    expect(err.message).toContain('台帳.xlsx')
    expect(err.details.map((d: { where: string }) => d.where)).toEqual(['台帳.xlsx: 機器台帳', '台帳.xlsx: 回答欄: A2'])
    expect(await storage.db.selectFrom('checklistEditions').selectAll().execute()).toHaveLength(0)
    const ok = await upload(admin, '/api/checklist/editions', 'r8.xlsx', await r8Form())
    expect(ok.statusCode, ok.body).toBe(200)
    expect(ok.json()).toMatchObject({ fiscalYearJa: '令和8年度', form: 'hospital' })
    expect((await view()).edition.id).toBe(ok.json().id)
    expect((await view('?edition=r7-hospital')).completion.answered).toBe(2)
  })

  it('adds vendors, records their answers, and sends the vendor form prefilled', async () => {
    const v = await app.inject({
      method: 'POST',
      url: '/api/checklist/vendors',
      headers: engineer.headers,
      payload: { name: '株式会社サクラ医療システム', contact: '保守窓口 03-0000-0000' },
    })
    expect(v.statusCode, v.body).toBe(200)
    const id = v.json().id
    expect((await put(engineer, '2-③', { answer: 'yes', checkedOn: '2026-11-20' }, `?vendorId=${id}`)).statusCode).toBe(
      200,
    )
    const list = await app.inject({ url: '/api/checklist/vendors', headers: viewer.headers })
    expect(list.json().items[0]).toMatchObject({ name: '株式会社サクラ医療システム', answered: 1, total: 15 })
    const vv = await view(`?form=vendor&vendorId=${id}`)
    expect(vv.vendor!.name).toBe('株式会社サクラ医療システム')
    const form = await app.inject({ url: `/api/checklist/vendors/${id}/form?format=xlsx`, headers: viewer.headers })
    expect(form.statusCode).toBe(200)
    expect(form.headers['content-disposition']).toContain('.xlsx')
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(new Uint8Array(form.rawPayload).buffer)
    expect(String(wb.worksheets[0]!.getCell('A2').value)).toBe('事業者名: 株式会社サクラ医療システム')
  })

  it('exports xlsx and PDF in both languages (audited)', async () => {
    for (const [format, magic] of [
      ['xlsx', 'PK'],
      ['pdf', '%PDF'],
    ] as const) {
      const res = await app.inject({
        url: `/api/checklist/export?format=${format}&lang=en&edition=r7-hospital`,
        headers: viewer.headers,
      })
      expect(res.statusCode, res.body).toBe(200)
      expect(res.rawPayload.subarray(0, magic.length).toString()).toBe(magic)
      expect(res.headers['content-disposition']).toContain(`mhlw-checklist-r7-hospital-`)
    }
    expect((await audits('checklist.export')).length).toBeGreaterThanOrEqual(3)
  })
})
