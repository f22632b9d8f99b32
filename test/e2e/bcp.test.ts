import { readFileSync } from 'node:fs'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { z } from 'zod'
import { clinicalService, impactResult } from '../../api/bcp.js'
import { deviceListResponse } from '../../api/device.js'
import { mamori } from '../helpers/cli.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { apiGet, launchBrowser, login, newPage, apiSend as sharedApiSend } from './browser.js'

// A real browser against a real server with the demo hospital: generous limits for a busy CI machine.
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

async function signIn(page: Page): Promise<void> {
  await login(page, server.url, server.adminUser, server.adminPassword)
}

/** A state-changing API call with the page's session and CSRF token, as the UI makes it. */
const apiSend = (page: Page, method: 'POST' | 'PUT' | 'DELETE', path: string, data?: unknown) =>
  sharedApiSend(page, server.url, method, path, data)

/** A server of the demo hospital (the thing whose loss the test analyses). */
async function demoServer(page: Page) {
  const list = await apiGet(page, server.url, '/api/devices?kind=server&limit=5', deviceListResponse)
  const dev = list.items.find((d) => d.assetTag)
  if (!dev) throw new Error('the demo hospital has no server with an asset tag')
  return dev
}

/**
 * A service made like a user would make it (no owner on purpose: the warning must show), depending hard on the
 * server. The service is created through the API because the form only asks for the name first.
 */
async function serviceOnServer(page: Page, name: string, serverId: string) {
  const res = await apiSend(page, 'POST', '/api/bcp/services', {
    name,
    nameEn: 'E2E lab results',
    criticality: 'high',
    owner: null,
    decider: '検査部 当直技師',
    maxDowntimeMinutes: 30,
    fallbackJa: '紙の伝票で検査結果を電話連絡する',
    fallbackEn: 'Phone results from paper slips',
    dependencies: [{ target: { kind: 'device', id: serverId }, strength: 'hard', note: 'e2e' }],
  })
  if (res.status !== 200 && res.status !== 201) throw new Error(`POST /api/bcp/services answered ${res.status}`)
  return clinicalService.parse(res.body)
}

describe('continuity (BCP) in the browser', () => {
  it('a service without owner is warned on the overview; losing its server stops it, in the list and the picture', async () => {
    const { context, page } = await newPage(browser)
    await signIn(page)
    const srv = await demoServer(page)
    const svc = await serviceOnServer(page, 'E2E 検査結果参照', srv.id)
    expect(svc.warnings.map((w) => w.code)).toContain('no_owner')

    // The overview: the service row with its MTD in words and its no-owner badge; the plan-wide warning with a link.
    await page.goto(`${server.url}/bcp`)
    await page.getByRole('heading', { name: '事業継続計画(BCP)', exact: true }).waitFor()
    const row = page.getByRole('table', { name: '診療業務の一覧' }).locator(`tr[data-service="${svc.id}"]`)
    await row.getByText('許容停止時間 30 分').waitFor()
    await row.locator('[data-warning="no_owner"]').waitFor()
    const warning = page.locator('[data-warnings] li[data-warning="no_owner"]').filter({
      has: page.locator(`a[href="/bcp/services/${svc.id}"]`),
    })
    await warning.waitFor()

    // Impact: typed as a user would (the asset tag), the service listed as stopping, the SVG drawn.
    await page.getByRole('tab', { name: '影響分析' }).click()
    await page.getByRole('heading', { name: 'この機器・区画・外部接続が止まったら?' }).waitFor()
    await page.getByLabel('または直接入力').fill(srv.assetTag ?? srv.id)
    await page.getByRole('button', { name: '影響を調べる' }).last().click()
    const listed = page
      .getByRole('table', { name: '影響を受ける診療業務(急ぐ順)' })
      .locator(`tr[data-service="${svc.id}"]`)
    await listed.waitFor()
    expect(await listed.getAttribute('data-effect')).toBe('stops')
    await listed.getByText('紙の伝票で検査結果を電話連絡する').waitFor()
    const picture = page.locator('svg[data-graph]')
    await picture.waitFor()
    await picture.locator(`g[data-node="service:${svc.id}"][data-state="stops"]`).waitFor()
    expect(await picture.locator('g[data-state="lost"]').count()).toBe(1)
    // The same answer as the API's.
    const api = await apiGet(page, server.url, `/api/bcp/impact?node=${encodeURIComponent(srv.id)}`, impactResult)
    expect(api.services.find((s) => s.id === svc.id)?.effect).toBe('stops')
    expect(await page.locator('[data-stops]').getAttribute('data-stops')).toBe(
      String(api.services.filter((s) => s.effect === 'stops').length),
    )

    // An unknown node: the error says what was tried, no crash.
    await page.getByLabel('または直接入力').fill('segment:存在しない区画-E2E')
    await page.getByRole('button', { name: '影響を調べる' }).last().click()
    await page.getByRole('alert').filter({ hasText: '存在しない区画-E2E' }).waitFor()
    await context.close()
  })

  it('downloads the downtime cards as a PDF, all and for one service', async () => {
    const { context, page } = await newPage(browser)
    await signIn(page)
    await page.goto(`${server.url}/bcp`)
    await page.getByRole('heading', { name: '停止時カード(印刷用 PDF)' }).waitFor()
    const all = page.waitForEvent('download')
    await page.getByRole('button', { name: 'すべてのカードをダウンロード' }).click()
    const file = await all
    expect(file.suggestedFilename()).toMatch(/\.pdf$/)
    expect(
      readFileSync(await file.path())
        .subarray(0, 5)
        .toString('latin1'),
    ).toBe('%PDF-')

    const srv = await demoServer(page)
    const svc = await serviceOnServer(page, 'E2E カード用の業務', srv.id)
    await page.goto(`${server.url}/bcp/services/${svc.id}`)
    await page.getByRole('heading', { name: 'E2E カード用の業務', level: 2 }).waitFor()
    const one = page.waitForEvent('download')
    await page.getByRole('button', { name: 'このカードをダウンロード' }).click()
    const card = await one
    expect(
      readFileSync(await card.path())
        .subarray(0, 5)
        .toString('latin1'),
    ).toBe('%PDF-')
    await context.close()
  })
})

