import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core'
import { z } from 'zod'

/** Where the built web UI must be; the server serves it, so the tests need `npm run build` first. */
const WEB_INDEX = join(import.meta.dirname, '../../dist/web/index.html')

/**
 * Launches Debian's Chromium headless (playwright-core downloads no browser). Flags keep it quiet and offline:
 * no background networking, updates or sync, so the only traffic is to the test server on 127.0.0.1.
 */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(WEB_INDEX)) {
    throw new Error(`The web UI is not built (${WEB_INDEX} is missing). Run "npm run build" before the browser tests.`)
  }
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
}

/** A fresh context (own cookies and localStorage) with a desktop viewport, so tests do not leak sessions. */
export async function newPage(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'ja-JP' })
  context.setDefaultTimeout(20_000)
  const page = await context.newPage()
  return { context, page }
}

/** Logs in through the form (labels in Japanese, the default language) and waits for the home page. */
export async function login(page: Page, baseUrl: string, username: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/login`)
  await page.getByLabel('ユーザー名').fill(username)
  await page.getByLabel('パスワード').fill(password)
  await page.getByRole('button', { name: 'ログイン' }).click()
  await page.getByRole('heading', { name: 'ホーム', exact: true }).waitFor()
}

/** A state-changing API call with the page's session and its CSRF token (how a test prepares data, as a user would). */
export async function apiSend(
  page: Page,
  baseUrl: string,
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  data?: unknown,
): Promise<{ status: number; body: unknown }> {
  const { csrfToken } = z
    .object({ csrfToken: z.string() })
    .parse(await (await page.request.get(`${baseUrl}/api/auth/session`)).json())
  const res = await page.request.fetch(`${baseUrl}${path}`, {
    method,
    ...(data === undefined ? {} : { data }),
    headers: { 'x-csrf-token': csrfToken },
  })
  return { status: res.status(), body: await res.json().catch(() => null) }
}

/** Reads a JSON API response with the page's own session cookie and checks it against the shared schema. */
export async function apiGet<S extends z.ZodType>(
  page: Page,
  baseUrl: string,
  path: string,
  schema: S,
): Promise<z.output<S>> {
  const res = await page.request.get(`${baseUrl}${path}`)
  if (!res.ok()) throw new Error(`GET ${path} answered ${res.status()}: ${await res.text()}`)
  return schema.parse(await res.json())
}
