/**
 * Issue 11's "done when", through the API as a client sends it, on both databases, with the demo hospital as a fresh
 * clone loads it (ledger, fictional scan, and the lifecycle and continuity demo): a requirement sheet can be attached
 * to a tender (.xlsx with an answer column, PDF in Japanese); a new device is accepted against its manufacturer's
 * disclosure — a real gentle scan on loopback from an approved quarantine scope, the open ports compared with the
 * MDS2's declaration, checks, an issue raised and answered, sign-off, the acceptance report PDF; the impact of losing
 * a server lists the clinical services that stop; downtime cards print in Japanese.
 */
import { readFileSync } from 'node:fs'
import { createServer, type Server, type Socket } from 'node:net'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Acceptance } from '../../api/acceptance.js'
import type { ClinicalService, ImpactResult } from '../../api/bcp.js'
import type { DeviceListResponse } from '../../api/device.js'
import type { RequirementSet } from '../../api/procurement.js'
import { recordDemoScan } from '../../src/demo/demo-scan.js'
import { loadLifecycleDemo } from '../../src/demo/lifecycle-demo.js'
import { loadDemo } from '../../src/demo/load-demo.js'
import type { Services } from '../../src/services/index.js'
import { SYSTEM_ACTOR } from '../../src/storage/audit-repository.js'
import type { Storage } from '../../src/storage/database.js'
import { pdfText } from '../documents/read-back.js'
import { buildDevice } from '../factories.js'
import { buildTestApp, login, type Session } from '../helpers/app.js'
import { DIALECTS } from '../helpers/databases.js'
import { fileUpload } from '../helpers/multipart.js'

const FIXTURES = join(import.meta.dirname, '../fixtures/disclosures')
const JAPANESE = /[ぁ-んァ-ン一-龥]/

