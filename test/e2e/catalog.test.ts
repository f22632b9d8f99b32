import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { z } from 'zod'
import { catalogModelSummary } from '../../api/catalog.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { apiGet, launchBrowser, login, newPage } from './browser.js'

// A real browser against a real server: generous limits so a busy machine does not fail them spuriously.
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

describe('model catalog', () => {
  it('adds an alias and a model, suggests links over the ledger and confirms one device', async () => {
    const { context, page } = await newPage(browser)
    await login(page, server.url, server.adminUser, server.adminPassword)
    await page.getByRole('link', { name: '機種カタログ' }).click()
    await page.getByRole('heading', { name: '機種カタログ' }).waitFor()

    // The demo ledger writes 東邦メディカル; the alias with 株式会社 is the same key.
    await page.getByRole('tab', { name: 'メーカー別名表' }).click()
    await page.getByLabel('台帳での名前').fill('東邦メディカル株式会社')
    await page.getByLabel('メーカー（統一名）').fill('Toho Medical')
    await page.getByRole('button', { name: '別名を追加' }).click()
    await page.getByRole('cell', { name: '東邦メディカル株式会社', exact: true }).first().waitFor()

    await page.getByRole('tab', { name: '機種', exact: true }).click()
    await page.getByLabel('メーカー（台帳の表記で可）').fill('Toho Medical')
    await page.getByLabel('型式').fill('VitaScope VS820')
    await page.getByRole('button', { name: '機種を追加' }).click()
    await page.getByRole('link', { name: 'VitaScope VS820' }).waitFor()

    await page.getByRole('button', { name: '台帳全体で紐付け候補を作る' }).click()
    await page.getByText(/新しい候補 [1-9]/).waitFor()
    const [model] = await apiGet(page, server.url, '/api/models', z.array(catalogModelSummary))
    expect(model).toMatchObject({ vendor: 'Toho Medical', confirmed: 0 })
    expect(model!.suggested).toBeGreaterThan(0)

    await page.getByRole('link', { name: 'VitaScope VS820' }).click()
    await page.getByRole('heading', { name: 'Toho Medical VitaScope VS820' }).waitFor()
    const suggestions = page.getByRole('button', { name: /を確定$/ })
    expect(await suggestions.count()).toBe(model!.suggested)
    await expect(
      page.getByText('メーカー「東邦メディカル」→ Toho Medical（別名表）').first().isVisible(),
    ).resolves.toBe(true)
    await suggestions.first().click()
    await page.getByText('確定 1').waitFor()
    const [after] = await apiGet(page, server.url, '/api/models', z.array(catalogModelSummary))
    expect(after).toMatchObject({ confirmed: 1, suggested: model!.suggested - 1 })
    await context.close()
  })
})
