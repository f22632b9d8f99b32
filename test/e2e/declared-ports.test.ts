import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { z } from 'zod'
import { catalogModel } from '../../api/catalog.js'
import { declaredPortList } from '../../api/disclosure.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { apiGet, launchBrowser, login, newPage } from './browser.js'

// A real browser against a real server: generous limits so a busy machine does not fail them spuriously.
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

/** The sample the manufacturer fills in, as shipped in the repository. */
const template = readFileSync(join(import.meta.dirname, '../../docs/disclosure-template/declared-ports.json'))

/** A state-changing API call with the page's session and its CSRF token; fails the test on a non-2xx answer. */
async function apiSend(page: Page, path: string, data: unknown): Promise<unknown> {
  const { csrfToken } = z
    .object({ csrfToken: z.string() })
    .parse(await (await page.request.get(`${server.url}/api/auth/session`)).json())
  const res = await page.request.post(`${server.url}${path}`, { data, headers: { 'x-csrf-token': csrfToken } })
  if (!res.ok()) throw new Error(`POST ${path} answered ${res.status()}: ${await res.text()}`)
  return res.json()
}

describe('declared ports on the model page', () => {
  it('an engineer types ports in, a broken template changes nothing and says where, a good one replaces the list', async () => {
    // The admin makes an engineer account; the engineer does the rest.
    const admin = await newPage(browser)
    await login(admin.page, server.url, server.adminUser, server.adminPassword)
    const password = 'declared-ports-e2e-pass'
    await apiSend(admin.page, '/api/users', {
      username: 'e2e.engineer',
      displayName: '臨床工学 太郎',
      role: 'engineer',
      password,
    })
    await admin.context.close()

    const { context, page } = await newPage(browser)
    await login(page, server.url, 'e2e.engineer', password)
    const model = catalogModel.parse(
      await apiSend(page, '/api/models', { manufacturer: 'Example Medical', name: 'SP-2000' }),
    )
    const ports = () => apiGet(page, server.url, `/api/models/${model.id}/declared-ports`, declaredPortList)

    await page.goto(`${server.url}/catalog/models/${encodeURIComponent(model.id)}`)
    const panel = page.getByRole('region', { name: '製造販売業者が示す使用ポート' })
    await panel.getByText('スキャンで見つかった開いているポートをこの一覧と照らし合わせ', { exact: false }).waitFor()
    await panel.getByText('docs/disclosure-template/declared-ports.csv').waitFor()
    expect(await page.getByRole('link', { name: 'この機種の開示書' }).getAttribute('href')).toBe(
      `/disclosures?modelId=${encodeURIComponent(model.id)}`,
    )

    // Two ports by hand; an out-of-range port is caught before anything is sent.
    await panel.getByRole('button', { name: '手入力で編集' }).click()
    await panel.getByRole('button', { name: '行を追加' }).click()
    await panel.getByRole('button', { name: '行を追加' }).click()
    await panel.getByLabel('1 行目のポート番号').fill('104')
    await panel.getByLabel('1 行目のサービス').fill('DICOM')
    await panel.getByLabel('1 行目の暗号化').selectOption('no')
    await panel.getByLabel('2 行目のポート番号').fill('70000')
    await panel.getByRole('button', { name: '一覧を保存' }).click()
    await panel
      .getByText('2 行目：ポート番号は 1〜65535 の整数で入力してください（入力値：70000）', { exact: false })
      .waitFor()
    expect((await ports()).ports).toEqual([])
    await panel.getByLabel('2 行目のポート番号').fill('123')
    await panel.getByLabel('2 行目のTCP/UDP').selectOption('udp')
    await panel.getByLabel('2 行目の方向').selectOption('out')
    await panel.getByLabel('2 行目のサービス').fill('NTP')
    await panel.getByRole('button', { name: '一覧を保存' }).click()
    await panel.getByRole('button', { name: '手入力で編集' }).waitFor()

    await page.reload()
    const table = panel.getByRole('table', { name: '製造販売業者が示す使用ポート' })
    await table.getByRole('cell', { name: 'DICOM' }).waitFor()
    await table.getByRole('cell', { name: 'NTP' }).waitFor()
    await table.getByRole('cell', { name: '送信' }).waitFor()
    await panel.getByText('手入力', { exact: true }).waitFor()
    const typed = await ports()
    expect(typed).toMatchObject({ source: 'manual' })
    expect(typed.ports).toEqual([
      { port: 104, transport: 'tcp', direction: 'in', service: 'DICOM', purpose: null, tls: false },
      { port: 123, transport: 'udp', direction: 'out', service: 'NTP', purpose: null, tls: null },
    ])

    // A template with port 99999: the problem is located, and the list stays as it was.
    const file = page.locator('input[type="file"]')
    await file.setInputFiles({
      name: 'broken.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('port,transport,direction,service,purpose,tls\n99999,tcp,in,DICOM,images,no\n'),
    })
    const problems = panel.getByRole('table', { name: '取り込めなかった箇所' })
    await problems.waitFor()
    await panel.getByText('一覧は何も変更していません', { exact: false }).waitFor()
    const problemText = (await problems.locator('tbody').textContent()) ?? ''
    expect(problemText).toContain('99999')
    expect(problemText).toContain('broken.csv') // where: the file, row and field
    expect(await problems.locator('tbody tr').count()).toBeGreaterThan(0)
    expect(await ports()).toEqual(typed)
    await table.getByRole('cell', { name: 'NTP' }).waitFor()

    // The manufacturer's filled-in sample: five ports, and the source says so.
    await file.setInputFiles({ name: 'declared-ports.json', mimeType: 'application/json', buffer: template })
    await panel.getByText('テンプレートから 5 件のポートを取り込みました').waitFor()
    await panel.getByText('製造販売業者の記入用テンプレートから').waitFor()
    await table.getByRole('cell', { name: 'HL7' }).waitFor()
    expect(await problems.count()).toBe(0)
    const imported = await ports()
    expect(imported.source).toBe('template')
    expect(imported.ports.map((p) => p.port).sort((a, b) => a - b)).toEqual([22, 104, 123, 443, 2575])
    await context.close()

    // A viewer sees the list and where it came from, and no way to change it.
    const viewer = await newPage(browser)
    await login(viewer.page, server.url, server.viewerUser, server.viewerPassword)
    await viewer.page.goto(`${server.url}/catalog/models/${encodeURIComponent(model.id)}`)
    const seen = viewer.page.getByRole('region', { name: '製造販売業者が示す使用ポート' })
    await seen.getByRole('cell', { name: 'HL7' }).waitFor()
    await seen.getByText('製造販売業者の記入用テンプレートから').waitFor()
    expect(await seen.getByRole('button').count()).toBe(0)
    expect(await viewer.page.locator('input[type="file"]').count()).toBe(0)
    await viewer.context.close()
  })
})
