import { readFileSync } from 'node:fs'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { launchBrowser, login, newPage } from './browser.js'

// A real browser against a real server: generous limits so a busy CI machine does not fail them spuriously.
vi.setConfig({ testTimeout: 180_000, hookTimeout: 120_000 })

let server: TestServer
let browser: Browser

beforeAll(async () => {
  ;[server, browser] = await Promise.all([startTestServer(), launchBrowser()])
})

afterAll(async () => {
  await browser?.close()
  await server?.close()
})

const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff\uff01-\uff5e]/

/** Imports a small ledger through the real import API (upload, then commit), with the page's own session. */
async function importLedger(page: Page, csv: string): Promise<void> {
  const result = await page.evaluate(async (text) => {
    const { csrfToken } = (await (await fetch('/api/auth/session')).json()) as { csrfToken: string }
    const form = new FormData()
    form.append('file', new Blob([text], { type: 'text/csv' }), 'story.csv')
    const preview = (await (
      await fetch('/api/imports', { method: 'POST', body: form, headers: { 'x-csrf-token': csrfToken } })
    ).json()) as { importId: string }
    const commit = await fetch(`/api/imports/${preview.importId}/commit`, {
      method: 'POST',
      headers: { 'x-csrf-token': csrfToken },
    })
    return { status: commit.status, body: await commit.text() }
  }, csv)
  expect(result.status, result.body).toBe(200)
}

/** The state of each first step on the dashboard, read from the cards. */
async function stepStates(page: Page): Promise<Record<string, string | null>> {
  await page.goto(`${server.url}/`)
  const section = page.getByRole('region', { name: /はじめの一歩|First steps/ })
  await section.locator('[data-step="reconcile"]').waitFor()
  const out: Record<string, string | null> = {}
  for (const id of ['import', 'scope', 'scan', 'findings', 'reconcile'])
    out[id] = await section.locator(`[data-step="${id}"]`).getAttribute('data-state')
  return out
}

