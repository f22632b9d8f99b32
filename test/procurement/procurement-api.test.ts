/**
 * The procurement API (api/procurement.ts) as a client sends it, on both databases: roles (viewer reads, engineer
 * bids, admin the requirement set), CSRF, 422 with every problem and nothing changed, audit entries in the same
 * transaction, the .xlsx round trip through the upload route, the comparison with a catalog model's disclosures, and
 * the exports (audited).
 */
import { randomUUID } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Bid, BidComparison, RequirementSet } from '../../api/procurement.js'
import type { Storage } from '../../src/storage/database.js'
import { pdfText } from '../documents/read-back.js'
import { buildTestApp, login, type Session } from '../helpers/app.js'
import { DIALECTS } from '../helpers/databases.js'
import { fileUpload } from '../helpers/multipart.js'
import { fillAnswers } from './fill.js'

describe.each(DIALECTS)('procurement API on $name', (dialect) => {
  let storage: Storage
  let app: FastifyInstance
  let admin: Session
  let engineer: Session
  let viewer: Session
  const call = (s: Session, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
    app.inject({ method, url, headers: s.headers, ...(payload !== undefined ? { payload: payload as object } : {}) })
  const audits = (action: string) =>
    storage.db.selectFrom('auditLog').selectAll().where('action', '=', action).orderBy('id').execute()
  const bidBody = (vendor: string, modelId: string | null = null) => ({
    tender: '2027年度 ICU 生体情報モニタ更新',
    vendor,
    manufacturer: '東邦メディカル',
    model: 'VS-820',
    modelId,
    receivedOn: '2026-11-20',
  })

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

  it('serves the built-in template to every role', async () => {
    const res = await call(viewer, 'GET', '/api/procurement/requirements')
    expect(res.statusCode).toBe(200)
    const set: RequirementSet = res.json()
    expect(set).toMatchObject({
      name: 'Mamori 調達要件テンプレート',
      version: '2026.1',
      builtIn: true,
      updatedAt: null,
    })
    expect(set.items.length).toBeGreaterThanOrEqual(20)
  })

  it('lets only an admin replace the set; 422 lists every problem and changes nothing; audited', async () => {
    const set: RequirementSet = (await call(viewer, 'GET', '/api/procurement/requirements')).json()
    const edited = { name: 'みなと総合病院 調達要件', version: '2027年度版', items: set.items.slice(0, 5) }
    expect((await call(viewer, 'PUT', '/api/procurement/requirements', edited)).statusCode).toBe(403)
    expect((await call(engineer, 'PUT', '/api/procurement/requirements', edited)).statusCode).toBe(403)
    const noCsrf = await app.inject({
      method: 'PUT',
      url: '/api/procurement/requirements',
      headers: { cookie: admin.cookie },
      payload: edited,
    })
    expect(noCsrf.statusCode).toBe(403)
    expect(noCsrf.json().error.code).toBe('CSRF_INVALID')

    const bad = {
      name: 'x',
      version: '',
      items: [set.items[0], { ...set.items[1], id: set.items[0]!.id }, { ...set.items[2], weight: 0 }],
    }
    const refused = await call(admin, 'PUT', '/api/procurement/requirements', bad)
    expect(refused.statusCode).toBe(422)
    const err = refused.json().error
    expect(err.code).toBe('PROCUREMENT_REQUIREMENTS_INVALID')
    expect(err.details.map((d: { where: string }) => d.where)).toEqual(
      expect.arrayContaining(['version', 'items[1].id', 'items[2].weight']),
    )
    expect((await call(viewer, 'GET', '/api/procurement/requirements')).json().builtIn).toBe(true)
    expect(await audits('procurement.requirements.update')).toHaveLength(0)

    const ok = await call(admin, 'PUT', '/api/procurement/requirements', edited)
    expect(ok.statusCode, ok.body).toBe(200)
    expect(ok.json()).toMatchObject({ name: 'みなと総合病院 調達要件', builtIn: false, updatedBy: 'admin' })
    expect(ok.json().items).toHaveLength(5)
    const log = await audits('procurement.requirements.update')
    expect(log).toHaveLength(1)
    expect(log[0]!.actorName).toBe('admin')

    const reset = await call(admin, 'POST', '/api/procurement/requirements/reset')
    expect(reset.statusCode).toBe(200)
    expect(reset.json()).toMatchObject({ builtIn: true, version: '2026.1' })
    expect(await audits('procurement.requirements.reset')).toHaveLength(1)
  })

  it('records bids as an engineer (not a viewer), scores them, updates and deletes with audit entries', async () => {
    expect((await call(viewer, 'POST', '/api/procurement/bids', bidBody('A社'))).statusCode).toBe(403)
    const res = await call(engineer, 'POST', '/api/procurement/bids', {
      ...bidBody('A社'),
      answers: [
        { itemId: 'P-01', answer: 'yes' },
        { itemId: 'P-02', answer: 'partial' },
      ],
    })
    expect(res.statusCode, res.body).toBe(200)
    const b: Bid = res.json()
    expect(b.score.answered).toBe(2)
    expect(b.score.points).toBe(5 + 2.5)
    expect(b.score.mandatoryGaps).not.toContain('P-01')
    expect(b.score.mandatoryGaps).toContain('P-06')
    expect(b.createdBy).toBe('engineer')
    const bad = await call(engineer, 'POST', '/api/procurement/bids', { ...bidBody('B'), receivedOn: '20261120' })
    expect(bad.statusCode).toBe(400)
    const unknownModel = await call(engineer, 'POST', '/api/procurement/bids', bidBody('B', 'no-such-model'))
    expect(unknownModel.statusCode).toBe(404)

    const put = await call(engineer, 'PUT', `/api/procurement/bids/${b.id}`, { ...bidBody('A社 改'), notes: '再見積' })
    expect(put.statusCode).toBe(200)
    expect(put.json()).toMatchObject({ vendor: 'A社 改', notes: '再見積', answers: [] })
    expect((await call(viewer, 'GET', `/api/procurement/bids/${b.id}`)).json().vendor).toBe('A社 改')
    expect((await call(viewer, 'DELETE', `/api/procurement/bids/${b.id}`)).statusCode).toBe(403)
    expect((await call(engineer, 'DELETE', `/api/procurement/bids/${b.id}`)).statusCode).toBe(204)
    expect((await call(viewer, 'GET', `/api/procurement/bids/${b.id}`)).statusCode).toBe(404)
    for (const a of ['procurement.bid.create', 'procurement.bid.update', 'procurement.bid.delete'])
      expect((await audits(a)).map((l) => l.targetId)).toContain(b.id)
  })

  it('round trip: export the sheet for a bid, the vendor fills it, upload reads the answers (all or nothing)', async () => {
    const b: Bid = (await call(engineer, 'POST', '/api/procurement/bids', bidBody('湾岸医療機器販売'))).json()
    const exp = await call(viewer, 'GET', `/api/procurement/requirements/export?lang=ja&format=xlsx&bidId=${b.id}`)
    expect(exp.statusCode).toBe(200)
    expect(exp.headers['content-type']).toContain('spreadsheetml')
    expect(String(exp.headers['content-disposition'])).toContain('.xlsx')
    expect((await audits('procurement.requirements.export')).map((l) => l.targetId)).toContain(b.id)

    const upload = (bytes: Buffer, s = engineer) => {
      const body = fileUpload('回答.xlsx', bytes)
      return app.inject({
        method: 'POST',
        url: `/api/procurement/bids/${b.id}/answers`,
        headers: { ...s.headers, ...body.headers },
        payload: body.payload,
      })
    }
    const badCell = await fillAnswers(exp.rawPayload, { 'P-01': ['はい'], 'P-02': ['maybe'] })
    const refused = await upload(badCell)
    expect(refused.statusCode).toBe(422)
    expect(refused.json().error.code).toBe('PROCUREMENT_ANSWERS_UNREADABLE')
    expect(refused.json().error.details[0].where).toMatch(/回答\.xlsx: 調達要件: H11 「maybe」/)
    expect((await call(viewer, 'GET', `/api/procurement/bids/${b.id}`)).json().answers).toEqual([])
    expect((await upload(badCell, viewer)).statusCode).toBe(403)

    const filled = await fillAnswers(exp.rawPayload, {
      'P-01': ['はい', 'MDS2 添付'],
      'P-06': ['いいえ', '2028年予定'],
      'P-10': ['○'],
    })
    const ok = await upload(filled)
    expect(ok.statusCode, ok.body).toBe(200)
    expect(ok.json()).toMatchObject({ read: 3, unknownIds: [] })
    expect(ok.json().bid.answers).toEqual([
      { itemId: 'P-01', answer: 'yes', note: 'MDS2 添付' },
      { itemId: 'P-06', answer: 'no', note: '2028年予定' },
      { itemId: 'P-10', answer: 'yes', note: '' },
    ])
    expect(ok.json().bid.score.mandatoryGaps).toContain('P-06')
    expect((await audits('procurement.bid.answers.import')).map((l) => l.targetId)).toEqual([b.id])
  })

  it('compares bids with the disclosure summary of their catalog models; exports audited', async () => {
    const model = await call(engineer, 'POST', '/api/models', { manufacturer: '東邦メディカル', name: 'VitaScope X1' })
    expect(model.statusCode, model.body).toBe(201)
    const modelId = model.json().id as string
    const disclosureId = randomUUID()
    await storage.db
      .insertInto('disclosures')
      .values({
        id: disclosureId,
        modelId,
        form: 'mds2-2019',
        fileName: 'x.xlsx',
        fileSha256: null,
        header: JSON.stringify({ supportEnd: '2034-03-31' }),
        questionCount: 1,
        answeredCount: 1,
        problems: '[]',
        importedAt: '2026-11-01T00:00:00.000Z',
        importedBy: null,
      })
      .execute()
    // PAUT-1 "no": the disclosure rules raise "no unique accounts" (high).
    await storage.db
      .insertInto('disclosureAnswers')
      .values({
        disclosureId,
        questionId: 'PAUT-1',
        writtenId: null,
        value: 'no',
        comment: null,
        noteRefs: '[]',
        cell: null,
      })
      .execute()
    for (const [port, tls] of [
      [443, 1],
      [23, null],
      [7000, 0],
    ] as const)
      await storage.db
        .insertInto('modelDeclaredPorts')
        .values({
          id: randomUUID(),
          modelId,
          port,
          transport: 'tcp',
          direction: 'in',
          service: null,
          purpose: null,
          tls,
          source: 'manual',
          disclosureId: null,
        })
        .execute()
    const a: Bid = (
      await call(engineer, 'POST', '/api/procurement/bids', {
        ...bidBody('比較A', modelId),
        answers: [{ itemId: 'P-01', answer: 'yes' }],
      })
    ).json()
    const b: Bid = (await call(engineer, 'POST', '/api/procurement/bids', bidBody('比較B'))).json()
    expect((await call(viewer, 'GET', `/api/procurement/compare?bids=${a.id}`)).statusCode).toBe(400)
    expect((await call(viewer, 'GET', `/api/procurement/compare?bids=${a.id},nope`)).statusCode).toBe(404)
    const res = await call(viewer, 'GET', `/api/procurement/compare?bids=${a.id},${b.id}`)
    expect(res.statusCode, res.body).toBe(200)
    const cmp: BidComparison = res.json()
    expect(cmp.bids.map((x) => x.id)).toEqual([a.id, b.id])
    expect(cmp.bids[0]!.disclosure).toMatchObject({
      modelId,
      hasMds2: true,
      hasMdsSds: false,
      hasSbom: false,
      declaredPorts: [23, 443, 7000],
      cleartextPorts: [23, 7000],
      supportEnd: '2034-03-31',
      knownVulnerabilities: 0,
    })
    expect(cmp.bids[0]!.disclosure.disclosureFindings).toEqual(
      expect.arrayContaining([expect.objectContaining({ severity: 'high' })]),
    )
    expect(cmp.bids[1]!.disclosure).toMatchObject({
      modelId: null,
      hasMds2: false,
      declaredPorts: [],
      disclosureFindings: [],
    })
    expect(cmp.rows[0]).toMatchObject({ item: { id: 'P-01' }, answers: ['yes', null] })

    const pdf = await call(viewer, 'GET', `/api/procurement/compare/export?bids=${a.id},${b.id}&lang=ja&format=pdf`)
    expect(pdf.statusCode).toBe(200)
    expect(pdf.headers['content-type']).toBe('application/pdf')
    const text = (await pdfText(pdf.rawPayload)).pages.join('').replace(/\s+/g, '')
    expect(text).toContain('応札比較')
    expect(text).toContain('比較A')
    const xlsx = await call(viewer, 'GET', `/api/procurement/compare/export?bids=${a.id},${b.id}&lang=en&format=xlsx`)
    expect(xlsx.statusCode).toBe(200)
    expect((await audits('procurement.compare.export')).length).toBe(2)
  })
})
