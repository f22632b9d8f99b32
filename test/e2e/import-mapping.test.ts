import { readFileSync } from 'node:fs'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { deviceListResponse } from '../../api/device.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { apiGet, launchBrowser, login, newPage } from './browser.js'

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
 * A ledger whose 機器名 column holds model numbers and whose generic name sits under a header the importer does not
 * know (装置の種類); row 4 has a host name where the IP address belongs.
 */
const CSV = [
  '資産番号,機器名,装置の種類,IPアドレス',
  'MAP-0001,TE-LM800,輸液ポンプ,10.98.0.1',
  'MAP-0002,BSM-1700,生体情報モニタ,10.98.0.2',
  'MAP-0003,TE-LM800,輸液ポンプ,pump-7.local',
].join('\r\n')

describe('import: change the column mapping, download the rejected rows', () => {
  it('lets a person point 機器名 at 型式 and another column at 機器名, and gives the bad rows back as CSV', async () => {
    const { context, page } = await newPage(browser)
    await login(page, server.url, server.adminUser, server.adminPassword)
    await page.getByRole('link', { name: 'インポート' }).click()
    // The template is offered before any upload.
    await expect(
      page.getByRole('link', { name: 'Excel テンプレート（.xlsx）' }).getAttribute('href'),
    ).resolves.toContain('/api/imports/template?format=xlsx')
    await page.locator('input[type="file"]').setInputFiles({
      name: 'mapping.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`\uFEFF${CSV}`, 'utf8'),
    })
    await page.getByRole('button', { name: 'アップロードして確認' }).click()
    await page.getByText('まだ何も保存されていません').waitFor()
    const mapping = page.getByRole('table', { name: '列の対応' })
    const nameSelect = mapping.getByLabel('台帳の項目: 機器名', { exact: true })
    expect(await nameSelect.inputValue()).toBe('機器名（一般的名称）')
    const kindSelect = mapping.getByLabel('台帳の項目: 装置の種類', { exact: true })
    expect(await kindSelect.inputValue()).toBe('取り込まない')

    // 機器名 → 型式; 装置の種類 → 機器名. Each change is checked again by the server at once.
    await nameSelect.click()
    await page.getByRole('option', { name: '型式', exact: true }).click()
    await expect.poll(() => nameSelect.inputValue()).toBe('型式')
    await kindSelect.click()
    await page.getByRole('option', { name: '機器名（一般的名称）' }).click()
    await expect.poll(() => kindSelect.inputValue()).toBe('機器名（一般的名称）')
    await page.getByText('認識できない列').waitFor({ state: 'detached' })

    // Counts say rows: one row rejected (with one problem).
    await page.getByRole('heading', { name: '取り込めない行（1 行、問題 1 件）' }).waitFor()
    const downloading = page.waitForEvent('download')
    await page.getByRole('link', { name: '取り込めない行を CSV でダウンロード（直して再インポート）' }).click()
    const download = await downloading
    const text = readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '')
    const lines = text.trim().split('\r\n')
    expect(lines[0]).toBe('資産番号,機器名,装置の種類,IPアドレス,取り込めない理由')
    expect(lines[1]).toMatch(/^MAP-0003,TE-LM800,輸液ポンプ,pump-7\.local,"元の4行目「IPアドレス」: /)

    await page.getByRole('button', { name: 'インポートを確定（2 台）' }).click()
    await page.getByText('インポートが完了しました').waitFor()
    const imported = await apiGet(page, server.url, '/api/devices?q=MAP-&sort=assetTag', deviceListResponse)
    expect(imported.items.map((d) => [d.assetTag, d.name, d.model, d.category])).toEqual([
      ['MAP-0001', '輸液ポンプ', 'TE-LM800', 'infusion_pump'],
      ['MAP-0002', '生体情報モニタ', 'BSM-1700', 'patient_monitor'],
    ])
    await context.close()
  })
})
