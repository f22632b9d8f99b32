import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { z } from 'zod'
import { advisoryAffected, deviceVulnerabilities, feedsOverview, notificationList } from '../../api/vulns.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { apiGet, launchBrowser, login, newPage } from './browser.js'

// A real browser against a real server: generous limits so a busy CI machine does not fail them spuriously.
vi.setConfig({ testTimeout: 180_000, hookTimeout: 120_000 })

let server: TestServer
let browser: Browser

beforeAll(async () => {
  ;[server, browser] = await Promise.all([startTestServer({ demo: true }), launchBrowser()])
})

afterAll(async () => {
  await browser?.close()
  await server?.close()
})

/** Philips Vue PACS (CISA ICSMA-21-187-01): versions up to 12.2.x.x, one CVE (CVE-2020-1938) known exploited. */
const ADVISORY = 'ICSMA-21-187-01'
/** Spacelabs XTR (ICSMA-20-049-01, BlueKeep): in the list with its KEV badge. */
const BLUEKEEP = 'ICSMA-20-049-01'

/** CISA's public data as copied into the repo (test/fixtures/feeds/README.md). */
const fixture = (name: string) => readFileSync(join(import.meta.dirname, '../fixtures/feeds', name))

/** A state-changing API call with the page's session and CSRF token; answers the status and the JSON body. */
async function apiSend(page: Page, method: 'POST' | 'PUT', path: string, data: unknown) {
  const { csrfToken } = z
    .object({ csrfToken: z.string() })
    .parse(await (await page.request.get(`${server.url}/api/auth/session`)).json())
  const res = await page.request.fetch(`${server.url}${path}`, { method, data, headers: { 'x-csrf-token': csrfToken } })
  return { status: res.status(), body: await res.json().catch(() => null) }
}

/** A device as a Japanese hospital writes it: the Japanese subsidiary's name (an alias of Philips), the model. */
async function addPacs(page: Page, assetTag: string, softwareVersion: string): Promise<string> {
  const res = await apiSend(page, 'POST', '/api/devices', {
    assetTag,
    name: '医用画像管理システム',
    kind: 'medical_device',
    manufacturer: '株式会社フィリップス・ジャパン',
    model: 'Vue PACS',
    softwareVersion,
    department: '放射線科',
    location: '本館3階 読影室',
    responsiblePerson: '臨床工学技士 山田',
  })
  if (res.status !== 201 && res.status !== 200) throw new Error(`POST /api/devices answered ${res.status}`)
  return z.object({ id: z.string() }).parse(res.body).id
}

