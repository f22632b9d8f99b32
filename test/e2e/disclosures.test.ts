import { readFileSync } from 'node:fs'
import { join } from 'node:path'
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

/** The project's own fixtures (scripts/make-disclosure-fixtures.ts; see test/fixtures/disclosures/README.md). */
const fixture = (name: string) => readFileSync(join(import.meta.dirname, '../fixtures/disclosures', name))

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
      name: 'not-a-form-ledger.xlsx',
      mimeType: XLSX,
      buffer: fixture('not-a-form-ledger.xlsx'),
    })
    await page.getByRole('button', { name: '取り込む' }).click()
    await page.getByText('このファイルは開示書として読み取れませんでした').waitFor()
    await page.getByText('何も保存していません', { exact: false }).first().waitFor()
    const report = page.getByRole('table', { name: '読み取れなかった箇所' })
    await report.waitFor()
    // The ledger's one sheet is named, and the file is the place (no sheet of it is a form).
    expect(await report.locator('tbody tr').count()).toBeGreaterThan(0)
    expect(await report.locator('tbody').textContent()).toContain('機器台帳')
    await report.getByText('ファイル全体').first().waitFor()
    expect((await apiGet(page, server.url, '/api/disclosures', disclosureList)).items).toHaveLength(0)

    // The MDS2 form, with its maker and model typed as the ledger writes them.
    await page.locator('input[type="file"]').setInputFiles({
      name: 'sp-2000-mds2-2019.xlsx',
      mimeType: XLSX,
      buffer: fixture('sp-2000-mds2-2019.xlsx'),
    })
    await page.getByRole('button', { name: '取り込む' }).click()
    await page.getByText('開示書を取り込みました').waitFor()
    const read = page.getByRole('table', { name: '読み取った内容' })
    await read.getByText('MDS2-SP2000-2024-01').waitFor()
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
    await paut.getByText('mds2-form!C196').waitFor()

    // The letter is offered as PDF and Word in both languages.
    await page.getByRole('button', { name: '製造業者への文書' }).click()
    const pdf = page.getByRole('menuitem', { name: 'PDF（日本語）' })
    expect(await pdf.getAttribute('href')).toBe(`/api/disclosures/${stored?.id}/letter?lang=ja&format=pdf`)
    await page.keyboard.press('Escape')

    // The list now shows it, with the model linked.
    await page.getByRole('navigation').getByRole('link', { name: '開示書', exact: true }).click()
    const list = page.getByRole('table', { name: '開示書', exact: true })
    await list.getByText('MDS2-SP2000-2024-01').waitFor()
    await list.getByText(`${stored?.answeredCount} / ${stored?.questionCount}`).waitFor()
    await context.close()
  })

  it('types a disclosure in by hand and evaluates it like an imported one', async () => {
    const { context, page } = await newPage(browser)
    await login(page, server.url, server.adminUser, server.adminPassword)
    await apiSend(page, 'POST', '/api/models', { manufacturer: 'フクダ電子株式会社', name: 'E2E-HAND-1' })

    await page.goto(`${server.url}/disclosures/new`)
    await page.getByRole('heading', { name: '開示書の手入力', exact: true }).waitFor()
    await page.getByLabel(/^機種/).first().click()
    await page.getByRole('option', { name: 'Fukuda Denshi E2E-HAND-1' }).click()
    await page.getByLabel('文書番号').fill('E2E-HAND-DOC')
    // Sections start folded; PAUT opens to its questions.
    await page.getByRole('button', { name: /^PAUT/ }).click()
    const paut1 = page.locator('[data-question="PAUT-1"]')
    await paut1.locator('label', { hasText: 'いいえ' }).click()
    await page.getByLabel('PAUT-1 補足').fill('共用アカウントのみ')
    await page.getByRole('button', { name: '保存して評価する（1 問）' }).click()

    const findings = page.getByRole('region', { name: '検出事項', exact: true })
    await findings.getByText('PAUT-1: いいえ（共用アカウントのみ）').first().waitFor()
    const list = await apiGet(page, server.url, '/api/disclosures', disclosureList)
    const typed = list.items.find((d) => d.header.documentId === 'E2E-HAND-DOC')
    expect(typed?.form).toBe('manual')
    expect(typed?.answeredCount).toBe(1)
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
