import { readFileSync } from 'node:fs'
import { parse } from 'csv-parse/sync'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { device, deviceListResponse } from '../../api/device.js'
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

const fmt = (n: number) => n.toLocaleString('ja-JP')

/** Waits until the list's count line shows exactly `n` devices. */
async function waitForCount(page: Page, n: number): Promise<void> {
  await page
    .getByTestId('device-count')
    .filter({ hasText: new RegExp(`^${fmt(n)} 台$`) })
    .waitFor()
}

describe('device list', () => {
  it('narrows rows by kind and by search text, server-side', async () => {
    const { context, page } = await newPage(browser)
    await login(page, server.url, server.adminUser, server.adminPassword)
    const all = await apiGet(page, server.url, '/api/devices?limit=1', deviceListResponse)
    const servers = await apiGet(page, server.url, '/api/devices?kind=server&limit=1', deviceListResponse)
    expect(servers.total).toBeGreaterThan(0)
    expect(servers.total).toBeLessThan(all.total)

    await page.getByRole('link', { name: '機器台帳' }).click()
    await waitForCount(page, all.total)

    // Kind filter through the select, as a user would.
    await page
      .locator('input')
      .and(page.getByLabel('種別', { exact: true }))
      .click()
    await page.getByRole('option', { name: 'サーバー', exact: true }).click()
    await waitForCount(page, servers.total)
    expect(page.url()).toContain('kind=server')
    const kinds = await page.locator('tr.row td:nth-child(3)').allTextContents()
    expect(kinds.length).toBe(Math.min(servers.total, kinds.length))
    expect(kinds.length).toBeGreaterThan(0)
    expect(new Set(kinds)).toEqual(new Set(['サーバー']))

    // Search for one server's host name: the list narrows to the matching rows.
    const target = await apiGet(page, server.url, '/api/devices?kind=server&limit=1&sort=hostname', deviceListResponse)
    const hostname = target.items[0]?.hostname
    expect(hostname).toBeTruthy()
    const expected = await apiGet(
      page,
      server.url,
      `/api/devices?kind=server&limit=1&q=${encodeURIComponent(hostname ?? '')}`,
      deviceListResponse,
    )
    await page.getByLabel('検索').fill(hostname ?? '')
    await waitForCount(page, expected.total)
    expect(expected.total).toBeLessThan(servers.total)
    // The host name column, wherever the chosen columns put it.
    const headers = await page.locator('table.device-grid thead th').allTextContents()
    const hostCol = headers.indexOf('ホスト名') + 1
    expect(hostCol).toBeGreaterThan(0)
    const hosts = await page.locator(`tr.row td:nth-child(${hostCol})`).allTextContents()
    expect(hosts).toContain(hostname)
    await context.close()
  })

  it('exports the filtered list as CSV with Japanese headers', async () => {
    const { context, page } = await newPage(browser)
    await login(page, server.url, server.adminUser, server.adminPassword)
    const servers = await apiGet(page, server.url, '/api/devices?kind=server&limit=1', deviceListResponse)
    await page.goto(`${server.url}/devices?kind=server`)
    await waitForCount(page, servers.total)
    const download = page.waitForEvent('download')
    await page.getByRole('link', { name: 'CSV出力' }).click()
    const file = await download
    const path = await file.path()
    const text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '')
    const rows: string[][] = parse(text)
    expect(rows[0]).toContain('資産番号')
    expect(rows.length - 1).toBe(servers.total)
    await context.close()
  })

  it('sorts by clicking a column header', async () => {
    const { context, page } = await newPage(browser)
    await login(page, server.url, server.adminUser, server.adminPassword)
    await page.goto(`${server.url}/devices`)
    await page.locator('tr.row').first().waitFor()
    const header = page.getByRole('columnheader', { name: '資産番号' })
    expect(await header.getAttribute('aria-sort')).toBe('ascending')
    await header.getByRole('button').click()
    await page.getByRole('columnheader', { name: '資産番号' }).and(page.locator('[aria-sort="descending"]')).waitFor()
    const desc = await apiGet(page, server.url, '/api/devices?sort=assetTag&order=desc&limit=1', deviceListResponse)
    await page
      .locator('tr.row')
      .first()
      .filter({ hasText: desc.items[0]?.assetTag ?? '?' })
      .waitFor()
    await context.close()
  })
  it('opens a sorted link from the address bar, requesting the list without waiting for the session check', async () => {
    const { context, page } = await newPage(browser)
    await login(page, server.url, server.adminUser, server.adminPassword)
    const events: string[] = []
    page.on('request', (r) => {
      const path = new URL(r.url()).pathname
      if (path === '/api/devices') events.push('list requested')
    })
    page.on('response', (r) => {
      if (new URL(r.url()).pathname === '/api/auth/session') events.push('session answered')
    })
    await page.goto(`${server.url}/devices?sort=name&order=desc`)
    const first = await apiGet(page, server.url, '/api/devices?sort=name&order=desc&limit=1', deviceListResponse)
    await page
      .locator('tr.row')
      .first()
      .filter({ hasText: first.items[0]?.assetTag ?? '?' })
      .waitFor()
    expect(await page.getByRole('columnheader', { name: /機器名/ }).getAttribute('aria-sort')).toBe('descending')
    expect(events.indexOf('list requested')).toBeGreaterThanOrEqual(0)
    expect(events.indexOf('list requested')).toBeLessThan(events.indexOf('session answered'))
    await context.close()
  })
})