describe('service editor in the browser', () => {
  it('adds a device found by search and a segment by name, saves, and says so plainly when someone else saved first', async () => {
    const { context, page } = await newPage(browser)
    await signIn(page)
    const srv = await demoServer(page)
    const svc = await serviceOnServer(page, 'E2E 依存先の編集', srv.id)
    const other = (
      await apiGet(page, server.url, '/api/devices?kind=medical_device&limit=5', deviceListResponse)
    ).items.find((d) => d.assetTag && d.networkSegment)
    if (!other?.assetTag || !other.networkSegment)
      throw new Error('the demo hospital has no medical device with a segment')
    await page.goto(`${server.url}/bcp/services/${svc.id}`)
    await page.getByRole('heading', { name: 'E2E 依存先の編集', level: 2 }).waitFor()

    // A device by search: type its asset tag, choose it, add it as a soft dependency.
    await page.getByLabel('機器を検索').fill(other.assetTag)
    await page.locator('input').and(page.getByLabel('見つかった機器から選ぶ')).click()
    await page
      .getByRole('option', { name: new RegExp(other.assetTag) })
      .first()
      .click()
    await page.getByRole('button', { name: '追加', exact: true }).click()
    const deps = page.getByRole('table', { name: '依存先の一覧' })
    await deps.locator(`tr[data-dependency="device:${other.id}"]`).waitFor()
    // A segment by its ledger name.
    await page.getByRole('radiogroup', { name: '対象の種類' }).getByText('ネットワーク区画').click()
    await page.locator('input').and(page.getByLabel('ネットワーク区画名')).fill(other.networkSegment)
    await page.getByRole('button', { name: '追加', exact: true }).click()
    await deps.locator(`tr[data-dependency="segment:${other.networkSegment}"]`).waitFor()
    await page.getByRole('button', { name: '保存', exact: true }).click()
    await page.getByRole('status').filter({ hasText: '保存しました。' }).waitFor()
    const saved = await apiGet(page, server.url, `/api/bcp/services/${svc.id}`, clinicalService)
    expect(saved.dependencies.map((d) => `${d.target.kind}:${d.target.id}`).sort()).toEqual(
      [`device:${srv.id}`, `device:${other.id}`, `segment:${other.networkSegment}`].sort(),
    )

    // Someone else saves in between: the page keeps the edit and offers to reload.
    await page.reload()
    await page.getByRole('heading', { name: 'E2E 依存先の編集', level: 2 }).waitFor()
    const { id: _id, warnings: _w, updatedAt: _u, updatedBy: _b, dependencies, ...rest } = saved
    const put = await apiSend(page, 'PUT', `/api/bcp/services/${svc.id}`, {
      ...rest,
      owner: '検査部長',
      dependencies: dependencies.map((d) => ({ target: d.target, strength: d.strength, note: d.note })),
    })
    expect(put.status).toBe(200)
    await page.getByLabel('切り替えを決める人').fill('別の判断者')
    await page.getByRole('button', { name: '保存', exact: true }).click()
    await page.getByRole('alert').filter({ hasText: 'ほかの人が先に変更しました' }).waitFor()
    await page.getByRole('button', { name: '最新の内容を読み込み直す' }).click()
    await expect.poll(() => page.getByLabel('計画の責任者').inputValue()).toBe('検査部長')
    await context.close()
  })
})

