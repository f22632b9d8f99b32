import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { launchBrowser, newPage } from './browser.js'

// Its own server: once the limit trips, every other login from 127.0.0.1 is refused for a while.
// A real browser against a real server: generous limits so a busy CI machine does not fail them spuriously.
vi.setConfig({ testTimeout: 90_000, hookTimeout: 120_000 })

let server: TestServer
let browser: Browser

beforeAll(async () => {
  ;[server, browser] = await Promise.all([startTestServer(), launchBrowser()])
})

afterAll(async () => {
  await browser?.close()
  await server?.close()
})

describe('login rate limit', () => {
  it('tells the user to wait when the server answers 429', async () => {
    const { context, page } = await newPage(browser)
    await page.goto(`${server.url}/login`)
    await page.getByLabel('ユーザー名').fill(server.adminUser)
    const alert = page.getByRole('alert')
    let text = ''
    // The server allows a handful of attempts per minute; keep trying wrong passwords until it refuses.
    for (let attempt = 0; attempt < 30 && !text.includes('試行回数が多すぎます'); attempt++) {
      await page.getByLabel('パスワード').fill(`wrong-password-${attempt}`)
      const answered = page.waitForResponse((r) => r.url().endsWith('/api/auth/login'))
      await page.getByRole('button', { name: 'ログイン' }).click()
      await answered
      await alert.waitFor()
      text = (await alert.textContent()) ?? ''
    }
    expect(text).toContain('試行回数が多すぎます。1分ほど待ってから再度お試しください。')
    await context.close()
  })
})
