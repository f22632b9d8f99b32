import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { dashboardStats } from '../../api/device.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { apiGet, launchBrowser, login, newPage } from './browser.js'

// A real browser against a real server: generous limits so a busy CI machine does not fail them spuriously.
vi.setConfig({ testTimeout: 90_000, hookTimeout: 120_000 })

let server: TestServer
let browser: Browser

beforeAll(async () => {
  ;[server, browser] = await Promise.all([startTestServer({ demo: true }), launchBrowser()])
})

afterAll(async () => {
  await browser?.close()
  await server?.close()
})

describe('login', () => {
  it('shows a clear Japanese error for a wrong password and stays on the login page', async () => {
    const { context, page } = await newPage(browser)
    await page.goto(`${server.url}/`)
    // An anonymous visit to a protected page lands on the login form.
    await page.waitForURL(/\/login$/)
    await page.getByLabel('ユーザー名').fill(server.adminUser)
    await page.getByLabel('パスワード').fill('definitely-not-the-password')
    await page.getByRole('button', { name: 'ログイン' }).click()
    const alert = page.getByRole('alert')
    await alert.waitFor()
    expect(await alert.textContent()).toContain('ユーザー名またはパスワードが正しくありません')
    expect(new URL(page.url()).pathname).toBe('/login')
    await context.close()
  })

  it('reaches the Japanese dashboard with the right password', async () => {
    const { context, page } = await newPage(browser)
    await login(page, server.url, server.adminUser, server.adminPassword)
    expect(await page.getByRole('navigation', { name: 'メインナビゲーション' }).textContent()).toContain('機器台帳')
    expect(await page.locator('html').getAttribute('lang')).toBe('ja')

    // Log out from the user menu: the session is gone, protected pages lead back to the login form.
    await page.getByRole('button', { name: 'ユーザーメニュー' }).click()
    await page.getByRole('menuitem', { name: 'ログアウト' }).click()
    await page.getByRole('heading', { name: 'ログイン' }).waitFor()
    await page.goto(`${server.url}/devices`)
    await page.waitForURL(/\/login$/)
    expect((await page.request.get(`${server.url}/api/auth/session`)).status()).toBe(401)
    await context.close()
  })
})

describe('dashboard', () => {
  it('shows the demo hospital counts from the API', async () => {
    const { context, page } = await newPage(browser)
    await login(page, server.url, server.adminUser, server.adminPassword)
    await page.getByRole('link', { name: 'ダッシュボード', exact: true }).click()
    const stats = await apiGet(page, server.url, '/api/dashboard', dashboardStats)
    expect(stats.total).toBeGreaterThan(200)
    const fmt = (n: number) => n.toLocaleString('ja-JP')
    // Each card's accessible name is "<label>: <count>" (see StatCard).
    await page.getByRole('link', { name: `台帳の登録機器数: ${stats.total}` }).waitFor()
    await page.getByRole('link', { name: `耐用期間超過: ${stats.pastServiceLife}` }).waitFor()
    await page.getByRole('link', { name: `メーカーサポート終了: ${stats.pastSupportEnd}` }).waitFor()
    const totalCard = await page.getByRole('link', { name: `台帳の登録機器数: ${stats.total}` }).textContent()
    expect(totalCard).toContain(fmt(stats.total))
    expect(stats.pastServiceLife).toBeGreaterThan(0)
    // The kind breakdown lists the demo's medical devices with their count.
    const kindRow = page.getByRole('row').filter({ hasText: '医療機器' }).first()
    expect(await kindRow.textContent()).toContain(fmt(stats.byKind.medical_device ?? -1))

    // The "past service life" card opens the device list filtered to exactly those devices.
    await page.getByRole('link', { name: `耐用期間超過: ${stats.pastServiceLife}` }).click()
    await page.waitForURL(/\/devices\?expired=service_life/)
    await page
      .getByTestId('device-count')
      .filter({ hasText: `${fmt(stats.pastServiceLife)} 台` })
      .waitFor()
    await context.close()
  })
})

describe('language switch', () => {
  it('switches visible labels to English and keeps English after a reload', async () => {
    const { context, page } = await newPage(browser)
    await login(page, server.url, server.adminUser, server.adminPassword)
    await page.getByRole('radiogroup', { name: '表示言語' }).getByText('English').click()
    await page.getByRole('heading', { name: 'Home', exact: true }).waitFor()
    const nav = page.getByRole('navigation', { name: 'Main navigation' })
    expect(await nav.textContent()).toContain('Devices')
    expect(await nav.textContent()).not.toContain('機器台帳')
    expect(await page.locator('html').getAttribute('lang')).toBe('en')

    await page.reload()
    await page.getByRole('heading', { name: 'Home', exact: true }).waitFor()
    await page.getByText('What should I do first?', { exact: true }).waitFor()
    expect(await page.locator('html').getAttribute('lang')).toBe('en')

    // And back: Japanese again.
    await page.getByRole('radiogroup', { name: 'Language' }).getByText('日本語').click()
    await page.getByRole('heading', { name: 'ホーム', exact: true }).waitFor()
    await context.close()
  })
})