describe('device edit', () => {
  it('saves an edit with PATCH and the change survives a reload', async () => {
    const { context, page } = await newPage(browser)
    await login(page, server.url, server.adminUser, server.adminPassword)
    const list = await apiGet(page, server.url, '/api/devices?kind=medical_device&limit=1', deviceListResponse)
    const target = list.items[0]
    if (!target) throw new Error('the demo hospital has no medical device')

    await page.goto(`${server.url}/devices/${target.id}`)
    await page.getByRole('button', { name: '編集' }).click()
    const newLocation = `E2E 検証室 ${Date.now()}`
    await page.getByLabel('設置場所', { exact: true }).fill(newLocation)
    await page.getByRole('button', { name: '保存' }).click()
    await page.getByText('保存しました。').waitFor()

    await page.reload()
    await page.getByText(newLocation).waitFor()
    const stored = await apiGet(page, server.url, `/api/devices/${target.id}`, device)
    expect(stored.location).toBe(newLocation)
    expect(stored.version).toBe(target.version + 1)
    // Untouched fields are unchanged: PATCH sent only the location.
    expect(stored.model).toBe(target.model)
    expect(stored.ipAddresses).toEqual(target.ipAddresses)
    await context.close()
  })

  it('shows field errors from validation and does not save', async () => {
    const { context, page } = await newPage(browser)
    await login(page, server.url, server.adminUser, server.adminPassword)
    const list = await apiGet(page, server.url, '/api/devices?limit=1&offset=5', deviceListResponse)
    const target = list.items[0]
    if (!target) throw new Error('no device')
    await page.goto(`${server.url}/devices/${target.id}`)
    await page.getByRole('button', { name: '編集' }).click()
    await page.getByLabel('VLAN', { exact: true }).fill('5000')
    await page.getByRole('button', { name: '保存' }).click()
    await page.getByText('VLAN は 1〜4094 の数値です。').waitFor()
    const stored = await apiGet(page, server.url, `/api/devices/${target.id}`, device)
    expect(stored.version).toBe(target.version)
    await context.close()
  })

  it('explains a 409 conflict when someone else saved first', async () => {
    const { context, page } = await newPage(browser)
    await login(page, server.url, server.adminUser, server.adminPassword)
    const list = await apiGet(page, server.url, '/api/devices?limit=1&offset=10', deviceListResponse)
    const target = list.items[0]
    if (!target) throw new Error('no device')
    await page.goto(`${server.url}/devices/${target.id}`)
    await page.getByRole('button', { name: '編集' }).click()

    // Another session saves the same device in the meantime.
    const other = await newPage(browser)
    await login(other.page, server.url, server.adminUser, server.adminPassword)
    await other.page.goto(`${server.url}/devices/${target.id}`)
    await other.page.getByRole('button', { name: '編集' }).click()
    await other.page.getByLabel('備考', { exact: true }).fill('先に保存した変更')
    await other.page.getByRole('button', { name: '保存' }).click()
    await other.page.getByText('保存しました。').waitFor()
    await other.context.close()

    await page.getByLabel('備考', { exact: true }).fill('後から保存しようとした変更')
    await page.getByRole('button', { name: '保存' }).click()
    await page.getByText('保存できません：他のユーザーがこの機器を変更しました').waitFor()
    const stored = await apiGet(page, server.url, `/api/devices/${target.id}`, device)
    expect(stored.notes).toBe('先に保存した変更')
    await context.close()
  })
})

describe('viewer role', () => {
  it('sees devices read-only: no edit, delete or new-device buttons', async () => {
    const { context, page } = await newPage(browser)
    await login(page, server.url, server.viewerUser, server.viewerPassword)
    await page.goto(`${server.url}/devices`)
    await page.locator('tr.row').first().waitFor()
    expect(await page.getByRole('link', { name: '機器を登録' }).count()).toBe(0)
    await page.locator('tr.row').first().click()
    await page.getByText('閲覧専用の権限です（閲覧者）。').waitFor()
    await page.getByRole('heading', { name: '機器情報' }).waitFor()
    expect(await page.getByRole('button', { name: '編集' }).count()).toBe(0)
    expect(await page.getByRole('button', { name: '削除' }).count()).toBe(0)
    // Admin-only navigation is hidden too.
    expect(await page.getByRole('link', { name: '監査ログ' }).count()).toBe(0)
    await context.close()
  })
})
