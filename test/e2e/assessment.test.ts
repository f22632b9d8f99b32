import { readFileSync } from 'node:fs'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { z } from 'zod'
import { actionDetail, actionList } from '../../api/actions.js'
import { benchmarkPosition, cohortReport } from '../../api/benchmark.js'
import { checklistView } from '../../api/checklist.js'
import { homeView } from '../../api/reports.js'
import { deviceRisk, riskList } from '../../api/risk.js'
import { generateProfiles } from '../../scripts/generate-benchmark-cohort.js'
import { mamori } from '../helpers/cli.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { apiGet, launchBrowser, newPage } from './browser.js'

// A real browser against a real server with the demo hospital: generous limits for a busy CI machine.
vi.setConfig({ testTimeout: 180_000, hookTimeout: 120_000 })

let server: TestServer
let browser: Browser

beforeAll(async () => {
  ;[server, browser] = await Promise.all([startTestServer(), launchBrowser()])
  // As on a fresh clone: `mamori demo` loads the demo hospital and its recorded scan, so findings, actions and risk
  // exist before the first page is opened.
  const demo = await mamori(server.dataDir, ['demo'])
  if (demo.code !== 0) throw new Error(`mamori demo failed: ${demo.stderr}`)
})

afterAll(async () => {
  await browser?.close()
  await server?.close()
})

/** Logs in through the form (Japanese, the default) and waits for the home page, the landing page after login. */
async function login(page: Page): Promise<void> {
  await page.goto(`${server.url}/login`)
  await page.getByLabel('ユーザー名').fill(server.adminUser)
  await page.getByLabel('パスワード').fill(server.adminPassword)
  await page.getByRole('button', { name: 'ログイン' }).click()
  await page.getByRole('heading', { name: 'ホーム', exact: true }).waitFor()
}

/** A state-changing API call with the page's session and CSRF token. */
async function apiSend(page: Page, method: 'POST' | 'PUT' | 'PATCH', path: string, data?: unknown) {
  const { csrfToken } = z
    .object({ csrfToken: z.string() })
    .parse(await (await page.request.get(`${server.url}/api/auth/session`)).json())
  const res = await page.request.fetch(`${server.url}${path}`, {
    method,
    ...(data === undefined ? {} : { data }),
    headers: { 'x-csrf-token': csrfToken },
  })
  return { status: res.status(), body: await res.json().catch(() => null) }
}

