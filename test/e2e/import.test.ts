import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
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

/**
 * Five rows under Japanese headers: rows 2, 5 and 6 are good; row 3 has an impossible IP address and row 4 a date
 * that does not exist (30 February). Row numbers are as Excel shows them (header = row 1).
 */
const CSV = [
  '資産番号,部署,型式,IPアドレス,設置日',
  'E2E-IMP-0001,E2E検証病棟,Model A,10.99.0.1,2020-04-01',
  'E2E-IMP-0002,E2E検証病棟,Model B,999.1.1.1,2020-04-01',
  'E2E-IMP-0003,E2E検証病棟,Model C,10.99.0.3,2020-02-30',
  'E2E-IMP-0004,E2E検証病棟,Model D,10.99.0.4,2021-01-01',
  'E2E-IMP-0005,E2E検証病棟,Model E,10.99.0.5,',
].join('\r\n')

describe('CSV import wizard', () => {
  it('previews rejected rows with row, column and reason, writes nothing before Confirm, then creates only the good rows', async () => {
    const { context, page } = await newPage(browser)
    await login(page, server.url, server.adminUser, server.adminPassword)
    const before = await apiGet(page, server.url, '/api/devices?limit=1', deviceListResponse)

    await page.getByRole('link', { name: 'インポート' }).click()
    await page.locator('input[type="file"]').setInputFiles({
      name: 'e2e-devices.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`\uFEFF${CSV}`, 'utf8'),
    })
    await page.getByRole('button', { name: 'アップロードして確認' }).click()

    // Dry run: the preview is shown and nothing is written yet.
    await page.getByText('まだ何も保存されていません').waitFor()
    const rejected = page.getByRole('table', { name: '取り込めない行（行・列・値・理由）' })
    await rejected.waitFor()
    const rows: string[][] = []
    for (const tr of await rejected.locator('tbody tr').all()) rows.push(await tr.locator('td').allTextContents())
    const byRow = new Map(rows.map((r) => [r[0], r]))
    expect(byRow.get('3')?.[1]).toBe('IPアドレス')
    expect(byRow.get('3')?.[2]).toBe('999.1.1.1')
    expect(byRow.get('3')?.[3]?.length).toBeGreaterThan(0)
    expect(byRow.get('4')?.[1]).toBe('設置日')
    expect(byRow.get('4')?.[2]).toBe('2020-02-30')
    expect(byRow.get('4')?.[3]?.length).toBeGreaterThan(0)
    expect([...byRow.keys()].sort()).toEqual(['3', '4'])

    const mapping = page.getByRole('table', { name: '列の対応' })
    expect(await mapping.getByLabel('台帳の項目: IPアドレス', { exact: true }).inputValue()).toBe('IPアドレス')

    const during = await apiGet(page, server.url, '/api/devices?limit=1', deviceListResponse)
    expect(during.total).toBe(before.total)
    const none = await apiGet(page, server.url, '/api/devices?q=E2E-IMP&limit=10', deviceListResponse)
    expect(none.total).toBe(0)

    await page.getByRole('button', { name: 'インポートを確定（3 台）' }).click()
    await page.getByText('インポートが完了しました').waitFor()
    await page.getByText('新規 3 件、更新 0 件、変更なし 0 件、取り込めない行 2 件。').waitFor()

    const after = await apiGet(page, server.url, '/api/devices?limit=1', deviceListResponse)
    expect(after.total).toBe(before.total + 3)
    const imported = await apiGet(page, server.url, '/api/devices?q=E2E-IMP&limit=10&sort=assetTag', deviceListResponse)
    expect(imported.items.map((d) => d.assetTag)).toEqual(['E2E-IMP-0001', 'E2E-IMP-0004', 'E2E-IMP-0005'])
    expect(imported.items[0]?.ipAddresses).toEqual(['10.99.0.1'])
    await context.close()
  })
})