describe('vulnerability intelligence in the browser', () => {
  it('imports CISA advisory and KEV files on the feeds page, shows who is affected and why, and a person rules one out', async () => {
    const { context, page } = await newPage(browser)
    await login(page, server.url, server.adminUser, server.adminPassword)

    // The ledger writes the maker as the Japanese subsidiary; the seeded alias table ties it to Philips.
    const hit = await addPacs(page, 'RAD-PACS-01', '12.1.0.3')
    const other = await addPacs(page, 'RAD-PACS-02', '12.3.0.1')

    // A file that is not a feed: refused with where and why, and nothing stored.
    await page.getByRole('link', { name: '情報の入手元', exact: true }).click()
    await page.getByRole('heading', { name: '脆弱性情報の入手元', exact: true }).waitFor()
    const before = await apiGet(page, server.url, '/api/feeds', feedsOverview)
    await page.locator('input[type="file"]').setInputFiles({
      name: 'broken.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"document": {"csaf_version": "2.0", '),
    })
    await page.getByRole('button', { name: '取り込む', exact: true }).click()
    const refused = page.getByRole('alert').filter({ hasText: '何も保存していません' })
    await refused.waitFor()
    expect(await refused.textContent()).toContain('broken.json')
    expect((await apiGet(page, server.url, '/api/feeds', feedsOverview)).counts).toEqual(before.counts)

    // The KEV catalog and two advisories in one go.
    const names = ['kev-subset.json', 'icsma-20-049-01.json', 'icsma-21-187-01.json']
    await page
      .locator('input[type="file"]')
      .setInputFiles(names.map((name) => ({ name, mimeType: 'application/json', buffer: fixture(name) })))
    await page.getByRole('button', { name: '取り込む', exact: true }).click()
    await page.getByText('取り込みました', { exact: true }).waitFor()
    const files = page.getByRole('table', { name: '取り込んだファイル' })
    await files.locator('tr[data-file="icsma-20-049-01.json"]').getByText('CSAF アドバイザリ').waitFor()
    await files.locator('tr[data-file="kev-subset.json"]').getByText('CISA 悪用確認済み一覧（KEV）').waitFor()
    const after = await apiGet(page, server.url, '/api/feeds', feedsOverview)
    expect(after.counts.advisories).toBeGreaterThan(before.counts.advisories)
    expect(after.counts.kev).toBeGreaterThan(0)

    // The new match is announced: the header's bell counts what the server holds unread, and empties on "mark all read".
    const unread = (await apiGet(page, server.url, '/api/notifications', notificationList)).unread
    expect(unread).toBeGreaterThan(0)
    await page.getByRole('button', { name: `お知らせ（未読 ${unread} 件）` }).click()
    await page.locator('[data-notification]').first().waitFor()
    await page.getByRole('button', { name: 'すべて既読にする' }).click()
    await page.getByRole('button', { name: 'お知らせ（未読 0 件）' }).waitFor()
    expect((await apiGet(page, server.url, '/api/notifications', notificationList)).unread).toBe(0)
    await page.keyboard.press('Escape')

    // The list: the advisory, known exploited, with our affected devices counted.
    await page.getByRole('link', { name: '脆弱性情報', exact: true }).click()
    await page.getByRole('heading', { name: '脆弱性情報（アドバイザリ）' }).waitFor()
    await page.locator('label').filter({ hasText: 'すべてのアドバイザリ' }).click()
    await page.locator(`tr[data-advisory="${BLUEKEEP}"]`).locator('[data-kev]').waitFor()
    const row = page.locator(`tr[data-advisory="${ADVISORY}"]`)
    await row.locator('[data-kev]').waitFor()
    await row.getByText('当院の機器 1 台が該当').waitFor()
    await row.getByRole('link', { name: ADVISORY }).click()

    // "Do we have this?": the affected device with where it is and why, in Japanese; the KEV badge and ransomware alert.
    await page.getByRole('heading', { name: new RegExp(`^${ADVISORY}`) }).waitFor()
    await page.locator('[data-kev]').first().waitFor()
    const affected = page.getByRole('table', { name: '該当機器' })
    const hitRow = affected.locator(`tr[data-device="${hit}"]`).first()
    await hitRow.getByText('RAD-PACS-01').waitFor()
    await hitRow.getByText('本館3階 読影室').waitFor()
    await hitRow.getByText('管理者: 臨床工学技士 山田', { exact: false }).waitFor()
    const kevRow = affected.locator(`tr[data-device="${hit}"]`).filter({ hasText: 'CVE-2020-1938' })
    await kevRow.getByText('悪用確認済み（KEV）').waitFor()
    const why = (await kevRow.locator('[data-reasons]').textContent()) ?? ''
    expect(why).toContain('株式会社フィリップス・ジャパン')
    expect(why).toContain('別名表')

    // The other version is ruled out, with the version named in the reason.
    const ruledOut = page.getByRole('table', { name: '対象外' })
    const otherRow = ruledOut.locator(`tr[data-device="${other}"]`).first()
    await otherRow.getByText('対象外（バージョン）').waitFor()
    expect(await otherRow.textContent()).toContain('12.3.0.1')

    // A person marks the match false: the dialog says it holds for the whole model, and the note is kept.
    await kevRow.getByRole('button', { name: '誤検知として除外' }).click()
    const dialog = page.getByRole('dialog')
    await dialog
      .getByText('「株式会社フィリップス・ジャパン Vue PACS」のすべての機器に適用されます', { exact: false })
      .waitFor()
    const note = '製造業者に確認済み: 当院の Vue PACS は該当する機能を使わない構成で納入'
    await dialog.getByLabel('メモ').fill(note)
    await dialog.getByRole('button', { name: '誤検知として除外' }).click()
    await dialog.waitFor({ state: 'hidden' })
    const moved = ruledOut.locator(`tr[data-device="${hit}"]`).filter({ hasText: 'CVE-2020-1938' })
    await moved.locator('[data-effective="false-positive"]').getByText('誤検知として除外').waitFor()
    await moved.getByText(`${server.adminUser} さんが誤検知として除外しました`, { exact: false }).waitFor()
    await moved.getByText(note, { exact: false }).waitFor()
    expect(await kevRow.count()).toBe(0)

    const stored = await apiGet(page, server.url, `/api/advisories/${ADVISORY}/affected`, advisoryAffected)
    const isKevMatch = (m: { device: { id: string }; cve: string | null }) =>
      m.device.id === hit && m.cve === 'CVE-2020-1938'
    expect(stored.affected.some(isKevMatch)).toBe(false)
    const marked = stored.ruledOut.find(isKevMatch)
    expect(marked?.effective).toBe('false-positive')
    expect(marked?.review?.note).toBe(note)

    // The device page lists the advisory among those ruled out, with the person's note.
    await page.goto(`${server.url}/devices/${hit}`)
    const panel = page.getByRole('region', { name: '脆弱性情報', exact: true })
    await panel.getByText(note, { exact: false }).waitFor()
    const vulns = await apiGet(page, server.url, `/api/devices/${hit}/vulnerabilities`, deviceVulnerabilities)
    expect(vulns.items.find((m) => m.cve === 'CVE-2020-1938')?.effective).toBe('false-positive')

    // The same page in English: headings, badges, decisions and the person's reason, with no Japanese of the UI's own.
    await page.locator('label').filter({ hasText: 'English' }).click()
    await page.goto(`${server.url}/advisories/${ADVISORY}`)
    await page.getByRole('heading', { name: 'Affected devices', exact: true }).waitFor()
    const outEn = page.getByRole('table', { name: 'Ruled out' })
    const movedEn = outEn.locator(`tr[data-device="${hit}"]`).filter({ hasText: 'CVE-2020-1938' })
    await movedEn.getByText('Marked as false match').waitFor()
    await movedEn.getByText(`${server.adminUser} marked this as a false match`, { exact: false }).waitFor()
    await page.locator('[data-kev]').getByText('Known exploited (KEV)').first().waitFor()
    await context.close()
  })
})