describe('home and risk in the browser', () => {
  it('the home page names the riskiest devices and why, and the most urgent actions', async () => {
    const { context, page } = await newPage(browser)
    await login(page)
    await page.getByText('まず何をすべきか', { exact: true }).waitFor()
    const home = await apiGet(page, server.url, '/api/home', homeView)
    const top = home.topDevices[0]
    if (!top) throw new Error('the demo hospital has no scored device')
    const table = page.getByRole('table', { name: 'リスクの高い機器' })
    const row = table.locator(`tr[data-device="${top.deviceId}"]`)
    await row.waitFor()
    // Why: the Japanese headline and the top factor (what was seen) as a badge.
    expect(await row.locator('[data-headline]').textContent()).toBe(top.headlineJa)
    const factor = top.contributions[0]
    if (factor)
      await row.locator(`[data-factor="${factor.factor}"]`).getByText(factor.observedJa, { exact: false }).waitFor()
    if (top.assetTag) await row.getByRole('link', { name: top.assetTag }).waitFor()
    // The first row is the riskiest one.
    expect(await table.locator('tbody tr').first().getAttribute('data-device')).toBe(top.deviceId)
    const firstAction = home.topActions[0]
    if (firstAction) {
      const actions = page.getByRole('table', { name: '急ぐ対策' })
      await actions.locator(`tr[data-action="${firstAction.id}"]`).getByText(firstAction.titleJa).waitFor()
    }
    // The old dashboard stays reachable from the navigation.
    await page.getByRole('link', { name: 'ダッシュボード', exact: true }).click()
    await page.getByRole('heading', { name: 'ダッシュボード' }).waitFor()
    await context.close()
  })

  it('lists devices by score and opens the factor breakdown; English on the same page', async () => {
    const { context, page } = await newPage(browser)
    await login(page)
    await page.getByRole('link', { name: 'リスク', exact: true }).click()
    await page.getByRole('heading', { name: 'リスク（機器ごと）' }).waitFor()
    const table = page.getByRole('table', { name: 'リスクの高い順の機器' })
    await table.locator('tbody tr').first().waitFor()
    const scores = (
      await table.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-score')))
    ).map(Number)
    expect(scores.length).toBeGreaterThan(1)
    expect([...scores].sort((a, b) => b - a)).toEqual(scores)
    const list = await apiGet(page, server.url, '/api/risk?limit=50', riskList)
    expect(scores).toEqual(list.items.map((i) => i.score))

    // The breakdown of the riskiest device: every factor with its points, what was seen and why.
    const first = list.items[0]
    if (!first) throw new Error('no scored device')
    const risk = await apiGet(page, server.url, `/api/risk/devices/${first.deviceId}`, deviceRisk)
    await table
      .locator(`tr[data-device="${first.deviceId}"]`)
      .getByRole('button', { name: /のリスクの内訳を開く/ })
      .click()
    const dialog = page.getByRole('dialog')
    const breakdown = dialog.getByRole('table', { name: 'リスクの内訳（要因ごとの点数）' })
    await breakdown.waitFor()
    expect(await breakdown.locator('tbody tr').count()).toBe(risk.contributions.length)
    for (const c of risk.contributions) {
      const r = breakdown.locator(`tr[data-factor="${c.factor}"]`)
      expect(await r.locator('[data-points]').textContent()).toBe(`${c.points > 0 ? '+' : ''}${c.points}`)
      expect(await r.textContent()).toContain(c.observedJa)
      expect(await r.textContent()).toContain(c.explanationJa)
    }
    await page.keyboard.press('Escape')
    await dialog.waitFor({ state: 'detached' })

    // English: the same list and breakdown, in English.
    await page.getByRole('radiogroup', { name: '表示言語' }).getByText('English').click()
    await page.getByRole('heading', { name: 'Risk by device' }).waitFor()
    const en = page.getByRole('table', { name: 'Devices by risk, highest first' })
    const enRow = en.locator(`tr[data-device="${first.deviceId}"]`)
    expect(await enRow.locator('[data-headline]').textContent()).toBe(first.headlineEn)
    await enRow.getByRole('button', { name: /Open the risk breakdown of/ }).click()
    const enBreakdown = page.getByRole('dialog').getByRole('table', { name: 'Risk breakdown (points per factor)' })
    const c0 = risk.contributions[0]
    if (c0)
      expect(await enBreakdown.locator(`tr[data-factor="${c0.factor}"]`).textContent()).toContain(c0.explanationEn)
    await page.keyboard.press('Escape')
    await page.getByRole('dialog').waitFor({ state: 'detached' })
    await page.getByRole('radiogroup', { name: 'Language' }).getByText('日本語').click()
    await page.getByRole('heading', { name: 'リスク（機器ごと）' }).waitFor()
    await context.close()
  })
  it("the weight profile editor sums live and shows the server's refusal in place, saving nothing", async () => {
    const { context, page } = await newPage(browser)
    await login(page)
    const before = await apiGet(page, server.url, '/api/risk/profiles', z.object({ items: z.array(z.unknown()) }))
    await page.getByRole('link', { name: 'リスク', exact: true }).click()
    await page.getByRole('link', { name: 'リスクの重み設定' }).click()
    await page.getByRole('heading', { name: 'リスクの重み設定' }).waitFor()
    const total = page.locator('[data-weight-total]')
    expect(await total.getAttribute('data-weight-total')).toBe('100')
    const lifeCritical = page.getByLabel('生命維持', { exact: true })
    const was = Number(await lifeCritical.inputValue())
    await lifeCritical.fill(String(was + 10))
    await expect.poll(() => total.getAttribute('data-weight-total')).toBe('110')
    await page.getByText('合計が 110 点です。', { exact: false }).waitFor()
    await page.getByRole('button', { name: '新しい版として保存して再計算' }).click()
    const refused = page.getByRole('alert').filter({ hasText: '保存しませんでした' })
    await refused.waitFor()
    expect(await refused.textContent()).toContain('110')
    const after = await apiGet(page, server.url, '/api/risk/profiles', z.object({ items: z.array(z.unknown()) }))
    expect(after.items.length).toBe(before.items.length)
    await context.close()
  })
})