describe('the device page and the dashboard tell the story', () => {
  it('walks the first steps, shows the device with its flags, findings and history, and exports findings', async () => {
    const { context, page } = await newPage(browser)
    await login(page, server.url, server.adminUser, server.adminPassword)
    const port = new URL(server.url).port

    expect(await stepStates(page)).toEqual({
      import: 'todo',
      scope: 'todo',
      scan: 'waiting',
      findings: 'waiting',
      reconcile: 'waiting',
    })

    // 1. Import: one device on 127.0.0.1 (the test server itself), past its service life, on Windows XP,
    // declaring Telnet only, so the server's own port is an undeclared open port.
    await importLedger(
      page,
      [
        'Asset Tag,Department,IP Addresses,OS,Declared Ports,Service Life End',
        'E2E-STORY-1,ICU,127.0.0.1,Windows XP,23,2020-03-31',
      ].join('\r\n'),
    )
    expect(await stepStates(page)).toMatchObject({ import: 'done', scope: 'todo', scan: 'waiting' })

    // 2. The scans page says a scope must be approved first, and links there.
    await page.goto(`${server.url}/discovery/scans`)
    await page.getByText('先にスコープの承認が必要です').waitFor()
    await page.getByRole('link', { name: 'スコープを承認する' }).click()
    await page.waitForURL(/\/discovery\/scopes$/)
    // Reconciliation before any scan says so instead of "every host is registered".
    await page.goto(`${server.url}/discovery/reconciliation`)
    await page.getByText('まだスキャンを実行していません').waitFor()
    expect(await page.getByRole('tab').count()).toBe(0)

    await page.goto(`${server.url}/discovery/scopes`)
    await page.getByLabel('CIDR または範囲').fill('127.0.0.1/32')
    await page.getByRole('button', { name: '承認' }).click()
    await page.getByRole('cell', { name: '127.0.0.1/32', exact: true }).waitFor()
    expect(await stepStates(page)).toMatchObject({ import: 'done', scope: 'done', scan: 'todo', findings: 'waiting' })

    // 3. Scan the server's own port.
    await page.goto(`${server.url}/discovery/scans`)
    expect(await page.getByText('先にスコープの承認が必要です').count()).toBe(0)
    await page.getByLabel('対象').fill('127.0.0.1')
    await page.getByLabel('ポート', { exact: true }).fill(port)
    await page.getByRole('button', { name: 'スキャン開始' }).click()
    await page.waitForURL(/\/discovery\/scans\/[^/]+$/)
    await page.getByText('完了', { exact: true }).waitFor()
    const after = await stepStates(page)
    // The only host is the registered device: reconciliation has nothing left; the undeclared port is a
    // medium finding, so no critical or high finding waits for review.
    expect(after).toEqual({ import: 'done', scope: 'done', scan: 'done', findings: 'done', reconcile: 'done' })
    const severities = page.getByRole('region', { name: '未対応の検出事項（重要度別）' })
    const findingsApi = await (await page.request.get(`${server.url}/api/findings?status=open`)).json()
    expect(findingsApi.total).toBeGreaterThan(0)
    let shown = 0
    for (const sev of ['critical', 'high', 'medium', 'low', 'info']) {
      const text = await severities.locator(`[data-severity="${sev}"]`).textContent()
      shown += Number(/(\d+)/.exec(text ?? '')?.[1])
    }
    expect(shown).toBe(findingsApi.total)
    await severities.locator('[data-severity="medium"]').click()
    await page.waitForURL(/\/discovery\/findings\?status=open&severity=medium$/)

    // 4. The device page: lifecycle flags, last seen, findings with the recommended action, history.
    const devices = await (await page.request.get(`${server.url}/api/devices?q=E2E-STORY-1`)).json()
    const deviceId = devices.items[0].id as string
    await page.goto(`${server.url}/devices/${deviceId}`)
    const flags = page.getByRole('region', { name: 'ライフサイクルと注意点' })
    await flags.locator('[data-flag="past_service_life"]').waitFor()
    expect(await flags.textContent()).toContain('耐用期間を過ぎています（2020-03-31 まで）')
    expect(await flags.textContent()).toContain('更新の止まった OS です: Windows XP')
    expect(await flags.textContent()).toContain('Telnet (23)')
    const seen = page.getByRole('region', { name: 'スキャンでの確認' })
    await seen.getByText(/最後に確認: .*（127\.0\.0\.1）/).waitFor()
    expect(await seen.textContent()).toContain(`${port}/tcp`)
    const findings = page.getByRole('region', { name: '検出事項' })
    const undeclared = findings.locator('[data-finding="undeclared-open-port"]')
    await undeclared.waitFor()
    expect(await undeclared.textContent()).toContain('推奨対応')
    const history = page.getByRole('region', { name: '変更履歴' })
    await history.locator('tbody tr').first().waitFor()

    // 5. Accept the finding's risk from the findings list (the reason is labelled as required); the device's
    // history then shows the decision.
    await page.goto(`${server.url}/discovery/findings?deviceId=${deviceId}`)
    const row = page.getByRole('row').filter({ hasText: 'E2E-STORY-1' }).first()
    expect(await row.textContent()).toContain('ICU')
    await row.getByRole('button', { name: '根拠と推奨対応を表示' }).click()
    const reason = page.getByLabel('理由（リスク受容では必須）')
    await reason.fill('isolated VLAN')
    await page.getByRole('button', { name: 'リスク受容' }).click()
    await page.getByRole('row').filter({ hasText: 'E2E-STORY-1' }).filter({ hasText: 'リスク受容' }).first().waitFor()
    await page.goto(`${server.url}/devices/${deviceId}`)
    await history.locator('[data-action="finding.update"]').waitFor()
    expect(await history.locator('[data-action="finding.update"]').textContent()).toContain('isolated VLAN')

    // 6. Export the findings as CSV (Japanese headers and values, the device's asset tag) and as Excel.
    await page.goto(`${server.url}/discovery/findings`)
    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'CSV 出力' }).click(),
    ])
    const csvText = readFileSync((await csv.path())!, 'utf8').replace(/^\uFEFF/, '')
    const [header, ...lines] = csvText.trim().split('\r\n')
    expect(header?.split(',').slice(0, 6)).toEqual(['重要度', '状態', '検出事項', '資産番号', '機器名', '部署'])
    expect(lines.some((l) => l.includes('E2E-STORY-1') && l.includes('リスク受容') && l.includes('ICU'))).toBe(true)
    const [xlsx] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Excel 出力' }).click(),
    ])
    expect(xlsx.suggestedFilename()).toMatch(/^mamori-findings-\d{4}-\d{2}-\d{2}\.xlsx$/)
    expect(
      readFileSync((await xlsx.path())!)
        .subarray(0, 2)
        .toString(),
    ).toBe('PK')
    await context.close()
  })

  it('lets a person choose the device list columns (kept after a reload) and never cuts a header off', async () => {
    const { context, page } = await newPage(browser)
    await login(page, server.url, server.adminUser, server.adminPassword)
    await page.goto(`${server.url}/devices`)
    const table = page.getByRole('table', { name: '機器台帳' })
    await table.getByRole('link', { name: 'E2E-STORY-1' }).waitFor()
    expect(await table.getByRole('columnheader', { name: '設置場所' }).count()).toBe(0)

    await page.getByRole('button', { name: '表示する列' }).click()
    await page.getByRole('checkbox', { name: '設置場所' }).check()
    await page.getByRole('checkbox', { name: '種別' }).uncheck()
    await page.keyboard.press('Escape')
    await table.getByRole('columnheader', { name: '設置場所' }).waitFor()
    expect(await table.getByRole('columnheader', { name: '種別' }).count()).toBe(0)
    // The asset tag opens the device, so it cannot be hidden.
    await page.getByRole('button', { name: '表示する列' }).click()
    expect(await page.locator('input[type="checkbox"][value="assetTag"]').isDisabled()).toBe(true)
    await page.keyboard.press('Escape')

    await page.reload()
    await table.getByRole('link', { name: 'E2E-STORY-1' }).waitFor()
    await table.getByRole('columnheader', { name: '設置場所' }).waitFor()
    expect(await table.getByRole('columnheader', { name: '種別' }).count()).toBe(0)
    // The full OS name is in its cell.
    expect(await table.getByRole('row').filter({ hasText: 'E2E-STORY-1' }).textContent()).toContain('Windows XP')

    // Every header shows its whole name: nothing overflows its cell, in a narrow window too.
    for (const width of [1440, 1000]) {
      await page.setViewportSize({ width, height: 900 })
      const cut = await table.locator('thead th').evaluateAll((ths) =>
        ths
          .filter((th) => {
            const inner = th.querySelector('span') ?? th
            return inner.scrollWidth > th.clientWidth + 1 || th.scrollHeight > th.clientHeight + 1
          })
          .map((th) => th.textContent),
      )
      expect(cut, `width ${width}`).toEqual([])
    }
    await context.close()
  })

  it('shows no Japanese on the touched pages in English mode, server messages included', async () => {
    const { context, page } = await newPage(browser)
    await login(page, server.url, server.adminUser, server.adminPassword)
    await page.getByRole('radiogroup', { name: '表示言語' }).getByText('English').click()
    await page.getByRole('heading', { name: 'Home', exact: true }).waitFor()
    const session = await (await page.request.get(`${server.url}/api/auth/session`)).json()
    const devices = await (await page.request.get(`${server.url}/api/devices?q=E2E-STORY-1`)).json()
    const deviceId = devices.items[0].id as string
    const scans = await (await page.request.get(`${server.url}/api/scans`)).json()

    /** The page's visible text without the brand, the language switch and the user's own name. */
    const visibleJapanese = async (): Promise<string[]> => {
      const text = (await page.locator('body').innerText())
        .replaceAll('Mamori 守り', '')
        .replaceAll('日本語', '')
        .replaceAll(session.user.displayName, '')
      return text.split('\n').filter((l) => JAPANESE.test(l))
    }
    const pages: [string, string | RegExp][] = [
      ['/', 'First steps'],
      [`/devices/${deviceId}`, 'Lifecycle and warnings'],
      ['/discovery/findings', 'Export CSV'],
      ['/discovery/scans', 'Start a scan'],
      ['/discovery/scopes', '127.0.0.1/32'],
      [`/discovery/scans/${scans[0].id}`, 'Completed'],
      ['/discovery/reconciliation', /Compared with the scan that finished/],
      ['/devices', 'Columns'],
      ['/audit', 'Scope approved'],
    ]
    for (const [path, marker] of pages) {
      await page.goto(`${server.url}${path}`)
      await page.getByText(marker).first().waitFor()
      // Let every query of the page answer before reading it.
      await page.waitForLoadState('networkidle')
      expect(await visibleJapanese(), path).toEqual([])
    }
    // The audit page names targets by asset tag and range, not by UUID.
    expect(await page.locator('body').innerText()).toContain('Device E2E-STORY-1')
    expect(await page.locator('body').innerText()).toContain('Scope 127.0.0.1/32')

    // A refused scan explains itself in English only.
    await page.goto(`${server.url}/discovery/scans`)
    await page.getByLabel('Targets').fill('127.0.0.9')
    await page.getByRole('button', { name: 'Start scan' }).click()
    const alert = page.getByRole('alert').filter({ hasText: 'outside every approved scope' })
    await alert.waitFor()
    expect(await alert.innerText()).not.toMatch(JAPANESE)

    // And in Japanese, the same refusal is Japanese.
    await page.getByRole('radiogroup', { name: 'Language' }).getByText('日本語').click()
    await page.getByLabel('対象').fill('127.0.0.0/40')
    await page.getByRole('button', { name: 'スキャン開始' }).click()
    await page.getByRole('alert').filter({ hasText: 'プレフィックス長「/40」は 0〜32 の数値にしてください' }).waitFor()
    await context.close()
  })
})
