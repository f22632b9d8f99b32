import ExcelJS from 'exceljs'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { z } from 'zod'
import { deviceListResponse } from '../../api/device.js'
import { disclosureEvaluation, disclosureSummary } from '../../api/disclosure.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { apiGet, launchBrowser, login, newPage } from './browser.js'

// A real browser against a real server: generous limits so a busy CI machine does not fail them spuriously.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 })

let server: TestServer
let browser: Browser

beforeAll(async () => {
  ;[server, browser] = await Promise.all([startTestServer({ demo: true }), launchBrowser()])
})

afterAll(async () => {
  await browser?.close()
  await server?.close()
})

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
const disclosureList = z.object({ items: z.array(disclosureSummary) })

/**
 * A small MDS2 2019 form in the real layout: one sheet `mds2-form`, a title row, the header row (Question ID,
 * Question, answer, Note #, and the three reference columns), the DOC header answers, and a few answers that the
 * evaluation must turn into a finding (PAUT-1 No: shared accounts), a control and questions (SBOM-1 No but SBOM-2
 * Yes contradict each other; everything else is unanswered).
 */
async function mds2Workbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('mds2-form')
  ws.addRow(['Manufacturer Disclosure Statement for Medical Device Security -- MDS2'])
  ws.addRow([
    'Question ID',
    'Question',
    'Yes, No, N/A, or See Note',
    'Note #',
    'IEC TR 80001-2-2:2012',
    'NIST SP 800-53 Rev. 4',
    'ISO 27002:2013',
  ])
  const rows: [string, string, string, string?][] = [
    ['DOC-1', 'Manufacturer Name', 'E2E Medical'],
    ['DOC-2', 'Device Description', 'Bedside monitor'],
    ['DOC-3', 'Device Model', 'E2E-MON-100'],
    ['DOC-4', 'Document ID', 'E2E-MDS2-0001'],
    ['DOC-5', 'Manufacturer Contact Information', 'psirt@example.invalid'],
    ['DOC-6', 'Intended use of device in network-connected environment:', 'Central station monitoring'],
    ['DOC-7', 'Document Release Date', '2024-04-01'],
    [
      'DOC-8',
      'Coordinated Vulnerability Disclosure: Does the manufacturer have a vulnerability disclosure program?',
      'Yes',
    ],
    ['PAUT-1', 'Does the device support and enforce unique IDs and passwords for all users and roles?', 'No'],
    ['PAUT-5', 'Can all passwords be changed?', 'Yes'],
    ['MLDP-1', 'Is the device capable of hosting executable software?', 'Yes'],
    ['SBOM-1', 'Is the SBOM for this product available?', 'No'],
    ['SBOM-2', 'Does the SBOM follow a standard or common method in describing software components?', 'Yes'],
    ['RMOT-1', 'Does the device permit remote service connections?', 'See Notes', '1'],
  ]
  for (const [id, q, a, note] of rows) ws.addRow([id, q, a, note ?? ''])
  ws.addRow([])
  ws.addRow(['Note 1', 'Remote service over the manufacturer VPN appliance only.'])
  return Buffer.from(await wb.xlsx.writeBuffer())
}

/** A workbook that is not a disclosure at all: a ledger sheet. */
async function ledgerWorkbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('台帳')
  ws.addRow(['資産番号', '部署', '型式'])
  ws.addRow(['E2E-0001', 'ICU', 'Model A'])
  return Buffer.from(await wb.xlsx.writeBuffer())
}

/** A state-changing API call with the page's session and its CSRF token; fails the test on a non-2xx answer. */
async function apiSend(page: Page, method: 'POST' | 'PUT', path: string, data: unknown): Promise<unknown> {
  const { csrfToken } = z
    .object({ csrfToken: z.string() })
    .parse(await (await page.request.get(`${server.url}/api/auth/session`)).json())
  const res = await page.request.fetch(`${server.url}${path}`, { method, data, headers: { 'x-csrf-token': csrfToken } })
  if (!res.ok()) throw new Error(`${method} ${path} answered ${res.status()}: ${await res.text()}`)
  return res.json()
}

/** The count shown in the badge beside a group's title (検出事項 / 必要な補完的対策 / 製造業者への質問). */
async function groupCount(page: Page, name: string): Promise<number> {
  const group = page.getByRole('region', { name, exact: true })
  return Number(await group.locator('[data-count]').first().getAttribute('data-count'))
}