describe('checklist in the browser', () => {
  it('refuses an impossible date in place, saves a valid answer, and exports the form as .xlsx', async () => {
    const { context, page } = await newPage(browser)
    await login(page)
    await page.getByRole('link', { name: 'チェックリスト', exact: true }).click()
    await page.getByRole('heading', { name: '厚生労働省 サイバーセキュリティ対策チェックリスト' }).waitFor()
    const view = await apiGet(page, server.url, '/api/checklist?form=hospital', checklistView)
    const item = view.rows.find((r) => r.answer.answer === null)?.item
    if (!item) throw new Error('every item is answered already')
    const table = page.getByRole('table', { name: '医療機関確認用チェックリスト' })
    const row = table.locator(`tr[data-item="${item.id}"]`)
    await row.waitFor()
    await row.getByRole('button', { name: `項目 ${item.id} に回答` }).click()
    const dialog = page.getByRole('dialog', { name: `項目 ${item.id} の回答` })
    await dialog.getByLabel('確認日').fill('2026-02-30')
    await dialog.getByRole('button', { name: '回答を保存' }).click()
    const refused = dialog.getByRole('alert').filter({ hasText: '回答を保存しませんでした' })
    await refused.waitFor()
    expect(await refused.textContent()).toContain(item.id)
    // Nothing saved.
    const after = await apiGet(page, server.url, '/api/checklist?form=hospital', checklistView)
    expect(after.rows.find((r) => r.item.id === item.id)?.answer.answer).toBeNull()

    // A valid いいえ with a target date and a note: saved, and shown in the row.
    await dialog
      .locator('label')
      .filter({ hasText: /^いいえ$/ })
      .click()
    await dialog.getByLabel('確認日').fill('2026-11-30')
    await dialog.getByLabel('目標日').fill('2027-03-31')
    await dialog.getByLabel('担当者').fill('臨床工学技士 山田')
    await dialog.getByLabel('備考').fill('来年度の予算で対応')
    await dialog.getByRole('button', { name: '回答を保存' }).click()
    await dialog.waitFor({ state: 'detached' })
    await row.locator('[data-answer="no"]').getByText('いいえ').waitFor()
    await row.locator('[data-checked-on]').getByText('2026-11-30').waitFor()
    await row.getByText('2027-03-31').waitFor()
    await row.getByText('臨床工学技士 山田').waitFor()
    const saved = await apiGet(page, server.url, '/api/checklist?form=hospital', checklistView)
    expect(saved.rows.find((r) => r.item.id === item.id)?.answer).toMatchObject({
      answer: 'no',
      checkedOn: '2026-11-30',
      targetOn: '2027-03-31',
      responsible: '臨床工学技士 山田',
    })
    expect(saved.completion.answered).toBe(view.completion.answered + 1)

    // "Use this suggestion" fills the answer form from Mamori's evidence; a person confirms by saving.
    const suggested = saved.rows.find(
      (r) => r.answer.answer === null && r.evidence !== null && r.evidence.suggestion !== 'unknown',
    )
    if (suggested?.evidence) {
      const ev = suggested.evidence
      const sRow = table.locator(`tr[data-item="${suggested.item.id}"]`)
      await sRow.getByRole('button', { name: `項目 ${suggested.item.id} に提案を使う` }).click()
      const sDialog = page.getByRole('dialog', { name: `項目 ${suggested.item.id} の回答` })
      await sDialog.getByText('Mamori の提案を入力しました', { exact: false }).waitFor()
      expect(await sDialog.getByLabel('備考').inputValue()).toBe(ev.summaryJa)
      // Nothing is saved until the person saves.
      expect(
        (await apiGet(page, server.url, '/api/checklist?form=hospital', checklistView)).rows.find(
          (r) => r.item.id === suggested.item.id,
        )?.answer.answer,
      ).toBeNull()
      await sDialog.getByRole('button', { name: '回答を保存' }).click()
      await sDialog.waitFor({ state: 'detached' })
      await sRow.locator(`[data-answer="${ev.suggestion}"]`).waitFor()
    }

    // Export: the browser receives an .xlsx file.
    const download = page.waitForEvent('download')
    await page.getByRole('button', { name: 'Excel で出力' }).click()
    const file = await download
    expect(file.suggestedFilename()).toMatch(/\.xlsx$/)
    const path = await file.path()
    expect(path).toBeTruthy()
    await context.close()
  })
})

