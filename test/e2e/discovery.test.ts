import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
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

// Network rule: the only scan target is 127.0.0.1, and the only open port we look for is the test server's own.
describe('discovery from the UI', () => {
  it('approves a scope, runs a gentle scan, shows the open port, and adds the host to the ledger', async () => {
    const { context, page } = await newPage(browser)
    await login(page, server.url, server.adminUser, server.adminPassword)
    const port = new URL(server.url).port

    await page.getByRole('link', { name: 'スコープと除外' }).click()
    await page.getByLabel('CIDR または範囲').fill('127.0.0.1/32')
    await page.getByLabel('名称').fill('E2E ループバック')
    await page.getByRole('button', { name: '承認' }).click()
    await page.getByRole('cell', { name: '127.0.0.1/32', exact: true }).waitFor()

    await page.getByRole('link', { name: 'スキャン', exact: true }).click()
    // Gentle is the default profile.
    expect(await page.locator('input').and(page.getByLabel('プロファイル')).inputValue()).toBe('ジェントル（既定）')

    // A target outside the approved scope is refused with a message, and no scan page opens.
    await page.getByLabel('対象').fill('127.0.0.9')
    await page.getByLabel('ポート', { exact: true }).fill(port)
    await page.getByRole('button', { name: 'スキャン開始' }).click()
    await page.getByRole('alert').filter({ hasText: 'スキャンを開始できませんでした' }).waitFor()
    expect(new URL(page.url()).pathname).toBe('/discovery/scans')

    await page.getByLabel('対象').fill('127.0.0.1')
    await page.getByRole('button', { name: 'スキャン開始' }).click()
    await page.waitForURL(/\/discovery\/scans\/[^/]+$/)
    // Live progress is polled until the scan completes.
    await page.getByText('完了', { exact: true }).waitFor()
    const hostRow = page.getByRole('row').filter({ hasText: '127.0.0.1' })
    await hostRow.filter({ hasText: `${port}/tcp` }).waitFor()
    expect(await hostRow.textContent()).toContain('台帳に未登録')

    await page.getByRole('link', { name: '台帳との照合' }).click()
    await page.getByRole('button', { name: '127.0.0.1 を台帳に追加' }).click()
    await page.getByRole('link', { name: '登録済み — 機器を開く' }).click()
    await page.waitForURL(/\/devices\/[^/]+$/)
    await page.getByText('127.0.0.1').first().waitFor()
    const found = await apiGet(page, server.url, '/api/devices?q=127.0.0.1&limit=5', deviceListResponse)
    expect(found.items.some((d) => d.ipAddresses.includes('127.0.0.1'))).toBe(true)
    await context.close()
  })

  it('stops a running scan from the Stop button', async () => {
    const { context, page } = await newPage(browser)
    await login(page, server.url, server.adminUser, server.adminPassword)
    await page.goto(`${server.url}/discovery/scans`)
    await page.getByLabel('対象').fill('127.0.0.1')
    // Gentle paces connections per host, so a few thousand ports take long enough to stop midway.
    await page.getByLabel('ポート', { exact: true }).fill('1-5000')
    await page.getByRole('button', { name: 'スキャン開始' }).click()
    await page.waitForURL(/\/discovery\/scans\/[^/]+$/)
    await page.getByText('実行中', { exact: true }).waitFor()
    await page.getByRole('button', { name: 'スキャンを停止' }).click()
    await page.getByText('停止', { exact: true }).waitFor()
    expect(await page.getByRole('button', { name: 'スキャンを停止' }).count()).toBe(0)
    await context.close()
  })
})
