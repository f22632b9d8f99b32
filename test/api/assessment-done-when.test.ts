/**
 * Issue 10's "done when", through the API as a client sends it, on both databases, with the demo hospital and its
 * fictional gentle scan (what `npm start` loads on a fresh clone): the home page names the riskiest devices and why;
 * two devices with the same open ports rank by patient impact; the checklist shows はい/いいえ with evidence from
 * Mamori's own data and exports as .xlsx and PDF; a cohort of generated profiles yields a suppressed benchmark report;
 * the management report PDF reads in Japanese.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ActionList } from '../../api/actions.js'
import type { CohortReport } from '../../api/benchmark.js'
import type { ChecklistView } from '../../api/checklist.js'
import type { HomeView } from '../../api/reports.js'
import type { DeviceRisk, RiskList } from '../../api/risk.js'
import { generateCohort } from '../../scripts/generate-benchmark-cohort.js'
import { recordDemoScan } from '../../src/demo/demo-scan.js'
import { loadDemo } from '../../src/demo/load-demo.js'
import { SYSTEM_ACTOR } from '../../src/storage/audit-repository.js'
import type { Storage } from '../../src/storage/database.js'
import { pdfText } from '../documents/read-back.js'
import { buildTestApp, login, type Session } from '../helpers/app.js'
import { DIALECTS } from '../helpers/databases.js'
import { fileUpload } from '../helpers/multipart.js'

describe.each(DIALECTS)('issue 10 done-when on the demo hospital, $name', (dialect) => {
  let storage: Storage
  let app: FastifyInstance
  let admin: Session
  let engineer: Session
  let viewer: Session
  let cohortDir: string

  const get = async <T>(url: string, s: Session = viewer): Promise<T> => {
    const res = await app.inject({ url, headers: s.headers })
    expect(res.statusCode, `${url}: ${res.body.slice(0, 500)}`).toBe(200)
    return res.json() as T
  }
  const download = async (url: string, s: Session = viewer) => {
    const res = await app.inject({ url, headers: s.headers })
    expect(res.statusCode, `${url}: ${res.body.slice(0, 500)}`).toBe(200)
    return res.rawPayload
  }

  beforeAll(async () => {
    storage = await dialect.open()
    app = await buildTestApp(storage)
    admin = await login(app, 'admin')
    engineer = await login(app, 'engineer')
    viewer = await login(app, 'viewer')
    await loadDemo(storage.db, { actor: SYSTEM_ACTOR })
    await recordDemoScan(storage.db, app.deps.scans, SYSTEM_ACTOR)
    cohortDir = mkdtempSync(join(tmpdir(), 'mamori-cohort-'))
  })
  afterAll(async () => {
    await app.close()
    await storage.close()
    rmSync(cohortDir, { recursive: true, force: true })
  })

  it('home names the riskiest devices and why, in Japanese and English', async () => {
    const home = await get<HomeView>('/api/home')
    expect(home.topDevices.length).toBeGreaterThanOrEqual(3)
    const top = home.topDevices[0]!
    expect(top.assetTag).toBeTruthy()
    expect(top.headlineJa).toMatch(/[ぁ-んァ-ン一-龥]/)
    expect(top.headlineEn.length).toBeGreaterThan(5)
    expect(top.contributions.length).toBeGreaterThan(0)
    expect(top.contributions.every((c) => c.explanationJa && c.explanationEn)).toBe(true)
    // The scores are ordered and the first is at least as risky as any device in the list.
    const list = await get<RiskList>('/api/risk?limit=500')
    expect(list.items[0]!.score).toBe(top.score)
    for (let i = 1; i < list.items.length; i++)
      expect(list.items[i - 1]!.score).toBeGreaterThanOrEqual(list.items[i]!.score)
    // The demo scan's findings became actions a person can do.
    expect(home.topActions.length).toBeGreaterThan(0)
    const actions = await get<ActionList>('/api/actions?limit=100')
    expect(actions.items.some((a) => /Telnet/.test(a.titleEn) && a.deviceCount > 1)).toBe(true)
  })

  it('ranks two devices with the same open ports by patient impact', async () => {
    const list = await get<RiskList>('/api/risk?limit=1000')
    const printer = list.items.find((d) => d.category === 'printer')!
    expect(printer).toBeTruthy()
    // A monitor with the same two services (Telnet and a plain-HTTP console) as the printer.
    const monitors = list.items.filter((d) => d.category === 'central_monitor' || d.category === 'patient_monitor')
    const withTelnet: DeviceRisk[] = []
    for (const m of monitors) {
      const full = await get<DeviceRisk>(`/api/risk/devices/${m.deviceId}`)
      if (full.contributions.some((c) => c.factor === 'cleartextServices')) withTelnet.push(full)
    }
    expect(withTelnet.length).toBeGreaterThan(0)
    const printerFull = await get<DeviceRisk>(`/api/risk/devices/${printer.deviceId}`)
    const exposure = (d: DeviceRisk, f: string) => d.contributions.find((c) => c.factor === f)?.points ?? 0
    const monitor = withTelnet.find(
      (m) => exposure(m, 'reachableServices') === exposure(printerFull, 'reachableServices'),
    )!
    expect(monitor, 'a monitor with the same reachable services as the printer').toBeTruthy()
    expect(monitor.score).toBeGreaterThan(printerFull.score)
    const impact = (d: DeviceRisk) =>
      d.contributions.filter((c) => c.group === 'clinicalImpact').reduce((n, c) => n + c.points, 0)
    expect(impact(monitor)).toBeGreaterThan(impact(printerFull))
  })

  it('shows the checklist with はい/いいえ and evidence from Mamori’s own data, and exports .xlsx and PDF', async () => {
    const view = await get<ChecklistView>('/api/checklist?form=hospital')
    const ledgerItem = view.rows.find((r) => r.item.id === '2-①')!
    expect(ledgerItem.evidence?.facts.length).toBeGreaterThan(0)
    const services = view.rows.find((r) => r.item.id === '2-⑫')!
    // The demo scan saw Telnet, FTP and SMBv1: the evidence suggests いいえ and says why.
    expect(services.evidence?.suggestion).toBe('no')
    const today = new Date().toISOString().slice(0, 10)
    const put = (item: string, body: object) =>
      app.inject({
        method: 'PUT',
        url: `/api/checklist/answers/${encodeURIComponent(item)}`,
        headers: engineer.headers,
        payload: body,
      })
    expect((await put('2-①', { answer: 'yes', checkedOn: today })).statusCode).toBe(200)
    // An impossible date is refused with the field named, and nothing is saved.
    const bad = await put('2-⑫', { answer: 'no', checkedOn: today, targetOn: '2020-01-01' })
    expect(bad.statusCode).toBe(400)
    expect(bad.body).toMatch(/targetOn|目標日/)
    expect((await put('2-⑫', { answer: 'no', checkedOn: today, targetOn: '2027-03-31' })).statusCode).toBe(200)
    const after = await get<ChecklistView>('/api/checklist?form=hospital')
    expect(after.rows.find((r) => r.item.id === '2-①')!.answer.answer).toBe('yes')
    expect(after.rows.find((r) => r.item.id === '2-⑫')!.answer).toMatchObject({ answer: 'no', targetOn: '2027-03-31' })

    const xlsx = await download('/api/checklist/export?format=xlsx&form=hospital')
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(new Uint8Array(xlsx).buffer)
    const cells = wb.worksheets.flatMap((ws) => {
      const out: string[] = []
      ws.eachRow((row) => row.eachCell((c) => out.push(String(c.text))))
      return out
    })
    expect(cells.some((c) => c.includes('台帳'))).toBe(true)
    expect(cells).toContain('2027-03-31')
    const pdf = await download('/api/checklist/export?format=pdf&form=hospital')
    expect((await pdfText(pdf)).pages.join('\n')).toMatch(/台帳管理/)
  })

  it('yields a suppressed benchmark report from a cohort of generated profiles', async () => {
    generateCohort({ dir: cohortDir, count: 12, seed: 7 })
    const files = readdirSync(cohortDir).filter((f) => f.endsWith('.json'))
    expect(files.length).toBe(12)
    for (const f of files) {
      const body = fileUpload(f, readFileSync(join(cohortDir, f)))
      const res = await app.inject({
        method: 'POST',
        url: '/api/benchmark/import',
        headers: { ...engineer.headers, ...body.headers },
        payload: body.payload,
      })
      expect(res.statusCode, res.body).toBe(200)
    }
    const report = await get<CohortReport>('/api/benchmark/compare')
    expect(report.profiles).toBe(12)
    const all = report.cohorts.find((c) => c.key === 'all')!
    expect(all.suppressed).toBe(false)
    expect(all.indicators.some((i) => !i.suppressed && i.median !== null)).toBe(true)
    // Twelve hospitals over six bed bands: some bands are too small and must be suppressed.
    expect(report.cohorts.some((c) => c.suppressed || c.indicators.some((i) => i.suppressed))).toBe(true)
    expect(JSON.stringify(report)).not.toMatch(/profileId/)
  })

  it('writes a management report PDF that reads in Japanese', async () => {
    const pdf = await download('/api/reports/management?lang=ja&format=pdf', admin)
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
    const text = (await pdfText(pdf)).pages.join('\n')
    expect(text).toMatch(/リスク/)
    expect(text).toMatch(/対策/)
    expect(text).toMatch(/チェックリスト/)
  })
})