describe('manufacturer disclosures in the browser', () => {
  it('imports an MDS2 form and shows in Japanese what it means; an unreadable file stores nothing and says where', async () => {
    const { context, page } = await newPage(browser)
    await login(page, server.url, server.adminUser, server.adminPassword)

    // The list is reachable from the navigation and starts empty.
    await page.getByRole('link', { name: '開示書', exact: true }).click()
    await page.getByRole('heading', { name: '開示書', exact: true }).waitFor()
    await page.getByText('開示書はまだありません').waitFor()

    // A file that is not a disclosure: the problem report locates it, and nothing is stored.
    await page.getByRole('link', { name: '取り込む', exact: true }).click()
    await page.getByRole('heading', { name: '開示書の取り込み' }).waitFor()
    await page.locator('input[type="file"]').setInputFiles({
      name: 'ledger.xlsx',
      mimeType: XLSX,
      buffer: await ledgerWorkbook(),
    })
    await page.getByRole('button', { name: '取り込む' }).click()
    await page.getByText('このファイルは開示書として読み取れませんでした').waitFor()
    await page.getByText('何も保存していません', { exact: false }).first().waitFor()
    const report = page.getByRole('table', { name: '読み取れなかった箇所' })
    await report.waitFor()
    const where = await report.locator('tbody tr td:first-child').allTextContents()
    expect(where.length).toBeGreaterThan(0)
    expect(where.join(' ')).toContain('台帳')
    expect((await apiGet(page, server.url, '/api/disclosures', disclosureList)).items).toHaveLength(0)

    // The MDS2 form, with its maker and model typed as the ledger writes them.
    await page.locator('input[type="file"]').setInputFiles({
      name: 'e2e-mds2.xlsx',
      mimeType: XLSX,
      buffer: await mds2Workbook(),
    })
    await page.getByLabel('製造業者と型式（任意）').fill('日本光電 E2E-MON-100')
    await page.getByRole('button', { name: '取り込む' }).click()
    await page.getByText('開示書を取り込みました').waitFor()
    const read = page.getByRole('table', { name: '読み取った内容' })
    await read.getByText('E2E-MDS2-0001').waitFor()
    await read.getByText('MDS2 2019').waitFor()
    const [stored] = (await apiGet(page, server.url, '/api/disclosures', disclosureList)).items
    expect(stored?.form).toBe('mds2-2019')
    expect(stored?.answeredCount).toBeGreaterThanOrEqual(6)
    await page.getByText(`${stored?.questionCount} 問中 ${stored?.answeredCount} 問の回答を読み取りました`).waitFor()

    // The evaluation, in Japanese: a finding citing PAUT-1, a control with its checklist item, and questions.
    await page.getByRole('link', { name: '評価を見る' }).click()
    const findings = page.getByRole('region', { name: '検出事項', exact: true })
    await findings.getByText('利用者ごとのアカウントがありません').waitFor()
    await findings.getByText('PAUT-1: いいえ').first().waitFor()
    expect(await groupCount(page, '検出事項')).toBe(await findings.locator('[data-rule]').count())

    const controls = page.getByRole('region', { name: '必要な補完的対策', exact: true })
    await controls
      .getByText(/^チェックリスト 2-/)
      .first()
      .waitFor()
    expect(await groupCount(page, '必要な補完的対策')).toBeGreaterThan(0)
    expect(await groupCount(page, '必要な補完的対策')).toBe(await controls.locator('[data-control]').count())

    const questions = page.getByRole('region', { name: '製造業者への質問', exact: true })
    await questions.locator('[data-question]').first().waitFor()
    const evaluation = await apiGet(page, server.url, `/api/disclosures/${stored?.id}/evaluation`, disclosureEvaluation)
    expect(evaluation.questions.length).toBeGreaterThan(0)
    expect(await groupCount(page, '製造業者への質問')).toBe(evaluation.questions.length)
    expect(await groupCount(page, '検出事項')).toBe(evaluation.findings.length)

    // The answers table shows the cell each answer was read from.
    const answers = page.getByRole('table', { name: '回答の一覧' })
    const paut = answers.locator('tr[data-question="PAUT-1"]')
    await paut.getByText('いいえ').waitFor()
    await paut.getByText('mds2-form!C', { exact: false }).waitFor()

    // The letter is offered as PDF and Word in both languages.
    await page.getByRole('button', { name: '製造業者への文書' }).click()
    const pdf = page.getByRole('menuitem', { name: 'PDF（日本語）' })
    expect(await pdf.getAttribute('href')).toBe(`/api/disclosures/${stored?.id}/letter?lang=ja&format=pdf`)
    await page.keyboard.press('Escape')

    // The list now shows it, with the model linked.
    await page.getByRole('navigation').getByRole('link', { name: '開示書', exact: true }).click()
    const list = page.getByRole('table', { name: '開示書', exact: true })
    await list.getByText('E2E-MDS2-0001').waitFor()
    await list.getByText(`${stored?.answeredCount} / ${stored?.questionCount}`).waitFor()
    await context.close()
  })

  it("compares a device's open ports with its model's declaration, and says what to do before there is one", async () => {
    const { context, page } = await newPage(browser)
    await login(page, server.url, server.adminUser, server.adminPassword)
    const { items } = await apiGet(page, server.url, '/api/devices?limit=1&sort=assetTag', deviceListResponse)
    const device = items[0]
    if (!device) throw new Error('the demo hospital has no devices')

    // Before the device has a confirmed model, the section says so and links to where to fix it.
    await page.goto(`${server.url}/devices/${device.id}`)
    const section = page.getByRole('region', { name: '開示と実測の比較', exact: true })
    await section.getByRole('link').first().waitFor()
    expect(await section.locator('tr[data-status]').count()).toBe(0)

    // A model declaring DICOM on 104/tcp, confirmed for this device: the port is declared but no scan has seen it.
    const model = await apiSend(page, 'POST', '/api/models', { manufacturer: '日本光電', name: 'E2E-DVO-1' })
    const modelId = z.object({ id: z.string() }).parse(model).id
    await apiSend(page, 'PUT', `/api/models/${modelId}/declared-ports`, {
      ports: [{ port: 104, transport: 'tcp', direction: 'in', service: 'DICOM', purpose: '画像の送信', tls: false }],
    })
    await apiSend(page, 'PUT', `/api/devices/${device.id}/model`, { modelId })

    await page.reload()
    const row = section.locator('tr[data-status]')
    await row.first().waitFor()
    expect(await row.count()).toBe(1)
    expect(await row.getAttribute('data-status')).toBe('declared-unseen')
    await row.getByText('104/tcp').waitFor()
    await row.getByText('申告あり・未観測').waitFor()
    await row.getByText('画像の送信').waitFor()
    await section.getByRole('link', { name: 'Nihon Kohden E2E-DVO-1' }).waitFor()
    await context.close()
  })
})
