import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { z } from 'zod'
import { component, feedsOverview } from '../../api/vulns.js'
import { type FeedServer, startFeedServer } from '../helpers/feed-server.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { apiGet, launchBrowser, login, newPage } from './browser.js'

// A real browser against a real server: generous limits so a busy CI machine does not fail them spuriously.
vi.setConfig({ testTimeout: 180_000, hookTimeout: 120_000 })

let server: TestServer
let browser: Browser
/** Stands in for CISA and for the hospital's chat webhook, on 127.0.0.1 only. */
let feeds: FeedServer

beforeAll(async () => {
  ;[server, browser, feeds] = await Promise.all([startTestServer({ demo: true }), launchBrowser(), startFeedServer()])
})

afterAll(async () => {
  await browser?.close()
  await server?.close()
  await feeds?.close()
})

const fixture = (dir: string, name: string) => readFileSync(join(import.meta.dirname, '../fixtures', dir, name))

async function csrf(page: Page): Promise<string> {
  const session = await (await page.request.get(`${server.url}/api/auth/session`)).json()
  return z.object({ csrfToken: z.string() }).parse(session).csrfToken
}

describe('vulnerability feeds, SBOMs and notifications in the browser', () => {
  it('an admin points KEV at a local mirror, syncs with live progress, and tests the webhook', async () => {
    feeds.on('/kev.json', {
      headers: { 'content-type': 'application/json' },
      body: fixture('feeds', 'kev-subset.json'),
    })
    feeds.on('/hook', { status: 204 })
    const { context, page } = await newPage(browser)
    await login(page, server.url, server.adminUser, server.adminPassword)

    await page.getByRole('link', { name: '情報の入手元', exact: true }).click()
    await page.getByRole('heading', { name: '脆弱性情報の入手元', exact: true }).waitFor()
    const kevRow = page.locator('tr[data-source="kev"]')
    await kevRow.getByText('停止中').waitFor()
    await kevRow.getByRole('button', { name: 'CISA 悪用確認済み一覧（KEV） の設定' }).click()
    const dialog = page.getByRole('dialog')
    await dialog.getByLabel('アドレス（URL）').fill(`${feeds.base}/kev.json`)
    await dialog.getByLabel('同期で使う').check()
    await dialog.getByRole('button', { name: '保存' }).click()
    await dialog.waitFor({ state: 'hidden' })
    await kevRow.getByText('使用中').waitFor()

    await page.getByRole('button', { name: '同期', exact: true }).click()
    const progress = page.getByLabel('処理の進み具合', { exact: true }).first()
    await progress.getByText('正常に終了').waitFor()
    expect(feeds.requests.map((u) => u.pathname)).toContain('/kev.json')
    const overview = await apiGet(page, server.url, '/api/feeds', feedsOverview)
    expect(overview.counts.kev).toBeGreaterThan(0)
    expect(overview.sources.find((s) => s.kind === 'kev')?.lastSuccessAt).not.toBeNull()

    // Notification channels: a webhook on the loopback, tested from the page; e-mail not set up says so.
    await page.goto(`${server.url}/settings/notifications`)
    await page.getByRole('heading', { name: '通知の設定', exact: true }).waitFor()
    await page.getByLabel('Webhook の URL').fill(`${feeds.base}/hook`)
    await page.getByRole('button', { name: '保存', exact: true }).click()
    await page.getByText('保存しました。').waitFor()
    await page.getByRole('button', { name: 'テスト送信' }).click()
    const result = page.getByRole('alert').filter({ hasText: 'テスト送信の結果' })
    await result.getByText('Webhook: 送信できました').waitFor()
    await result.getByText('メール（SMTP）: 未設定').waitFor()
    expect(feeds.requests.some((u) => u.pathname === '/hook')).toBe(true)
    await context.close()
  })

  it("a manufacturer's SBOM is imported on the model page and its components are kept by hand", async () => {
    const { context, page } = await newPage(browser)
    await login(page, server.url, server.adminUser, server.adminPassword)
    const token = await csrf(page)
    const created = await page.request.post(`${server.url}/api/models`, {
      data: { manufacturer: 'Example Medical', name: 'IP-200' },
      headers: { 'x-csrf-token': token },
    })
    expect(created.status()).toBe(201)
    const modelId = z.object({ id: z.string() }).parse(await created.json()).id

    await page.goto(`${server.url}/catalog/models/${modelId}`)
    const panel = page.getByRole('region', { name: 'SBOM と構成部品', exact: true })
    await panel.getByRole('button', { name: 'SBOM ファイルを選ぶ' }).click()
    await panel.locator('input[type="file"]').setInputFiles({
      name: 'spdx-2.3-infusion-pump.spdx.json',
      mimeType: 'application/json',
      buffer: fixture('sbom', 'spdx-2.3-infusion-pump.spdx.json'),
    })
    await panel.getByRole('button', { name: 'SBOM を取り込む' }).click()
    await panel.getByText('SBOM を取り込みました').waitFor()
    const sboms = panel.getByRole('table', { name: '登録済みの SBOM' })
    await sboms.getByText('spdx-2.3-infusion-pump.spdx.json').waitFor()
    await sboms.getByText('SPDX 2.3').waitFor()
    const parts = panel.getByRole('table', { name: '構成部品（OS・ファームウェア・ソフトウェア）' })
    await parts.getByText('IP-200 firmware').waitFor()
    await parts.getByText('SBOM から').first().waitFor()

    // A component typed by hand: kind, name, version and CPE; then deleted again.
    await panel.getByRole('button', { name: '部品を追加' }).click()
    const form = page.getByRole('dialog')
    await form.getByLabel('名前').fill('Windows 10 IoT Enterprise')
    await form.getByLabel('バージョン').fill('1809')
    await form.getByLabel('CPE 2.3').fill('cpe:2.3:o:microsoft:windows_10:1809:*:*:*:*:*:*:*')
    await form.getByRole('button', { name: '保存' }).click()
    await form.waitFor({ state: 'hidden' })
    const typed = parts.locator('tr[data-component="Windows 10 IoT Enterprise"]')
    await typed.getByText('手入力').waitFor()
    const stored = z
      .object({ items: z.array(component) })
      .parse(await (await page.request.get(`${server.url}/api/components?modelId=${modelId}`)).json())
    expect(stored.items.find((c) => c.name === 'Windows 10 IoT Enterprise')?.cpe).toContain('windows_10')
    page.once('dialog', (d) => void d.accept())
    await typed.getByRole('button', { name: 'Windows 10 IoT Enterprise を削除' }).click()
    await typed.waitFor({ state: 'detached' })

    await context.close()
  })
})
