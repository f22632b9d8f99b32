import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { z } from 'zod'
import { deviceListResponse } from '../../api/device.js'
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

/**
 * Lists visible form controls and buttons without an accessible name: no <label>, aria-label, aria-labelledby,
 * title or (for buttons and links) text. Runs in the page, written as a string because it uses the DOM.
 */
const UNLABELLED = `(() => {
  // Elements hidden from assistive technology on purpose (e.g. a tag's remove cross; Backspace removes it) do not count.
  const visible = (el) => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0 && !el.closest('[aria-hidden="true"]') }
  const named = (el) =>
    (el.labels && el.labels.length > 0) ||
    (el.getAttribute('aria-label') ?? '').trim() !== '' ||
    (el.getAttribute('aria-labelledby') ?? '').split(/\\s+/).some((id) => id && (document.getElementById(id)?.textContent ?? '').trim() !== '') ||
    (el.getAttribute('title') ?? '').trim() !== '' ||
    ((el.tagName === 'BUTTON' || el.tagName === 'A') && (el.textContent ?? '').trim() !== '')
  return [...document.querySelectorAll('input:not([type=hidden]), select, textarea, button, a[href], [role=button], [role=switch]')]
    .filter((el) => visible(el) && !named(el))
    .map((el) => el.outerHTML.slice(0, 160))
})()`

async function unlabelled(page: Page): Promise<string[]> {
  return z.array(z.string()).parse(await page.evaluate(UNLABELLED))
}

describe('accessibility', () => {
  it('every visible control on every page has an accessible name', async () => {
    const { context, page } = await newPage(browser)
    await login(page, server.url, server.adminUser, server.adminPassword)
    const device = (await apiGet(page, server.url, '/api/devices?limit=1', deviceListResponse)).items[0]
    if (!device) throw new Error('no device')
    const pages: [string, string][] = [
      ['/', 'ホーム'],
      ['/dashboard', 'ダッシュボード'],
      ['/devices', '機器台帳'],
      [`/devices/${device.id}`, '機器情報'],
      ['/import', '機器のインポート'],
      ['/audit', '監査ログ'],
      ['/users', 'ユーザー'],
      ['/account', 'APIトークン'],
      ['/discovery/scans', 'スキャンを開始'],
      ['/discovery/findings', '検出事項'],
      ['/discovery/scopes', '承認済みスコープ'],
      ['/discovery/reconciliation', '台帳との照合'],
      ['/advisories', '脆弱性情報（アドバイザリ）'],
      ['/advisories?view=all', '脆弱性情報（アドバイザリ）'],
      ['/feeds', '脆弱性情報の入手元'],
      ['/settings/notifications', '通知の設定'],
    ]
    const problems: string[] = []
    for (const [path, heading] of pages) {
      await page.goto(`${server.url}${path}`)
      await page.getByRole('heading', { name: heading, exact: true }).first().waitFor()
      await page.waitForLoadState('networkidle')
      for (const p of await unlabelled(page)) problems.push(`${path}: ${p}`)
    }
    // The edit form too: every input of the device.
    await page.goto(`${server.url}/devices/${device.id}`)
    await page.getByRole('button', { name: '編集' }).click()
    await page.getByRole('button', { name: '保存' }).waitFor()
    for (const p of await unlabelled(page)) problems.push(`edit: ${p}`)
    expect(problems).toEqual([])
    await context.close()
  })

  it('reaches a device from the keyboard alone: skip link, then Tab to the first row link and Enter', async () => {
    const { context, page } = await newPage(browser)
    await login(page, server.url, server.adminUser, server.adminPassword)
    await page.goto(`${server.url}/devices`)
    await page.locator('tr.row').first().waitFor()
    await page.keyboard.press('Tab')
    expect(await page.evaluate('document.activeElement?.textContent')).toBe('本文へスキップ')
    await page.keyboard.press('Enter')
    const firstLink = page.locator('tr.row a').first()
    const target = await firstLink.textContent()
    let reached = false
    for (let i = 0; i < 40 && !reached; i++) {
      await page.keyboard.press('Tab')
      reached = await firstLink.evaluate((el) => el === el.ownerDocument.activeElement)
    }
    expect(reached).toBe(true)
    await page.keyboard.press('Enter')
    await page.waitForURL(/\/devices\/[^/]+$/)
    await page.getByRole('heading', { name: target ?? '', exact: true }).waitFor()
    await context.close()
  })
})