describe.each(DIALECTS.map((d, i) => ({ ...d, address: `127.0.0.${71 + i * 2}` })))(
  'issue 11 done-when on the demo hospital, $name',
  (dialect) => {
    let storage: Storage
    let app: FastifyInstance
    let admin: Session
    let engineer: Session
    let viewer: Session
    const listeners: Server[] = []
    const sockets = new Set<Socket>()

    const send = async <T>(method: 'POST' | 'PUT' | 'PATCH', url: string, s: Session, payload?: unknown) => {
      const res = await app.inject({
        method,
        url,
        headers: s.headers,
        ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
      })
      expect(res.statusCode, `${method} ${url}: ${res.body.slice(0, 800)}`).toBeLessThan(300)
      return res.json() as T
    }
    const get = async <T>(url: string, s: Session = viewer): Promise<T> => {
      const res = await app.inject({ url, headers: s.headers })
      expect(res.statusCode, `${url}: ${res.body.slice(0, 800)}`).toBe(200)
      return res.json() as T
    }
    const download = async (url: string, s: Session = viewer) => {
      const res = await app.inject({ url, headers: s.headers })
      expect(res.statusCode, `${url}: ${res.body.slice(0, 800)}`).toBe(200)
      return res
    }

    beforeAll(async () => {
      storage = await dialect.open()
      app = await buildTestApp(storage)
      admin = await login(app, 'admin')
      engineer = await login(app, 'engineer')
      viewer = await login(app, 'viewer')
      // What `npm start` does on a fresh clone.
      await loadDemo(storage.db, { actor: SYSTEM_ACTOR })
      await recordDemoScan(storage.db, app.deps.scans, SYSTEM_ACTOR)
      await loadLifecycleDemo(app.deps as unknown as Services, SYSTEM_ACTOR, { reset: false })
    })
    afterAll(async () => {
      for (const sock of sockets) sock.destroy()
      for (const s of listeners) await new Promise((r) => s.close(r))
      await app.close()
      await storage.close()
    })

    it('a requirement sheet can be attached to a tender: .xlsx with an answer column, PDF in Japanese', async () => {
      const set = await get<RequirementSet>('/api/procurement/requirements')
      expect(set.items.length).toBeGreaterThanOrEqual(15)
      expect(set.items.some((i) => i.mandatory)).toBe(true)
      const xlsx = await download('/api/procurement/requirements/export?lang=ja&format=xlsx')
      expect(xlsx.headers['content-disposition']).toMatch(/attachment/)
      const book = new ExcelJS.Workbook()
      await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer)
      const cells = book.worksheets.flatMap((ws) => {
        const out: string[] = []
        ws.eachRow((row) => {
          row.eachCell((c) => {
            out.push(String(c.text ?? ''))
          })
        })
        return out
      })
      // Every requirement is on the sheet, and the vendor has a column to answer in.
      for (const item of set.items) expect(cells.some((c) => c.includes(item.id))).toBe(true)
      expect(cells.some((c) => c.includes('SBOM'))).toBe(true)
      expect(cells.some((c) => /回答/.test(c))).toBe(true)
      const pdf = await download('/api/procurement/requirements/export?lang=ja&format=pdf')
      const text = (await pdfText(pdf.rawPayload)).pages.join('\n')
      expect(text).toMatch(JAPANESE)
      expect(text).toContain(set.items[0]!.textJa.slice(0, 12))
    })

    it('a new device is accepted against its disclosure: quarantine scan, comparison, checks, issue, sign-off, report', async () => {
      // The manufacturer's MDS2 for the BM-500 declares TCP 2575 (HL7) and UDP 123 (NTP).
      const up = fileUpload('bm-500-mds2-2019.xlsx', readFileSync(join(FIXTURES, 'bm-500-mds2-2019.xlsx')))
      const imported = await app.inject({
        method: 'POST',
        url: `/api/disclosures?model=${encodeURIComponent('サンプル医療 BM-500')}`,
        headers: { ...engineer.headers, ...up.headers },
        payload: up.payload,
      })
      expect(imported.statusCode, imported.body).toBe(200)
      const modelId: string = imported.json().disclosure.model.id

      // The new monitor on the quarantine segment (a loopback address of its own), answering on 2575 and on 8080.
      const address = dialect.address
      for (const port of [2575, 8080]) {
        const server = createServer((sock) => {
          sockets.add(sock)
          sock.on('close', () => sockets.delete(sock))
          sock.end()
        })
        await new Promise<void>((resolve, reject) => {
          server.once('error', reject)
          server.listen(port, address, resolve)
        })
        listeners.push(server)
      }
      const device = await send<{ id: string }>(
        'POST',
        '/api/devices',
        engineer,
        buildDevice({
          assetTag: 'NEW-MON-001',
          name: '生体情報モニタ',
          manufacturer: 'サンプル医療株式会社',
          model: 'BM-500',
          department: 'ICU',
          ipAddresses: [address],
          macAddresses: [],
          status: 'in_storage',
        }),
      )
      await send('PUT', `/api/devices/${device.id}/model`, engineer, { modelId })
      const scope = await send<{ id: string }>('POST', '/api/scopes', admin, {
        target: `${address}/32`,
        label: '受入検査用 隔離セグメント',
      })

      const started = await send<Acceptance>('POST', '/api/acceptances', engineer, {
        device: 'NEW-MON-001',
        scopeId: scope.id,
      })
      expect(started.state).toBe('in_progress')
      const inLedger = await get<{ status: string }>(`/api/devices/${device.id}`)
      expect(inLedger.status).toBe('acceptance')

      // A scope that does not cover the device is refused: the scan never leaves its approved scope.
      const elsewhere = await send<{ id: string }>('POST', '/api/scopes', admin, { target: '127.0.0.250/32' })
      const refused = await app.inject({
        method: 'POST',
        url: `/api/acceptances/${started.id}/scan`,
        headers: engineer.headers,
        payload: { scopeId: elsewhere.id },
      })
      expect(refused.statusCode).toBe(400)
      expect(refused.json().error.code).toBe('ACCEPTANCE_OUTSIDE_QUARANTINE')

      const scan = await send<{ jobId: string; scanId: string }>(
        'POST',
        `/api/acceptances/${started.id}/scan`,
        engineer,
        { scopeId: scope.id },
      )
      for (let i = 0; i < 600; i++) {
        const job = await get<{ state: string }>(`/api/jobs/${scan.jobId}`, engineer)
        if (!['queued', 'running'].includes(job.state)) break
        await new Promise((r) => setTimeout(r, 250))
      }
      const compared = await send<Acceptance>('POST', `/api/acceptances/${started.id}/compare`, engineer)
      expect(compared.comparison.declarationSource).toBeTruthy()
      expect(compared.comparison.declaredPorts).toContain(2575)
      expect(compared.comparison.openPorts.map((p) => p.port)).toEqual(expect.arrayContaining([2575, 8080]))
      expect(compared.comparison.undeclaredOpen).toEqual([8080])

      // Not signed off while checks are open.
      const early = await app.inject({
        method: 'POST',
        url: `/api/acceptances/${started.id}/sign-off`,
        headers: engineer.headers,
        payload: {},
      })
      expect(early.statusCode).toBe(409)
      expect(early.json().error.code).toBe('ACCEPTANCE_INCOMPLETE')

      let current = compared
      for (const check of current.checks)
        current = await send<Acceptance>('PUT', `/api/acceptances/${started.id}/checks/${check.id}`, engineer, {
          result: 'pass',
          note: '納入業者立会いで確認',
        })
      current = await send<Acceptance>('POST', `/api/acceptances/${started.id}/issues`, engineer, {
        title: 'TCP 8080 が申告外で開いている',
        detail: 'MDS2 に記載のないポートです。用途と閉じ方を教えてください。',
      })
      const issue = current.issues[0]!
      current = await send<Acceptance>('PATCH', `/api/acceptances/${started.id}/issues/${issue.id}`, engineer, {
        manufacturerReply: '保守用 Web 画面です。設定で無効にできます。',
        resolution: 'fixed',
        decision: '導入時に無効化した',
      })
      const signed = await send<Acceptance>('POST', `/api/acceptances/${started.id}/sign-off`, engineer, {
        note: '申告との差異は解消済み',
      })
      expect(signed.state).toBe('signed_off')
      expect(signed.signOff?.by).toBeTruthy()
      expect((await get<{ status: string }>(`/api/devices/${device.id}`)).status).toBe('in_use')

      const report = await download(`/api/acceptances/${started.id}/report?lang=ja`)
      const text = (await pdfText(report.rawPayload)).pages.join('\n')
      expect(text).toContain('NEW-MON-001')
      expect(text).toContain('8080')
      expect(text).toMatch(/導入時確認/)
      // A real gentle scan of the quarantine address takes ~25 s by design (gentle pacing); room for a busy machine.
    }, 120_000)

    it('the impact of losing a server lists the clinical services that stop', async () => {
      const servers = await get<DeviceListResponse>('/api/devices?kind=server&limit=500')
      const pacs = servers.items.find((d) => /PACS/i.test(`${d.name} ${d.hostname} ${d.model}`))
      expect(pacs, 'the demo hospital has a PACS server').toBeDefined()
      const impact = await get<ImpactResult>(`/api/bcp/impact?node=${encodeURIComponent(pacs!.id)}`)
      const stopping = impact.services.filter((s) => s.effect === 'stops')
      expect(stopping.length).toBeGreaterThan(0)
      expect(stopping.some((s) => /画像/.test(s.name))).toBe(true)
      for (const s of stopping) {
        expect(s.path[0]!.id).toBe(pacs!.id)
        expect(s.path.at(-1)).toMatchObject({ kind: 'service', id: s.id })
      }
      // The demo plan has MTDs and fallbacks, so the answer says how long the hospital can bear it.
      expect(stopping.some((s) => s.maxDowntimeMinutes !== null && s.fallbackJa.length > 0)).toBe(true)
      expect(impact.graph.nodes.some((n) => n.state === 'lost')).toBe(true)
      // A segment works as well, by name.
      const services = await get<{ items: ClinicalService[] }>('/api/bcp/services')
      expect(services.items.length).toBeGreaterThanOrEqual(5)
    })

    it('downtime cards print in Japanese: a device card with its isolation step, a service card with its fallback', async () => {
      const services = await get<{ items: ClinicalService[] }>('/api/bcp/services')
      const icu = services.items.find((s) => s.seedKey === 'seed:icu-monitoring')!
      const device = icu.dependencies.find((d) => d.target.kind === 'device')!
      const pdf = await download(
        `/api/bcp/cards?lang=ja&services=${icu.id}&devices=${encodeURIComponent(device.target.id)}`,
      )
      expect(pdf.headers['content-type']).toMatch(/pdf/)
      const { pages } = await pdfText(pdf.rawPayload)
      const text = pages.join('\n')
      expect(text).toContain(icu.name)
      expect(text).toMatch(/LAN|ネットワーク/)
      expect(text).toMatch(/電源/)
      expect(text).toMatch(JAPANESE)
      // Every export lands in the audit log.
      const audit = await get<{ items: { action: string; targetId: string | null }[] }>(
        '/api/audit?action=report.export&limit=50',
        admin,
      )
      expect(audit.items.some((e) => e.targetId === 'downtime-cards')).toBe(true)
    })
  },
)