describe('action board in the browser', () => {
  it('accepts the risk of an action through the dialog (a past expiry refused first) and withdraws it', async () => {
    const { context, page } = await newPage(browser)
    await login(page)
    let list = await apiGet(page, server.url, '/api/actions?status=open&limit=5', actionList)
    if (list.items.length === 0) {
      await apiSend(page, 'POST', '/api/actions/sync')
      list = await apiGet(page, server.url, '/api/actions?status=open&limit=5', actionList)
    }
    const target = list.items[0]
    if (!target) throw new Error('the demo hospital has no open action')
    await page.getByRole('link', { name: '対策', exact: true }).click()
    await page.getByRole('heading', { name: '対策', exact: true }).waitFor()
    const card = page.locator(`[data-column="open"] [data-action="${target.id}"]`)
    await card.getByRole('link', { name: target.titleJa }).click()
    await page.getByRole('heading', { name: target.titleJa }).waitFor()

    await page.getByRole('button', { name: 'リスクを受容する' }).click()
    const dialog = page.getByRole('dialog', { name: 'リスクの受容' })
    await dialog.getByLabel('理由').fill('更新機の導入まで分離セグメントで運用する')
    await dialog.getByLabel('承認者').fill('医療安全管理室長')
    await dialog.getByLabel('見直し期限').fill('2020-01-01')
    await dialog.getByRole('button', { name: '受容を記録' }).click()
    await dialog.getByRole('alert').waitFor()
    expect((await apiGet(page, server.url, `/api/actions/${target.id}`, actionDetail)).status).toBe('open')

    await dialog.getByLabel('見直し期限').fill('2027-06-30')
    await dialog.getByRole('button', { name: '受容を記録' }).click()
    await dialog.waitFor({ state: 'detached' })
    await page.getByText('リスク受容中').waitFor()
    await page.getByText('医療安全管理室長', { exact: false }).waitFor()
    const accepted = await apiGet(page, server.url, `/api/actions/${target.id}`, actionDetail)
    expect(accepted.status).toBe('accepted')
    expect(accepted.acceptance).toMatchObject({ approver: '医療安全管理室長', expiresOn: '2027-06-30' })

    // On the board it moved to the accepted column; then withdrawn, it is open again.
    await page.getByRole('button', { name: '受容を取り消す' }).click()
    await page.getByRole('button', { name: 'リスクを受容する' }).waitFor()
    const reopened = await apiGet(page, server.url, `/api/actions/${target.id}`, actionDetail)
    expect(reopened.status).toBe('open')

    // Someone else saves first (optimistic version): this page's save is refused with the 409 message, nothing lost.
    await page.getByLabel('担当者').waitFor()
    const other = await apiSend(page, 'PATCH', `/api/actions/${target.id}`, {
      owner: '情報システム課 佐藤',
      version: reopened.version,
    })
    expect(other.status).toBe(200)
    await page.getByLabel('担当者').fill('臨床工学技士 山田')
    await page.getByRole('button', { name: '保存', exact: true }).click()
    await page.getByRole('alert').filter({ hasText: 'ほかの人が先に変更しました' }).waitFor()
    expect((await apiGet(page, server.url, `/api/actions/${target.id}`, actionDetail)).owner).toBe(
      '情報システム課 佐藤',
    )
    await page.getByRole('button', { name: '最新の内容を読み込む' }).click()
    await expect.poll(() => page.getByLabel('担当者').inputValue()).toBe('情報システム課 佐藤')
    await context.close()
  })
})