describe('playbook, contact chain and exercises in the browser', () => {
  it('a task added without owner is flagged in its phase; the chart draws every contact; an exercise is recorded', async () => {
    const { context, page } = await newPage(browser)
    await signIn(page)

    // Playbook: five phases; a new task in 検知 without an owner is shown as such.
    await page.goto(`${server.url}/bcp/playbook`)
    for (const [i, phase] of ['平時', '検知', '初動対応', '復旧処理', '事後対応'].entries())
      await page.getByRole('heading', { name: `${i + 1}. ${phase}`, exact: true }).waitFor()
    await page.getByRole('button', { name: '「検知」に作業を追加' }).click()
    const dialog = page.getByRole('dialog')
    await dialog.getByLabel('作業(日本語)').fill('E2E 担当未定の作業')
    await dialog.getByRole('button', { name: '保存' }).click()
    await dialog.waitFor({ state: 'detached' })
    const card = page.locator('[data-phase="detection"] [data-task]').filter({ hasText: 'E2E 担当未定の作業' })
    await card.locator('[data-no-owner]').waitFor()
    expect(await card.textContent()).toContain('担当なし')

    // Contact chain: one box per contact in the picture, and the server's SVG behind the download link.
    await page.getByRole('tab', { name: '連絡体制' }).click()
    const chart = page.getByRole('img', { name: '連絡体制図' })
    await chart.waitFor()
    const rows = await page.getByRole('table', { name: '連絡先の一覧' }).locator('tbody tr').count()
    expect(rows).toBeGreaterThan(0)
    expect(await chart.locator('g[data-node]').count()).toBe(rows)
    const href = await page.getByRole('link', { name: '図をダウンロード(SVG)' }).getAttribute('href')
    if (!href) throw new Error('no chart link')
    const svg = await page.request.get(`${server.url}${href}`)
    expect(svg.ok()).toBe(true)
    expect(await svg.text()).toContain('<svg')

    // Exercises: recorded through the form, listed with its scenario.
    await page.getByRole('tab', { name: '訓練' }).click()
    await page.getByRole('button', { name: '訓練を記録' }).click()
    const form = page.getByRole('dialog')
    await form.getByLabel('実施日').fill('2026-11-20')
    await form.getByLabel('シナリオ').fill('E2E 夜間に PACS サーバが暗号化された')
    await form.getByLabel('分かったこと').fill('連絡網の電話番号が古かった')
    await form.getByRole('button', { name: '保存' }).click()
    await form.waitFor({ state: 'detached' })
    await page.getByRole('heading', { name: '2026-11-20 · E2E 夜間に PACS サーバが暗号化された' }).waitFor()
    await context.close()
  })
})

describe('roles on the BCP pages', () => {
  it('a viewer sees the plan and its warnings but no button or field that changes it', async () => {
    const { context, page } = await newPage(browser)
    await login(page, server.url, server.viewerUser, server.viewerPassword)
    await page.goto(`${server.url}/bcp`)
    // The plan is there for the viewer (the services the tests above made), only the changing controls are not.
    await page.getByRole('table', { name: '診療業務の一覧' }).locator('tbody tr').first().waitFor()
    await page.locator('[data-warnings]').waitFor()
    expect(await page.getByRole('button', { name: '診療業務を追加' }).count()).toBe(0)
    expect(await page.getByRole('button', { name: '台帳から提案' }).count()).toBe(0)
    await page.goto(`${server.url}/bcp/playbook`)
    await page.getByRole('heading', { name: '1. 平時', exact: true }).waitFor()
    await page.waitForLoadState('networkidle')
    expect(await page.getByRole('button', { name: /に作業を追加$/ }).count()).toBe(0)
    await context.close()
  })
})

/** The same check as accessibility.test.ts: visible controls without an accessible name. */
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

const KEY_TEXT = /\bbcp\.[a-zA-Z]+\.[a-zA-Z]+/

describe('BCP pages: labels and both languages', () => {
  it('every BCP page opens with its heading, labelled controls and no i18n key, in Japanese and English', async () => {
    const { context, page } = await newPage(browser)
    await signIn(page)
    const srv = await demoServer(page)
    const svc = await serviceOnServer(page, 'E2E 言語確認の業務', srv.id)
    const pages: [string, string, string][] = [
      ['/bcp', '事業継続計画(BCP)', 'Business continuity (BCP)'],
      [`/bcp/services/${svc.id}`, '止まったときの計画', 'Plan for when it stops'],
      [`/bcp/impact?node=${encodeURIComponent(srv.id)}`, '影響の図', 'Impact picture'],
      ['/bcp/plans', '機器ごとの停止時手順', 'Device downtime plans'],
      [`/bcp/plans/${srv.id}`, '止まったときの手順', 'Steps when it stops'],
      ['/bcp/playbook', '3. 初動対応', '3. Initial response'],
      ['/bcp/contacts', '連絡体制図', 'Contact chain'],
      ['/bcp/exercises', '訓練の記録', 'Exercise records'],
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
    // In English the overview reads the MTD in English.
    await page.goto(`${server.url}/bcp`)
    await page
      .getByRole('table', { name: 'Clinical services' })
      .locator(`tr[data-service="${svc.id}"]`)
      .getByText('Tolerable downtime 30 min')
      .waitFor()
    await context.close()
  })
})
