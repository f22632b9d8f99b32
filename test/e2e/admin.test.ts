import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { z } from 'zod'
import { user } from '../../api/common.js'
import { deviceListResponse } from '../../api/device.js'
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

describe('users (admin)', () => {
  it('creates a user, changes the role and disables the account', async () => {
    const { context, page } = await newPage(browser)
    await login(page, server.url, server.adminUser, server.adminPassword)
    await page.getByRole('link', { name: 'ユーザー', exact: true }).click()
    await page.getByRole('button', { name: 'ユーザーを作成' }).click()
    const dialog = page.getByRole('dialog')
    await dialog.getByLabel('ユーザー名').fill('e2e.nurse')
    await dialog.getByLabel('表示名').fill('検証 看護師')
    await dialog.getByLabel('初期パスワード').fill('E2E-Password-123456')
    await dialog.getByRole('button', { name: 'ユーザーを作成' }).click()
    await page.getByRole('cell', { name: '検証 看護師' }).waitFor()

    const users = () => apiGet(page, server.url, '/api/users', z.array(user))
    const created = (await users()).find((u) => u.username === 'e2e.nurse')
    expect(created?.role).toBe('viewer')

    await page.locator('input').and(page.getByLabel('e2e.nurse の権限')).click()
    await page.getByRole('option', { name: 'エンジニア' }).click()
    await expect.poll(async () => (await users()).find((u) => u.username === 'e2e.nurse')?.role).toBe('engineer')

    // The switch follows the server's answer, so click it and wait for the stored state.
    await page.getByLabel('e2e.nurse のアカウントを有効にする').click({ force: true })
    await expect.poll(async () => (await users()).find((u) => u.username === 'e2e.nurse')?.disabled).toBe(true)
    await context.close()
  })

  it('shows the before/after of a device change in the audit log', async () => {
    const { context, page } = await newPage(browser)
    await login(page, server.url, server.adminUser, server.adminPassword)
    const target = (await apiGet(page, server.url, '/api/devices?limit=1&offset=3', deviceListResponse)).items[0]
    if (!target) throw new Error('no device')
    await page.goto(`${server.url}/devices/${target.id}`)
    await page.getByRole('button', { name: '編集' }).click()
    await page.getByLabel('保守契約', { exact: true }).fill('E2E 保守契約 2026')
    await page.getByRole('button', { name: '保存' }).click()
    await page.getByText('保存しました。').waitFor()

    await page.getByRole('link', { name: '監査ログ' }).click()
    await page.getByLabel('操作').fill('device.update')
    // The filter takes the action's code; the table shows its translated name.
    const row = page.getByRole('row').filter({ hasText: '機器を変更' }).first()
    await row.waitFor()
    await row.getByRole('button', { name: '変更前／変更後を表示' }).click()
    // The diff is a table nested in the expanded row: one row per changed field.
    const diff = page.locator('td table tbody tr').filter({ hasText: '保守契約' })
    await diff.waitFor()
    expect(await diff.textContent()).toContain('E2E 保守契約 2026')
    expect(await diff.textContent()).toContain(target.maintenanceContract ?? '')
    await context.close()
  })
})

describe('API tokens', () => {
  it('creates a token shown once, which works as a Bearer token until revoked', async () => {
    const { context, page } = await newPage(browser)
    await login(page, server.url, server.viewerUser, server.viewerPassword)
    await page.getByRole('button', { name: 'ユーザーメニュー' }).click()
    await page.getByRole('menuitem', { name: 'アカウントとAPIトークン' }).click()
    await page.getByLabel('トークン名').fill('e2e-script')
    await page.getByRole('button', { name: 'トークンを作成' }).click()
    const secret = (await page.locator('code').first().textContent())?.trim() ?? ''
    expect(secret.length).toBeGreaterThan(20)

    const call = () => fetch(`${server.url}/api/devices?limit=1`, { headers: { authorization: `Bearer ${secret}` } })
    expect((await call()).status).toBe(200)

    await page.getByRole('button', { name: 'トークン e2e-script を失効' }).click()
    await page.getByText('失効済み').waitFor()
    expect((await call()).status).toBe(401)
    await context.close()
  })
})