describe('benchmark in the browser', () => {
  it('imports a generated cohort, refuses a tampered profile by name, and shows suppressed cells with the reason', async () => {
    const { context, page } = await newPage(browser)
    await login(page)
    await page.getByRole('link', { name: 'ベンチマーク', exact: true }).click()
    await page.getByRole('heading', { name: 'ベンチマーク', exact: true }).waitFor()
    await page.getByRole('tab', { name: '出力と取り込み' }).click()

    const profiles = generateProfiles(12, 7)
    const files = profiles.map((p, i) => ({
      name: `hospital-${String(i + 1).padStart(2, '0')}.json`,
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(p)),
    }))

    // A tampered profile (a value changed after the checksum): refused with its file name, nothing stored.
    const first = profiles[0]
    if (!first) throw new Error('no profile')
    const tampered = { ...first, indicators: { ...first.indicators, 'owner-location': 100 } }
    await page
      .locator('input[type="file"]')
      .setInputFiles([
        ...files.slice(1, 3),
        { name: 'tampered.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(tampered)) },
      ])
    await page.getByRole('button', { name: '取り込む', exact: true }).click()
    const refused = page.getByRole('alert').filter({ hasText: '取り込みませんでした' })
    await refused.waitFor()
    expect(await refused.textContent()).toContain('tampered.json')
    expect((await apiGet(page, server.url, '/api/benchmark/compare', cohortReport)).profiles).toBe(0)

    await page.locator('input[type="file"]').setInputFiles(files)
    await page.getByRole('button', { name: '取り込む', exact: true }).click()
    await page.getByRole('status').filter({ hasText: 'プロファイル 12 件' }).waitFor()

    // The coordinator's table: the whole cohort has figures; small groups are 秘匿 with the reason written out.
    await page.getByRole('tab', { name: '比較表（取りまとめ役）' }).click()
    const table = page.getByRole('table', { name: 'コホート比較表' })
    await table.waitFor()
    const report = await apiGet(page, server.url, '/api/benchmark/compare', cohortReport)
    expect(report.profiles).toBe(12)
    const suppressedCells = table.locator('td[data-suppressed]')
    const expected = report.cohorts.reduce(
      (n, c) =>
        n +
        report.definitions.filter((d) => c.suppressed || c.indicators.find((i) => i.id === d.id)?.suppressed !== false)
          .length,
      0,
    )
    expect(expected).toBeGreaterThan(0)
    expect(await suppressedCells.count()).toBe(expected)
    const firstSuppressed = suppressedCells.first()
    await firstSuppressed.getByText('秘匿', { exact: true }).waitFor()
    expect(((await firstSuppressed.textContent()) ?? '').length).toBeGreaterThan('秘匿'.length)

    // The coordinator publishes the report; a hospital imports it and sees its percentile per indicator, charted.
    const published = page.waitForEvent('download')
    await page.getByRole('button', { name: '公表用レポートをダウンロード' }).click()
    const reportFile = await (await published).path()
    await page.getByRole('tab', { name: '出力と取り込み' }).click()
    await page.locator('input[type="file"]').setInputFiles({
      name: 'cohort-report.json',
      mimeType: 'application/json',
      buffer: readFileSync(reportFile),
    })
    await page.getByRole('button', { name: '取り込む', exact: true }).click()
    await page.getByRole('status').filter({ hasText: 'レポート 1 件' }).waitFor()
    await page.getByRole('tab', { name: '当院の位置' }).click()
    const position = await apiGet(page, server.url, '/api/benchmark/position', benchmarkPosition)
    expect(position.items.length).toBeGreaterThan(0)
    for (const item of position.items) {
      const card = page.locator(`[data-position="${item.id}"]`)
      await card.locator(`[data-chart="${item.id}"]`).waitFor()
      if (item.suppressed) await card.getByText('秘匿', { exact: true }).waitFor()
      else if (item.percentile !== null)
        expect(await card.locator('[data-percentile]').getAttribute('data-percentile')).toBe(
          String(Math.round(item.percentile)),
        )
    }
    await context.close()
  })
})

