import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { launchBrowser, login, newPage } from './browser.js'

// A real browser against a real server: generous limits so a busy CI machine does not fail them spuriously.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 })

let server: TestServer
let browser: Browser

beforeAll(async () => {
  ;[server, browser] = await Promise.all([startTestServer(), launchBrowser()])
})

afterAll(async () => {
  await browser?.close()
  await server?.close()
})

/** Whether the page's session cookie is still a valid session. */
async function sessionStatus(page: Page): Promise<number> {
  return (await page.request.get(`${server.url}/api/auth/session`)).status()
}

/** Creates an account through the API with the admin page's own session and CSRF token. */
async function createUser(adminPage: Page, username: string, password: string): Promise<void> {
  const { csrfToken } = await (await adminPage.request.get(`${server.url}/api/auth/session`)).json()
  const res = await adminPage.request.post(`${server.url}/api/users`, {
    headers: { 'x-csrf-token': csrfToken },
    data: { username, displayName: `検証 ${username}`, role: 'viewer', password },
  })
  expect(res.status(), await res.text()).toBe(201)
}

describe('passwords in the UI', () => {
  it('a user changes their own password on the Account page: stays signed in, other sign-ins and tokens end', async () => {
    const admin = await newPage(browser)
    await login(admin.page, server.url, server.adminUser, server.adminPassword)
    await createUser(admin.page, 'e2e.self', 'Kango-Byoto-7F-Monitor')
    await admin.context.close()

    const elsewhere = await newPage(browser)
    await login(elsewhere.page, server.url, 'e2e.self', 'Kango-Byoto-7F-Monitor')
    const { context, page } = await newPage(browser)
    await login(page, server.url, 'e2e.self', 'Kango-Byoto-7F-Monitor')
    await page.goto(`${server.url}/account`)

    // An API token for a script, to be revoked by the change.
    await page.getByLabel('トークン名').fill('nightly')
    await page.getByRole('button', { name: 'トークンを作成' }).click()
    await page.getByText('このトークンを今すぐコピーしてください').waitFor()

    const current = page.getByLabel('現在のパスワード')
    // Mantine marks required labels with " *".
    const next = page.getByLabel(/^新しいパスワード( \*)?$/)
    const again = page.getByLabel('新しいパスワード（確認）')
    const change = page.getByRole('button', { name: 'パスワードを変更' })

    // Wrong current password: said in Japanese, nothing changed.
    await current.fill('not-my-password-1')
    await next.fill('Shiny-Infusion-Pump-42')
    await again.fill('Shiny-Infusion-Pump-42')
    await change.click()
    await page.getByRole('alert').filter({ hasText: '現在のパスワードが違います' }).waitFor()

    // A common password: refused with the reason, in Japanese.
    await current.fill('Kango-Byoto-7F-Monitor')
    await next.fill('P@ssw0rd2024')
    await again.fill('P@ssw0rd2024')
    await change.click()
    await page.getByRole('alert').filter({ hasText: 'よく使われるパスワード' }).waitFor()
    expect(await sessionStatus(elsewhere.page)).toBe(200)

    // Mismatched confirmation: the button stays disabled and the field says why.
    await next.fill('Shiny-Infusion-Pump-42')
    await again.fill('Shiny-Infusion-Pump-43')
    await page.getByText('新しいパスワードが一致しません。').waitFor()
    expect(await change.isDisabled()).toBe(true)

    await again.fill('Shiny-Infusion-Pump-42')
    await change.click()
    await page.getByRole('status').filter({ hasText: 'パスワードを変更しました' }).waitFor()
    await expect
      .poll(async () => page.getByRole('status').textContent())
      .toContain('ほかのログイン 1 件を終了し、APIトークン 1 件を失効')
    const tokens = await (await page.request.get(`${server.url}/api/tokens`)).json()
    expect(tokens).toEqual([expect.objectContaining({ name: 'nightly', revokedAt: expect.any(String) })])
    await page.getByRole('row', { name: /nightly.*失効済み/ }).waitFor()

    // This page is still signed in, and its renewed CSRF token works for the next change.
    await page.getByLabel('トークン名').fill('after-change')
    await page.getByRole('button', { name: 'トークンを作成' }).click()
    await expect.poll(async () => page.getByRole('cell', { name: 'after-change', exact: true }).count()).toBe(1)
    await page.reload()
    await page.getByRole('heading', { name: 'アカウント' }).waitFor()
    expect(await sessionStatus(page)).toBe(200)

    // The other browser is signed out; the new password works, the old one no longer does.
    expect(await sessionStatus(elsewhere.page)).toBe(401)
    await elsewhere.page.reload()
    await elsewhere.page.getByRole('button', { name: 'ログイン' }).waitFor()
    await login(elsewhere.page, server.url, 'e2e.self', 'Shiny-Infusion-Pump-42')
    await elsewhere.context.close()
    await context.close()
  })

  it('an admin resets another user’s password on the Users page, which signs that user out', async () => {
    const { context, page } = await newPage(browser)
    await login(page, server.url, server.adminUser, server.adminPassword)
    await createUser(page, 'e2e.forgot', 'Kango-Byoto-7F-Monitor')
    const user = await newPage(browser)
    await login(user.page, server.url, 'e2e.forgot', 'Kango-Byoto-7F-Monitor')

    await page.getByRole('link', { name: 'ユーザー', exact: true }).click()
    // No reset button for oneself: that is the Account page, with the current password.
    await page.getByRole('cell', { name: 'e2e.forgot', exact: true }).waitFor()
    expect(await page.getByRole('button', { name: `${server.adminUser} のパスワードを再設定` }).count()).toBe(0)
    await page.getByRole('button', { name: 'e2e.forgot のパスワードを再設定' }).click()
    const dialog = page.getByRole('dialog')
    await dialog.getByText('このユーザーのログインはすべて終了し').waitFor()
    const password = dialog.getByLabel('新しいパスワード')
    await password.fill('Password1234')
    await dialog.getByRole('button', { name: 'パスワード再設定' }).click()
    await dialog.getByRole('alert').filter({ hasText: 'よく使われるパスワード' }).waitFor()
    expect(await sessionStatus(user.page)).toBe(200)

    await password.fill('Neue-Pumpe-Station-9')
    await dialog.getByRole('button', { name: 'パスワード再設定' }).click()
    await page
      .getByRole('status')
      .filter({ hasText: 'e2e.forgot のパスワードを再設定しました。ログイン 1 件を終了し' })
      .waitFor()
    await dialog.waitFor({ state: 'hidden' })

    // The user's open session is over; the new password signs in.
    expect(await sessionStatus(user.page)).toBe(401)
    await login(user.page, server.url, 'e2e.forgot', 'Neue-Pumpe-Station-9')
    await user.context.close()

    // In the audit log as the admin's doing.
    const audit = await (await page.request.get(`${server.url}/api/audit?action=user.password.reset`)).json()
    expect(audit.items).toEqual([expect.objectContaining({ action: 'user.password.reset', actor: server.adminUser })])
    await context.close()
  })
})
