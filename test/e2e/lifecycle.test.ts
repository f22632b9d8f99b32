import { readFileSync } from 'node:fs'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { z } from 'zod'
import { acceptance } from '../../api/acceptance.js'
import { decommission } from '../../api/decommission.js'
import { device, deviceListResponse } from '../../api/device.js'
import { deviceTimeline, lifecycleCalendar } from '../../api/operations.js'
import { bid, requirementSet } from '../../api/procurement.js'
import { mamori } from '../helpers/cli.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { apiGet, launchBrowser, login as loginAs, newPage, apiSend as sharedApiSend } from './browser.js'

// A real browser against a real server with the demo hospital (as on a fresh clone: `mamori demo`).
vi.setConfig({ testTimeout: 180_000, hookTimeout: 120_000 })

let server: TestServer
let browser: Browser

beforeAll(async () => {
  ;[server, browser] = await Promise.all([startTestServer(), launchBrowser()])
  const demo = await mamori(server.dataDir, ['demo'])
  if (demo.code !== 0) throw new Error(`mamori demo failed: ${demo.stderr}`)
})

afterAll(async () => {
  await browser?.close()
  await server?.close()
})

/** The admin logs in through the form and lands on the home page. */
const login = (page: Page) => loginAs(page, server.url, server.adminUser, server.adminPassword)

/** A state-changing API call with the page's session and CSRF token (how the test prepares data, like a user). */
const apiSend = (page: Page, method: 'POST' | 'PUT' | 'PATCH', path: string, data?: unknown) =>
  sharedApiSend(page, server.url, method, path, data)

/** A demo device in use, not life-critical (safe to put through an acceptance test). */
async function deviceInUse(page: Page, skip: readonly string[] = []) {
  const list = await apiGet(page, server.url, '/api/devices?limit=200', deviceListResponse)
  const d = list.items.find((x) => x.status === 'in_use' && !x.lifeCritical && !skip.includes(x.id))
  if (!d) throw new Error('the demo hospital has no device in use')
  return d
}