describe('reports in the browser', () => {
  it('downloads the management report as a PDF and says plainly that schedules need SMTP', async () => {
    const { context, page } = await newPage(browser)
    await login(page)
    await page.getByRole('link', { name: 'レポート', exact: true }).click()
    await page.getByRole('heading', { name: 'レポート', exact: true }).waitFor()
    const download = page.waitForEvent('download')
    await page.getByRole('button', { name: '経営層向けレポートをダウンロード' }).click()
    const file = await download
    expect(file.suggestedFilename()).toMatch(/\.pdf$/)
    const path = await file.path()
    expect(readFileSync(path).subarray(0, 5).toString('latin1')).toBe('%PDF-')

    // No SMTP server in the test: adding a schedule is refused with the catalog's plain words, nothing stored.
    const recipients = page.getByRole('combobox', { name: '宛先' })
    await recipients.fill('jimucho@minato-hp.example')
    await recipients.press('Enter')
    await page.getByRole('button', { name: '追加', exact: true }).click()
    await page.getByRole('alert').filter({ hasText: 'SMTP サーバが設定されていません' }).waitFor()
    const schedules = await apiGet(
      page,
      server.url,
      '/api/reports/schedules',
      z.object({ items: z.array(z.unknown()) }),
    )
    expect(schedules.items).toEqual([])
    await context.close()
  })
})

/**
 * Visible form controls and buttons without an accessible name (the same check as accessibility.test.ts), and texts
 * that are i18n keys instead of words (a key missing from a catalog).
 */
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

const KEY_TEXT = /\b(home|riskUi|actionUi|checklistUi|benchmarkUi|reportUi|nav)\.[a-zA-Z]+/

describe('assessment pages: labels and both languages', () => {
  it('every control on every new page has an accessible name, and no page shows an i18n key, in Japanese and English', async () => {
    const { context, page } = await newPage(browser)
    await login(page)
    const risk = await apiGet(page, server.url, '/api/risk?limit=1', riskList)
    const device = risk.items[0]?.deviceId
    const action = (await apiGet(page, server.url, '/api/actions?limit=1', actionList)).items[0]?.id
    if (!device || !action) throw new Error('demo data missing')
    const pages: [string, string, string][] = [
      ['/', 'ホーム', 'Home'],
      ['/risk', 'リスク（機器ごと）', 'Risk by device'],
      ['/risk/profile', 'リスクの重み設定', 'Risk weight profile'],
      ['/actions', '対策', 'Actions'],
      [`/actions/${action}`, '担当者・期限・状態', 'Owner, due date and status'],
      ['/actions/sla', '対応期限（SLA）', 'Due-date policy (SLA)'],
      ['/checklist', '厚生労働省 サイバーセキュリティ対策チェックリスト', 'MHLW cybersecurity checklist'],
      ['/checklist?tab=vendors', '厚生労働省 サイバーセキュリティ対策チェックリスト', 'MHLW cybersecurity checklist'],
      ['/checklist?tab=editions', 'チェックリストの Excel ファイル', 'Checklist Excel file'],
      ['/benchmark', 'ベンチマーク', 'Benchmark'],
      ['/benchmark?tab=position', 'ベンチマーク', 'Benchmark'],
      ['/benchmark?tab=exchange', '匿名プロファイルを出力', 'Export the anonymous profile'],
      ['/benchmark?tab=compare', 'ベンチマーク', 'Benchmark'],
      ['/benchmark?tab=settings', '病床規模', 'Bed-count band'],
      ['/reports', '経営層向けレポート', 'Management report'],
      [`/devices/${device}`, 'なぜ重要か', 'Why it matters'],
    ]
    const problems: string[] = []
    for (const lang of ['ja', 'en'] as const) {
      if (lang === 'en') {
        await page.goto(`${server.url}/`)
        await page.getByRole('radiogroup', { name: '表示言語' }).getByText('English').click()
        await page.getByRole('heading', { name: 'Home', exact: true }).waitFor()
      }
      for (const [path, ja, en] of pages) {
        await page.goto(`${server.url}${path}`)
        await page
          .getByText(lang === 'ja' ? ja : en, { exact: true })
          .first()
          .waitFor()
        await page.waitForLoadState('networkidle')
        for (const html of z.array(z.string()).parse(await page.evaluate(UNLABELLED)))
          problems.push(`${lang} ${path}: ${html}`)
        const text = (await page.locator('#main').textContent()) ?? ''
        const key = KEY_TEXT.exec(text)
        if (key) problems.push(`${lang} ${path}: shows the key ${key[0]}`)
      }
    }
    expect(problems).toEqual([])
    await context.close()
  })
})
