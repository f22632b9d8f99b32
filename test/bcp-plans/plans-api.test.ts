/**
 * The continuity plans through the API as a client sends them, on both databases (ADR 0043): every role reads the
 * playbook, contacts, chart and exercises; an engineer changes them, a viewer is refused; arrows to unknown contacts
 * get 400 BCP_INVALID naming them; the chart is an SVG with every contact; the cards download is a PDF audited as an
 * export (with the bcp module's reader still empty, the PDF is the summary page alone).
 */
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Contact, ContactChain, Exercise, Playbook, PlaybookTask } from '../../api/bcp.js'
import type { Storage } from '../../src/storage/database.js'
import { pdfText } from '../documents/read-back.js'
import { buildTestApp, login, type Session } from '../helpers/app.js'
import { DIALECTS } from '../helpers/databases.js'

describe.each(DIALECTS)('continuity plans API on $name', (dialect) => {
  let storage: Storage
  let app: FastifyInstance
  let engineer: Session
  let viewer: Session
  let admin: Session

  const send = (s: Session, method: 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) =>
    app.inject({ method, url, headers: s.headers, ...(payload ? { payload } : {}) })
  const get = async <T>(url: string, s: Session = viewer): Promise<T> => {
    const res = await app.inject({ url, headers: s.headers })
    expect(res.statusCode, `${url}: ${res.body}`).toBe(200)
    return res.json() as T
  }

  beforeAll(async () => {
    storage = await dialect.open()
    app = await buildTestApp(storage)
    engineer = await login(app, 'engineer')
    viewer = await login(app, 'viewer')
    admin = await login(app, 'admin')
  })
  afterAll(async () => {
    await app.close()
    await storage.close()
  })

  it('serves the default playbook; an engineer edits a task, a viewer may not', async () => {
    const pb = await get<Playbook>('/api/bcp/playbook')
    expect(pb.phases).toHaveLength(5)
    const task = pb.phases[0]!.tasks[0]!
    const body = { ...task, owner: '臨床工学技士長' } as Partial<PlaybookTask>
    delete body.id
    delete body.updatedAt
    expect((await send(viewer, 'PUT', `/api/bcp/playbook/tasks/${task.id}`, body)).statusCode).toBe(403)
    const res = await send(engineer, 'PUT', `/api/bcp/playbook/tasks/${task.id}`, body)
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json().owner).toBe('臨床工学技士長')
    const created = await send(engineer, 'POST', '/api/bcp/playbook/tasks', { phase: 'detection', titleJa: '確認' })
    expect(created.statusCode, created.body).toBe(200)
    expect((await send(engineer, 'DELETE', `/api/bcp/playbook/tasks/${created.json().id}`)).statusCode).toBe(204)
    const bad = await send(engineer, 'POST', '/api/bcp/playbook/tasks', { phase: 'later', titleJa: '' })
    expect(bad.statusCode).toBe(400)
  })

  it('adds a contact with arrows; unknown ids are refused naming them; the chart shows every contact', async () => {
    const chain = await get<ContactChain>('/api/bcp/contacts')
    const cso = chain.items.find((c) => c.name === '医療情報システム安全管理責任者')!
    const refused = await send(engineer, 'POST', '/api/bcp/contacts', {
      name: '夜間当直',
      notifies: [cso.id, 'ghost-contact'],
    })
    expect(refused.statusCode).toBe(400)
    expect(refused.json().error.code).toBe('BCP_INVALID')
    expect(refused.body).toContain('ghost-contact')
    const res = await send(engineer, 'POST', '/api/bcp/contacts', {
      name: '<script>当直</script> & 医師',
      role: '第一報',
      phone: '03-0000-9999',
      notifies: [cso.id],
    })
    expect(res.statusCode, res.body).toBe(200)
    const made = res.json() as Contact
    expect(made.notifies).toEqual([cso.id])
    expect((await send(viewer, 'POST', '/api/bcp/contacts', { name: 'x' })).statusCode).toBe(403)
    const svg = await app.inject({ url: '/api/bcp/contacts/chart.svg?lang=en', headers: viewer.headers })
    expect(svg.statusCode).toBe(200)
    expect(svg.headers['content-type']).toContain('image/svg+xml')
    expect(svg.body).not.toContain('<script>')
    expect(svg.body).toContain('&lt;script&gt;当直&lt;/script&gt; &amp; 医師')
    for (const c of (await get<ContactChain>('/api/bcp/contacts')).items)
      expect(svg.body).toContain(`data-contact="${c.id}"`)
    expect((await send(engineer, 'DELETE', `/api/bcp/contacts/${made.id}`)).statusCode).toBe(204)
    expect((await send(engineer, 'DELETE', `/api/bcp/contacts/${made.id}`)).statusCode).toBe(404)
  })

  it('records exercises; a bad date is a 400 naming the field', async () => {
    const bad = await send(engineer, 'POST', '/api/bcp/exercises', { heldOn: '2026-13-01', scenario: 'x' })
    expect(bad.statusCode).toBe(400)
    const res = await send(engineer, 'POST', '/api/bcp/exercises', {
      heldOn: '2026-01-15',
      scenario: '電子カルテサーバのランサムウェア感染',
      lessons: '夜間の連絡が遅れた',
    })
    expect(res.statusCode, res.body).toBe(200)
    const ex = res.json() as Exercise
    expect((await get<{ items: Exercise[] }>('/api/bcp/exercises')).items.map((e) => e.id)).toContain(ex.id)
    const put = await send(engineer, 'PUT', `/api/bcp/exercises/${ex.id}`, {
      heldOn: '2026-01-16',
      scenario: ex.scenario,
    })
    expect(put.json().heldOn).toBe('2026-01-16')
  })

  it('downloads the cards as a PDF, audited as an export', async () => {
    const res = await app.inject({ url: '/api/bcp/cards?lang=ja', headers: viewer.headers })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.headers['content-type']).toBe('application/pdf')
    expect(res.headers['content-disposition']).toContain('mamori-downtime-cards-')
    const text = (await pdfText(res.rawPayload)).pages.join(' ').replace(/\s+/g, '')
    expect(text).toContain('停止時手順カード')
    const audit = await get<{ items: { action: string; targetId: string | null }[] }>(
      '/api/audit?action=report.export',
      admin,
    )
    expect(audit.items.map((e) => e.targetId)).toContain('downtime-cards')
  })
})