/** "YYYY-MM-DD" `months` from today (local), as the calendar page computes its range. */
function monthsAhead(months: number): string {
  const d = new Date()
  const out = new Date(d.getFullYear(), d.getMonth() + months, Math.min(d.getDate(), 28))
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${out.getFullYear()}-${pad(out.getMonth() + 1)}-${pad(out.getDate())}`
}

describe('procurement in the browser', () => {
  it('downloads the requirement sheet as .xlsx for a tender', async () => {
    const { context, page } = await newPage(browser)
    await login(page)
    await page.getByRole('link', { name: '調達要件', exact: true }).click()
    await page.getByRole('heading', { name: '調達要件', exact: true }).waitFor()
    // The header the server sends for the sheet.
    const res = await page.request.get(`${server.url}/api/procurement/requirements/export?lang=ja&format=xlsx`)
    expect(res.status()).toBe(200)
    expect(res.headers()['content-type']).toContain('spreadsheetml')
    expect(res.headers()['content-disposition']).toMatch(/attachment/)
    // The button hands the same file to the browser.
    const download = page.waitForEvent('download')
    await page.getByRole('button', { name: 'Excel（日本語）' }).click()
    const file = await download
    expect(file.suggestedFilename()).toMatch(/\.xlsx$/)
    // An .xlsx is a zip: "PK".
    expect(
      readFileSync(await file.path())
        .subarray(0, 2)
        .toString('latin1'),
    ).toBe('PK')
    await context.close()
  })

  it('a bid entered with the form shows its score and its mandatory gaps', async () => {
    const { context, page } = await newPage(browser)
    await login(page)
    const set = await apiGet(page, server.url, '/api/procurement/requirements', requirementSet)
    const first = set.items[0]
    if (!first) throw new Error('the requirement set is empty')
    await page.goto(`${server.url}/procurement`)
    await page.getByRole('button', { name: '入札を追加' }).click()
    const dialog = page.getByRole('dialog')
    await dialog.getByLabel('案件').fill('2027年度 ICU 生体情報モニタ更新')
    await dialog.getByLabel(/^業者/).fill('みなと医療機器')
    await dialog.getByLabel('製造販売業者').fill('日本光電')
    await dialog.getByLabel(/^機種/).fill('BSM-6000')
    await dialog
      .getByRole('radiogroup', { name: `${first.id} への回答` })
      .getByText('はい', { exact: true })
      .click()
    await dialog.getByLabel(`${first.id} への回答の補足`).fill('SBOM は納入時に提供')
    await dialog.getByRole('button', { name: '保存' }).click()
    await dialog.waitFor({ state: 'detached' })

    const bids = await apiGet(page, server.url, '/api/procurement/bids', z.object({ items: z.array(bid) }))
    const saved = bids.items.find((b) => b.vendor === 'みなと医療機器')
    if (!saved) throw new Error('the bid was not saved')
    expect(saved.answers).toEqual([{ itemId: first.id, answer: 'yes', note: 'SBOM は納入時に提供' }])
    expect(saved.score.points).toBeGreaterThan(0)
    const row = page.getByRole('table', { name: '入札（業者の回答）' }).locator(`tr[data-bid="${saved.id}"]`)
    expect(await row.locator('[data-score]').textContent()).toBe(`${saved.score.percent}%`)
    // Every mandatory requirement not answered "yes" or "partly" is a red badge.
    for (const gap of saved.score.mandatoryGaps) await row.locator(`[data-gap="${gap}"]`).waitFor()
    await context.close()
  })
})

describe('procurement requirements editor', () => {
  it('a refused save (422) shows the problem under its row and changes nothing', async () => {
    const { context, page } = await newPage(browser)
    await login(page)
    const before = await apiGet(page, server.url, '/api/procurement/requirements', requirementSet)
    const second = before.items[1]
    if (!second) throw new Error('the requirement set has fewer than two items')
    await page.goto(`${server.url}/procurement`)
    await page.getByRole('button', { name: '要件を編集' }).click()
    await page.getByLabel(`${second.id} の要件（英語）`).fill('')
    await page.getByRole('button', { name: '保存', exact: true }).click()
    const problem = page.locator('[data-row-problems="1"]')
    await problem.waitFor()
    expect(await problem.textContent()).toContain('要件（英語）')
    expect(await page.locator(`tr[data-requirement="${second.id}"]`).getAttribute('data-problem')).toBe('true')
    const after = await apiGet(page, server.url, '/api/procurement/requirements', requirementSet)
    expect(after).toEqual(before)
    await context.close()
  })
})

describe('procurement answer sheet upload', () => {
  it('a file that is not an answer sheet is refused with the reason, and the bid keeps its answers', async () => {
    const { context, page } = await newPage(browser)
    await login(page)
    const bids = await apiGet(page, server.url, '/api/procurement/bids', z.object({ items: z.array(bid) }))
    const target = bids.items[0]
    if (!target) throw new Error('the demo has no bid')
    await page.goto(`${server.url}/procurement`)
    const row = page.locator(`tr[data-bid="${target.id}"]`)
    const chooser = page.waitForEvent('filechooser')
    await row.getByRole('button', { name: `${target.vendor} ${target.model} の回答 Excel を取り込む` }).click()
    await (await chooser).setFiles({
      name: 'kaitou.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: Buffer.from('これは Excel ではありません'),
    })
    const alert = page.getByRole('alert').filter({ hasText: '回答の Excel を読み込めませんでした' })
    await alert.waitFor()
    expect(((await alert.textContent()) ?? '').length).toBeGreaterThan('回答の Excel を読み込めませんでした'.length)
    const after = await apiGet(page, server.url, `/api/procurement/bids/${target.id}`, bid)
    expect(after.answers).toEqual(target.answers)
    await context.close()
  })
})

describe('acceptance test in the browser', () => {
  it('is started from the device page, records a manual check, and signs off with open items and a reason', async () => {
    const { context, page } = await newPage(browser)
    await login(page)
    const d = await deviceInUse(page)
    await page.goto(`${server.url}/devices/${d.id}`)
    await page.getByRole('button', { name: '導入時確認を開始' }).click()
    await page.waitForURL(/\/acceptance\/[^/]+$/)
    const accId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop() ?? '')
    await page.getByRole('heading', { name: `導入時確認: ${d.assetTag ?? d.name ?? d.id}` }).waitFor()
    const started = await apiGet(page, server.url, `/api/acceptances/${accId}`, acceptance)
    expect(started.state).toBe('in_progress')
    expect((await apiGet(page, server.url, `/api/devices/${d.id}`, device)).status).toBe('acceptance')

    // The first manual check: pass, with a note.
    const check = started.checks[0]
    if (!check) throw new Error('the acceptance has no checks')
    const row = page.locator(`tr[data-check="${check.id}"]`)
    await row.getByLabel(`${check.titleJa} のメモ`).fill('初期パスワードは納入時に変更済み（作業票 No.12）')
    await row
      .getByRole('radiogroup', { name: `${check.titleJa} の結果` })
      .getByText('合格', { exact: true })
      .click()
    await page.locator(`tr[data-check="${check.id}"][data-result="pass"]`).waitFor()
    const after = await apiGet(page, server.url, `/api/acceptances/${accId}`, acceptance)
    const recorded = after.checks.find((c) => c.id === check.id)
    expect(recorded?.result).toBe('pass')
    expect(recorded?.note).toBe('初期パスワードは納入時に変更済み（作業票 No.12）')
    expect(recorded?.checkedBy).toBe(server.adminUser)

    // Sign-off with checks still open is refused in place; with "accept open items" and a reason it goes through.
    await page.getByRole('button', { name: '承認して「使用中」にする' }).click()
    await page.getByRole('alert').filter({ hasText: '承認できませんでした' }).waitFor()
    expect((await apiGet(page, server.url, `/api/acceptances/${accId}`, acceptance)).state).toBe('in_progress')
    await page.getByLabel('未完了の項目を承知のうえで承認する').check()
    const reason = '残りの確認は 2 週間後の定期点検で実施（臨床工学技士 田中）'
    await page.getByLabel(/^未完了のまま承認する理由/).fill(reason)
    await page.getByRole('button', { name: '承認して「使用中」にする' }).click()
    await page.locator('[data-signed-off]').waitFor()
    const signed = await apiGet(page, server.url, `/api/acceptances/${accId}`, acceptance)
    expect(signed.state).toBe('signed_off')
    expect(signed.signOff?.acceptedOpen).toBe(true)
    expect(signed.signOff?.reason).toBe(reason)
    expect((await apiGet(page, server.url, `/api/devices/${d.id}`, device)).status).toBe('in_use')
    await context.close()
  })
})

describe('decommissioning in the browser', () => {
  it('is started from the device page, records an item and the erasure method, and shows why it cannot complete yet', async () => {
    const { context, page } = await newPage(browser)
    await login(page)
    const list = await apiGet(page, server.url, '/api/devices?limit=200', deviceListResponse)
    const d = list.items.filter((x) => x.status === 'in_use' && !x.lifeCritical).at(-1)
    if (!d) throw new Error('no device in use')
    await page.goto(`${server.url}/devices/${d.id}`)
    page.once('dialog', (dialog) => void dialog.accept())
    await page.getByRole('button', { name: '廃棄手続きを開始' }).click()
    await page.waitForURL(/\/decommission\/[^/]+$/)
    const decId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop() ?? '')
    const started = await apiGet(page, server.url, `/api/decommissions/${decId}`, decommission)
    const item = started.items[0]
    if (!item) throw new Error('the checklist is empty')
    await page.getByLabel(`${item.titleJa} を実施済みにする`).click()
    await page.locator(`tr[data-item="${item.id}"][data-done="true"]`).waitFor()
    await page.getByRole('combobox', { name: 'データ消去の方法' }).click()
    await page.getByRole('option', { name: '上書き消去' }).click()
    expect(await page.locator('[data-erasure-explanation]').textContent()).toContain('NIST SP 800-88')
    await page.getByRole('button', { name: '引き渡し情報を保存' }).click()
    await page.getByRole('status').filter({ hasText: '保存しました。' }).waitFor()
    const saved = await apiGet(page, server.url, `/api/decommissions/${decId}`, decommission)
    expect(saved.items.find((i) => i.id === item.id)?.done).toBe(true)
    expect(saved.handover.erasureMethod).toBe('overwrite')
    // Items are still open: completing is refused with the server's words, and the device stays in the ledger as it was.
    page.once('dialog', (dialog) => void dialog.accept())
    await page.getByRole('button', { name: '完了して台帳を「廃棄済み」にする' }).click()
    await page.getByRole('alert').filter({ hasText: '完了できませんでした' }).waitFor()
    expect((await apiGet(page, server.url, `/api/devices/${d.id}`, device)).status).toBe('in_use')
    await context.close()
  })
})

describe('lifecycle calendar and device timeline in the browser', () => {
  it('lists a device whose support ends, in Japanese and in English', async () => {
    const { context, page } = await newPage(browser)
    await login(page)
    const d = await deviceInUse(page)
    const supportEnd = monthsAhead(6)
    const saved = await apiSend(page, 'PATCH', `/api/devices/${d.id}`, { version: d.version, patch: { supportEnd } })
    expect(saved.status).toBe(200)
    const cal = await apiGet(
      page,
      server.url,
      `/api/lifecycle/calendar?from=${monthsAhead(0)}&to=${monthsAhead(12)}&kind=support_end`,
      lifecycleCalendar,
    )
    expect(cal.events.some((e) => e.deviceId === d.id && e.date === supportEnd)).toBe(true)

    await page.getByRole('link', { name: '運用カレンダー', exact: true }).click()
    await page.getByRole('heading', { name: '運用カレンダー', exact: true }).waitFor()
    const row = page.locator(`tr[data-device="${d.id}"][data-event="support_end"]`)
    await row.waitFor()
    expect(await row.textContent()).toContain(supportEnd)
    expect(await row.textContent()).toContain('サポート終了')
    expect(await row.getAttribute('data-past')).toBeNull()
    // The month strip counts it.
    await page.locator(`[data-month="${supportEnd.slice(0, 7)}"]`).waitFor()

    await page.getByRole('radiogroup', { name: '表示言語' }).getByText('English').click()
    await page.getByRole('heading', { name: 'Lifecycle calendar', exact: true }).waitFor()
    expect(await row.textContent()).toContain('Support ends')
    await page.getByRole('radiogroup', { name: 'Language' }).getByText('日本語').click()
    await page.getByRole('heading', { name: '運用カレンダー', exact: true }).waitFor()
    await context.close()
  })

  it('the device page shows the history timeline', async () => {
    const { context, page } = await newPage(browser)
    await login(page)
    const d = await deviceInUse(page)
    const timeline = await apiGet(page, server.url, `/api/devices/${d.id}/timeline?limit=30`, deviceTimeline)
    expect(timeline.entries.length).toBeGreaterThan(0)
    await page.goto(`${server.url}/devices/${d.id}`)
    const panel = page.getByRole('region', { name: '履歴タイムライン' })
    await panel.waitFor()
    const items = panel.locator('[data-kind]')
    await items.first().waitFor()
    expect(await items.count()).toBe(timeline.entries.length)
    const newest = timeline.entries[0]
    if (!newest) throw new Error('no timeline entry')
    expect(await items.first().getAttribute('data-kind')).toBe(newest.kind)
    expect(await items.first().textContent()).toContain(newest.titleJa)
    // Links to the continuity plan of the device.
    expect(await page.locator('a[data-link="bcp-plan"]').getAttribute('href')).toBe(`/bcp/plans/${d.id}`)
    await context.close()
  })
})

/** Visible controls without an accessible name (the same check as accessibility.test.ts, over these pages). */
const UNLABELLED = `(() => {
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

describe('lifecycle pages are accessible', () => {
  it('every visible control has an accessible name, also while editing the requirements', async () => {
    const { context, page } = await newPage(browser)
    await login(page)
    const problems: string[] = []
    const check = async (where: string) => {
      await page.waitForLoadState('networkidle')
      for (const p of z.array(z.string()).parse(await page.evaluate(UNLABELLED))) problems.push(`${where}: ${p}`)
    }
    for (const [path, heading] of [
      ['/procurement', '調達要件'],
      ['/acceptance', '導入時確認'],
      ['/decommission', '廃棄・譲渡'],
      ['/lifecycle', '運用カレンダー'],
    ] as const) {
      await page.goto(`${server.url}${path}`)
      await page.getByRole('heading', { name: heading, exact: true }).waitFor()
      await check(path)
    }
    await page.goto(`${server.url}/procurement`)
    await page.getByRole('button', { name: '要件を編集' }).click()
    await page.getByRole('button', { name: '要件を追加' }).waitFor()
    await check('requirements editor')
    expect(problems).toEqual([])
    await context.close()
  })
})

describe('roles on the lifecycle pages', () => {
  it('a viewer sees the requirements, bids and settings but no button that changes them', async () => {
    const { context, page } = await newPage(browser)
    await page.goto(`${server.url}/login`)
    await page.getByLabel('ユーザー名').fill(server.viewerUser)
    await page.getByLabel('パスワード').fill(server.viewerPassword)
    await page.getByRole('button', { name: 'ログイン' }).click()
    await page.getByRole('heading', { name: 'ホーム', exact: true }).waitFor()
    const set = await apiGet(page, server.url, '/api/procurement/requirements', requirementSet)
    await page.goto(`${server.url}/procurement`)
    await page.locator(`tr[data-requirement="${set.items[0]?.id}"]`).waitFor()
    // The sheet to attach is for everyone; editing is not.
    await page.getByRole('button', { name: 'Excel（日本語）' }).waitFor()
    for (const name of ['要件を編集', 'ひな形に戻す', '入札を追加'])
      expect(await page.getByRole('button', { name }).count(), name).toBe(0)
    await page.goto(`${server.url}/lifecycle`)
    await page.getByRole('heading', { name: '分類ごとの再スキャン間隔' }).waitFor()
    await page.getByLabel('標準の間隔（日）').waitFor()
    expect(await page.getByLabel('標準の間隔（日）').getAttribute('readonly')).not.toBeNull()
    expect(await page.getByRole('button', { name: '保存' }).count()).toBe(0)
    expect(await page.getByRole('button', { name: '今すぐ送る' }).count()).toBe(0)
    await context.close()
  })
})
