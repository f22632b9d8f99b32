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

describe('device form', () => {
  it('refuses what the import refuses (a host name as IP, no identifier) and asks before discarding edits', async () => {
    const { context, page } = await newPage(browser)
    await login(page, server.url, server.adminUser, server.adminPassword)
    await page.goto(`${server.url}/devices/new`)
    await page.getByRole('heading', { name: '機器の新規登録' }).waitFor()

    // Nothing that identifies the device: refused before anything is sent.
    await page.getByLabel('型式', { exact: true }).fill('TE-LM800')
    await page.getByRole('button', { name: '保存' }).click()
    await page
      .getByText('資産番号・製造番号・ホスト名・IPアドレス・MACアドレスのうち、少なくとも一つを入力してください。')
      .waitFor()

    // A host name where the IP address belongs: refused with the importer's rule.
    await page.getByLabel('機器名（一般的名称）', { exact: true }).fill('輸液ポンプ')
    const ip = page.getByLabel('IPアドレス', { exact: true }).first()
    await ip.fill('pump-7.local')
    await ip.press('Enter')
    await page.getByRole('button', { name: '保存' }).click()
    await page.getByText('「pump-7.local」はIPアドレスとして正しくありません').waitFor()
    const none = await apiGet(page, server.url, '/api/devices?q=TE-LM800', deviceListResponse)
    expect(none.total).toBe(0)

    // Leaving with unsaved edits asks first; saying no keeps the form and its values.
    const questions: string[] = []
    page.once('dialog', (d) => {
      questions.push(d.message())
      void d.dismiss()
    })
    await page.getByRole('button', { name: 'キャンセル' }).click()
    await expect.poll(() => questions).toEqual(['保存していない変更があります。破棄してよろしいですか？'])
    expect(await page.getByLabel('型式', { exact: true }).inputValue()).toBe('TE-LM800')
    page.once('dialog', (d) => {
      questions.push(d.message())
      void d.accept()
    })
    await page.getByRole('link', { name: 'インポート' }).click()
    await page.getByRole('heading', { name: '機器のインポート' }).waitFor()
    expect(questions).toHaveLength(2)
    await context.close()
  })
})
