/**
 * Issue 8 through the API as a client sends it, on both databases: import an MDS2 form (attached to a model named
 * "MAKER MODEL"), its evaluation in Japanese citing question ids, findings on the model's confirmed device,
 * refusal of unreadable files with every problem and nothing stored, roles, the letter as an audited export, the
 * declared-ports template, disclosed-versus-observed against a real loopback scan, and the comparison workbook.
 */
import { readFileSync } from 'node:fs'
import { type AddressInfo, createServer, type Server } from 'node:net'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Storage } from '../../src/storage/database.js'
import { buildDevice } from '../factories.js'
import { buildTestApp, login, type Session } from '../helpers/app.js'
import { DIALECTS } from '../helpers/databases.js'
import { fileUpload } from '../helpers/multipart.js'

const FIXTURES = join(import.meta.dirname, '../fixtures/disclosures')
const fixture = (name: string) => readFileSync(join(FIXTURES, name))

function listen(host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const s = createServer((sock) => {
      sock.on('error', () => {})
      sock.end('SSH-2.0-OpenSSH_8.9\r\n')
    })
    s.once('error', reject)
    s.listen(0, host, () => resolve(s))
  })
}

describe.each(DIALECTS)('disclosures API on $name', (dialect) => {
  let storage: Storage
  let app: FastifyInstance
  let admin: Session
  let engineer: Session
  let viewer: Session
  let disclosureId: string
  let modelId: string
  let deviceId: string
  const servers: Server[] = []

  const upload = (s: Session, name: string, bytes: Uint8Array, query = '') => {
    const body = fileUpload(name, bytes)
    return app.inject({
      method: 'POST',
      url: `/api/disclosures${query}`,
      headers: { ...s.headers, ...body.headers },
      payload: body.payload,
    })
  }

  beforeAll(async () => {
    storage = await dialect.open()
    app = await buildTestApp(storage)
    admin = await login(app, 'admin')
    engineer = await login(app, 'engineer')
    viewer = await login(app, 'viewer')
  })
  afterAll(async () => {
    for (const s of servers) s.close()
    await app.close()
    await storage.close()
  })

  it('refuses a viewer and a request without the CSRF token', async () => {
    expect((await upload(viewer, 'f.xlsx', fixture('sp-2000-mds2-2019.xlsx'))).statusCode).toBe(403)
    const body = fileUpload('f.xlsx', fixture('sp-2000-mds2-2019.xlsx'))
    const noCsrf = await app.inject({
      method: 'POST',
      url: '/api/disclosures',
      headers: { cookie: engineer.headers.cookie, ...body.headers },
      payload: body.payload,
    })
    expect(noCsrf.statusCode).toBe(403)
    const list = (await app.inject({ url: '/api/disclosures', headers: viewer.headers })).json()
    expect(list.items).toEqual([])
  })

  it('refuses files that are not a disclosure, says where and why, and stores nothing', async () => {
    for (const name of [
      'not-a-form-ledger.xlsx',
      'zip-bomb.xlsx',
      'encrypted.xlsx',
      'truncated.xlsx',
      'old-excel.xls',
    ]) {
      const res = await upload(engineer, name, fixture(name))
      expect(res.statusCode, name).toBe(422)
      const err = res.json().error
      expect(err.code).toBe('DISCLOSURE_UNREADABLE')
      expect(err.messageJa).toContain(name)
      expect(err.details.length, name).toBeGreaterThan(0)
      for (const d of err.details) {
        expect(d.message.length).toBeGreaterThan(0)
        expect(d.messageJa.length).toBeGreaterThan(0)
      }
    }
    const list = (await app.inject({ url: '/api/disclosures', headers: viewer.headers })).json()
    expect(list.items).toEqual([])
  })

  it('imports an MDS2 2019 form for "MAKER MODEL", reads the header and reports the quirks it normalised', async () => {
    const device = await app.inject({
      method: 'POST',
      url: '/api/devices',
      headers: engineer.headers,
      payload: buildDevice({
        assetTag: 'PUMP-0001',
        manufacturer: 'サンプル医療株式会社',
        model: 'SP-2000',
        ipAddresses: ['127.0.0.61'],
        macAddresses: [],
        serviceLifeEnd: '2032-03-31',
        supportEnd: '2029-03-31',
      }),
    })
    expect(device.statusCode).toBe(201)
    deviceId = device.json().id

    const res = await upload(
      engineer,
      'sp-2000-mds2-2019.xlsx',
      fixture('sp-2000-mds2-2019.xlsx'),
      `?model=${encodeURIComponent('サンプル医療 SP-2000')}`,
    )
    expect(res.statusCode, res.body).toBe(200)
    const out = res.json()
    disclosureId = out.disclosure.id
    modelId = out.disclosure.model.id
    expect(out.disclosure.form).toBe('mds2-2019')
    expect(out.disclosure.header.model).toContain('SP-2000')
    expect(out.disclosure.header.releaseDate).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    expect(out.disclosure.answeredCount).toBeGreaterThan(100)
    expect(out.problems.map((p: { code: string }) => p.code)).toContain('idMistyped')
    const mistyped = out.problems.find((p: { code: string }) => p.code === 'idMistyped')
    expect(mistyped.sheet).toBe('mds2-form')
    expect(mistyped.row).toBeGreaterThan(0)
    expect(mistyped.messageJa).toContain('SAHD-15')
    // No confirmed device yet: a suggestion never produces findings.
    expect(out.findings.devices).toBe(0)
  })

  it('evaluates it in Japanese: findings, compensating controls with checklist items, questions, each citing its id', async () => {
    const ev = (
      await app.inject({ url: `/api/disclosures/${disclosureId}/evaluation`, headers: viewer.headers })
    ).json()
    const paut = ev.findings.find((f: { citations: { questionId: string }[] }) =>
      f.citations.some((c) => c.questionId.startsWith('PAUT')),
    )
    expect(paut).toBeDefined()
    expect(paut.titleJa).toMatch(/[ぁ-んァ-ン一-龥]/)
    expect(ev.controls.some((c: { checklistItem: string | null }) => c.checklistItem?.startsWith('2-'))).toBe(true)
    expect(ev.questions.length).toBeGreaterThan(0)
    for (const group of [ev.findings, ev.controls, ev.questions])
      for (const x of group) expect(x.citations.length).toBeGreaterThan(0)
    const detail = (await app.inject({ url: `/api/disclosures/${disclosureId}`, headers: viewer.headers })).json()
    const sahd = detail.answers.find((a: { questionId: string }) => a.questionId === 'SAHD-15')
    expect(sahd?.writtenId).toBe('SHAD-15')
    expect(detail.answers.find((a: { questionId: string }) => a.questionId === 'PAUT-1')?.questionJa).toBeTruthy()
  })

  it("writes findings on the model's device once a person confirms the link, and resolves them when it no longer applies", async () => {
    const link = await app.inject({
      method: 'PUT',
      url: `/api/devices/${deviceId}/model`,
      headers: engineer.headers,
      payload: { modelId },
    })
    expect(link.statusCode, link.body).toBe(200)
    // Confirming the link applied the model's disclosure to the device at once.
    const findings = (
      await app.inject({ url: `/api/findings?deviceId=${deviceId}&limit=200`, headers: viewer.headers })
    ).json()
    const fromDisclosure = findings.items.filter((f: { source: string }) => f.source === 'disclosure')
    expect(fromDisclosure.length).toBeGreaterThan(0)
    // Every finding cites the answers it came from; the support-end one cites the ledger's dates.
    for (const f of fromDisclosure as { ruleId: string; evidence: string }[])
      expect(f.evidence, f.ruleId).toMatch(
        f.ruleId === 'support-end-before-service-life'
          ? /supportEnd: 2029-03-31; serviceLifeEnd: 2032-03-31/
          : /[A-Z]{3,4}-\d/,
      )
    expect(fromDisclosure.map((f: { ruleId: string }) => f.ruleId)).toContain('support-end-before-service-life')
    // Applying every disclosure again (a job) finds the same findings: nothing new, all updated.
    const again = (
      await app.inject({ method: 'POST', url: '/api/disclosures/apply', headers: engineer.headers })
    ).json()
    expect(again).toMatchObject({ devices: 1, created: 0, updated: fromDisclosure.length, resolved: 0 })
    const job = (await app.inject({ url: `/api/jobs/${again.jobId}`, headers: viewer.headers })).json()
    expect(job).toMatchObject({ kind: 'disclosure-apply', state: 'succeeded' })
  })

  it('makes the letter to the manufacturer as PDF and Word, and audits the export', async () => {
    const pdf = await app.inject({
      url: `/api/disclosures/${disclosureId}/letter?lang=ja&format=pdf`,
      headers: viewer.headers,
    })
    expect(pdf.statusCode, pdf.body.slice(0, 300)).toBe(200)
    expect(pdf.headers['content-type']).toBe('application/pdf')
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-')
    expect(String(pdf.headers['content-disposition'])).toMatch(
      /^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''/,
    )
    const docx = await app.inject({
      url: `/api/disclosures/${disclosureId}/letter?lang=en&format=docx`,
      headers: viewer.headers,
    })
    expect(docx.statusCode).toBe(200)
    expect(docx.rawPayload.subarray(0, 2).toString()).toBe('PK')
    const audit = (await app.inject({ url: `/api/audit?targetId=${disclosureId}`, headers: admin.headers })).json()
    const actions = audit.items.map((e: { action: string }) => e.action)
    expect(actions.filter((a: string) => a === 'export.letter')).toHaveLength(2)
    expect(actions).toContain('disclosure.import')
    // People read the target by its form, model and file, not its UUID.
    expect(audit.items[0].targetLabel).toBe('mds2-2019 — サンプル医療 SP-2000 (sp-2000-mds2-2019.xlsx)')
  })

  it('compares disclosed and observed ports on the device after a real scan', async () => {
    const declaredServer = await listen('127.0.0.61')
    const extraServer = await listen('127.0.0.61')
    servers.push(declaredServer, extraServer)
    const declared = (declaredServer.address() as AddressInfo).port
    const extra = (extraServer.address() as AddressInfo).port
    const put = await app.inject({
      method: 'PUT',
      url: `/api/models/${modelId}/declared-ports`,
      headers: engineer.headers,
      payload: {
        ports: [
          { port: declared, transport: 'tcp', direction: 'in', service: 'ssh', purpose: 'service login', tls: null },
          { port: 1, transport: 'tcp', direction: 'in', service: 'tcpmux', purpose: 'never open', tls: null },
        ],
      },
    })
    expect(put.statusCode, put.body).toBe(200)
    expect(put.json().source).toBe('manual')
    await app.inject({ method: 'POST', url: '/api/scopes', headers: admin.headers, payload: { target: '127.0.0.61' } })
    const started = await app.inject({
      method: 'POST',
      url: '/api/scans',
      headers: engineer.headers,
      payload: { targets: ['127.0.0.61'], ports: `1,${declared},${extra}`, profile: 'standard' },
    })
    expect(started.statusCode).toBe(202)
    for (let i = 0; i < 300; i++) {
      const s = (await app.inject({ url: `/api/scans/${started.json().id}`, headers: engineer.headers })).json()
      if (['completed', 'stopped', 'failed'].includes(s.status)) break
      await new Promise((r) => setTimeout(r, 100))
    }
    const table = (
      await app.inject({ url: `/api/devices/${deviceId}/disclosed-vs-observed`, headers: viewer.headers })
    ).json()
    expect(table.linkState).toBe('confirmed')
    expect(table.lastScannedAt).not.toBeNull()
    const status = Object.fromEntries(table.rows.map((r: { port: number; status: string }) => [r.port, r.status]))
    expect(status).toEqual({ 1: 'declared-unseen', [declared]: 'declared-seen', [extra]: 'undeclared-open' })
    // The scan's undeclared-port finding now cites the model's declaration.
    const findings = (
      await app.inject({
        url: `/api/findings?deviceId=${deviceId}&ruleId=undeclared-open-port`,
        headers: viewer.headers,
      })
    ).json()
    expect(findings.items.map((f: { port: number }) => f.port)).toEqual([extra])
    expect(findings.items[0].titleJa).toContain('開示書')
  })

  it('replaces declared ports from the template and refuses a broken one with row and field', async () => {
    const good = JSON.stringify({
      ports: [{ port: 104, transport: 'tcp', direction: 'in', service: 'DICOM', purpose: 'image store', tls: false }],
    })
    const body = fileUpload('ports.json', Buffer.from(good))
    const ok = await app.inject({
      method: 'POST',
      url: `/api/models/${modelId}/declared-ports/import`,
      headers: { ...engineer.headers, ...body.headers },
      payload: body.payload,
    })
    expect(ok.statusCode, ok.body).toBe(200)
    expect(ok.json()).toMatchObject({ source: 'template', ports: [{ port: 104, service: 'DICOM' }] })
    const bad = fileUpload(
      'ports.csv',
      Buffer.from('port,transport,direction,service,purpose,tls\n99999,tcp,in,x,y,no\n'),
    )
    const refused = await app.inject({
      method: 'POST',
      url: `/api/models/${modelId}/declared-ports/import`,
      headers: { ...engineer.headers, ...bad.headers },
      payload: bad.payload,
    })
    expect(refused.statusCode).toBe(422)
    expect(refused.json().error.details[0].where).toMatch(/2/)
    const still = (await app.inject({ url: `/api/models/${modelId}/declared-ports`, headers: viewer.headers })).json()
    expect(still.ports.map((p: { port: number }) => p.port)).toEqual([104])
  })

  it('compares two models side by side and exports the comparison as guarded Excel', async () => {
    const second = await upload(engineer, 'bm-500-mds2-2019.xlsx', fixture('bm-500-mds2-2019.xlsx'))
    expect(second.statusCode, second.body).toBe(200)
    const other = second.json().disclosure.model.id
    expect(other).not.toBe(modelId)
    const json = (
      await app.inject({ url: `/api/disclosures/compare?modelIds=${modelId},${other}`, headers: viewer.headers })
    ).json()
    expect(json.models).toHaveLength(2)
    expect(json.rows.some((r: { differs: boolean }) => r.differs)).toBe(true)
    const xlsx = await app.inject({
      url: `/api/disclosures/compare?modelIds=${modelId},${other}&format=xlsx`,
      headers: viewer.headers,
    })
    expect(xlsx.statusCode).toBe(200)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer)
    expect(wb.worksheets.length).toBeGreaterThanOrEqual(2)
    const audit = (
      await app.inject({ url: '/api/audit?action=export.model-comparison', headers: admin.headers })
    ).json()
    expect(audit.total).toBe(1)
  })

  it('keeps the letter sender for admins only', async () => {
    const sender = {
      name: '守り総合病院',
      department: '臨床工学部',
      address: null,
      contactPerson: '山田',
      email: null,
      phone: null,
    }
    expect(
      (
        await app.inject({
          method: 'PUT',
          url: '/api/settings/letter-sender',
          headers: engineer.headers,
          payload: sender,
        })
      ).statusCode,
    ).toBe(403)
    const ok = await app.inject({
      method: 'PUT',
      url: '/api/settings/letter-sender',
      headers: admin.headers,
      payload: sender,
    })
    expect(ok.statusCode).toBe(200)
    expect((await app.inject({ url: '/api/settings/letter-sender', headers: viewer.headers })).json().name).toBe(
      '守り総合病院',
    )
  })

  it("unlinking the device resolves the disclosure's findings on it", async () => {
    const del = await app.inject({ method: 'DELETE', url: `/api/devices/${deviceId}/model`, headers: engineer.headers })
    expect(del.statusCode, del.body).toBeLessThan(300)
    const findings = (
      await app.inject({ url: `/api/findings?deviceId=${deviceId}&limit=200&status=open`, headers: viewer.headers })
    ).json()
    expect(findings.items.filter((f: { source: string }) => f.source === 'disclosure')).toEqual([])
  })

  it('deletes a disclosure (audited) and answers 404 after', async () => {
    const del = await app.inject({
      method: 'DELETE',
      url: `/api/disclosures/${disclosureId}`,
      headers: engineer.headers,
    })
    expect(del.statusCode).toBe(204)
    expect((await app.inject({ url: `/api/disclosures/${disclosureId}`, headers: viewer.headers })).statusCode).toBe(
      404,
    )
  })
})
