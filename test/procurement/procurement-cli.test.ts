/**
 * `mamori procurement …` on the demo hospital (one CLI test file, ADR 0039): the demo tender's three bids, the
 * requirement sheet as a real .xlsx and a real PDF (refusing to overwrite without --force), reading the vendor's
 * returned sheet, a new bid and the comparison as JSON and as a file.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Bid, BidAnswersImport, BidComparison } from '../../api/procurement.js'
import { DEMO_TENDER } from '../../src/demo/procurement-demo.js'
import { HEADER_ROW } from '../../src/reports/procurement/requirements.js'
import { pdfText } from '../documents/read-back.js'
import { mamori } from '../helpers/cli.js'
import { fillAnswers } from './fill.js'

describe('mamori procurement', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'mamori-procurement-cli-'))
  const out = mkdtempSync(join(tmpdir(), 'mamori-procurement-out-'))
  let bids: Bid[] = []

  beforeAll(async () => {
    const demo = await mamori(dataDir, ['demo', '--json'])
    expect(demo.code, demo.stderr).toBe(0)
  }, 180_000)
  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true })
    rmSync(out, { recursive: true, force: true })
  })

  it('lists the demo tender: three bids with different scores, one with mandatory gaps, as the dealers answered', async () => {
    const r = await mamori(dataDir, ['procurement', 'bids', '--json'])
    expect(r.code, r.stderr).toBe(0)
    bids = (JSON.parse(r.stdout) as { items: Bid[] }).items
    expect(bids).toHaveLength(3)
    expect(bids.every((b) => b.tender === DEMO_TENDER)).toBe(true)
    expect(new Set(bids.map((b) => b.score.percent)).size).toBe(3)
    expect(bids.filter((b) => b.score.mandatoryGaps.length > 0).length).toBeGreaterThanOrEqual(1)
    expect(bids.find((b) => b.model === 'VitaScope VS-820')!.score.mandatoryGaps).toEqual([])
    const ja = await mamori(dataDir, ['procurement', 'bids', '--lang', 'ja'])
    expect(ja.stdout).toContain('必須の不足')
    expect(ja.stdout).toContain('みなとメディカルサプライ株式会社')
  }, 60_000)

  it('writes the requirement sheet as a real .xlsx and a real Japanese PDF; refuses to overwrite without --force', async () => {
    const xlsx = join(out, 'requirements.xlsx')
    const r = await mamori(dataDir, ['procurement', 'requirements', '--lang', 'ja', '--format', 'xlsx', '--out', xlsx])
    expect(r.code, r.stderr).toBe(0)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(new Uint8Array(readFileSync(xlsx)).buffer)
    expect(wb.worksheets[0]!.getCell(HEADER_ROW, 8).value).toBe('回答')
    expect(wb.worksheets[0]!.getCell(HEADER_ROW + 1, 1).value).toBe('P-01')

    const pdf = join(out, 'requirements.pdf')
    const p = await mamori(dataDir, ['procurement', 'requirements', '--lang', 'ja', '--format', 'pdf', '--out', pdf])
    expect(p.code, p.stderr).toBe(0)
    const text = (await pdfText(readFileSync(pdf))).pages.join('').replace(/\s+/g, '')
    expect(text).toContain('医療機器セキュリティ調達要件')

    writeFileSync(join(out, 'keep.pdf'), 'mine')
    const again = await mamori(dataDir, [
      'procurement',
      'requirements',
      '--lang',
      'en',
      '--format',
      'pdf',
      '--out',
      join(out, 'keep.pdf'),
    ])
    expect(again.code).not.toBe(0)
    expect(again.stderr).toContain('--force')
    expect(readFileSync(join(out, 'keep.pdf'), 'utf8')).toBe('mine')
    const forced = await mamori(dataDir, [
      'procurement',
      'requirements',
      '--lang',
      'en',
      '--format',
      'pdf',
      '--out',
      join(out, 'keep.pdf'),
      '--force',
    ])
    expect(forced.code, forced.stderr).toBe(0)
    expect(readFileSync(join(out, 'keep.pdf')).subarray(0, 5).toString()).toBe('%PDF-')
    const badLang = await mamori(dataDir, ['procurement', 'requirements', '--lang', 'fr', '--out', join(out, 'x.xlsx')])
    expect(badLang.code).not.toBe(0)
    expect(existsSync(join(out, 'x.xlsx'))).toBe(false)
  }, 120_000)

  it('adds a bid, reads its returned sheet and compares it with a demo bid', async () => {
    const add = await mamori(dataDir, [
      'procurement',
      'bid',
      'add',
      '--tender',
      DEMO_TENDER,
      '--vendor',
      '新規販売',
      '--manufacturer',
      'Sakura Medical Systems',
      '--model',
      'CareView P9',
      '--json',
    ])
    expect(add.code, add.stderr).toBe(0)
    const bid = JSON.parse(add.stdout) as Bid
    const xlsx = join(out, 'requirements.xlsx')
    const filled = join(out, 'filled.xlsx')
    writeFileSync(filled, await fillAnswers(readFileSync(xlsx), { 'P-01': ['はい'], 'P-02': ['一部'], 'P-06': ['×'] }))
    const ans = await mamori(dataDir, ['procurement', 'answers', bid.id, filled, '--json'])
    expect(ans.code, ans.stderr).toBe(0)
    const imp = JSON.parse(ans.stdout) as BidAnswersImport
    expect(imp.read).toBe(3)
    expect(imp.bid.answers.map((a) => a.answer)).toEqual(['yes', 'partial', 'no'])
    const broken = await mamori(dataDir, ['procurement', 'answers', bid.id, join(out, 'keep.pdf')])
    expect(broken.code).not.toBe(0)

    const cmp = await mamori(dataDir, ['procurement', 'compare', bids[0]!.id, bid.id, '--json'])
    expect(cmp.code, cmp.stderr).toBe(0)
    const c = JSON.parse(cmp.stdout) as BidComparison
    expect(c.bids.map((b) => b.id)).toEqual([bids[0]!.id, bid.id])
    expect(c.bids[0]!.disclosure.modelId).toBe(bids[0]!.modelId)
    expect(c.rows[0]!.answers[0]).toBe('yes')
    expect(c.rows[0]!.answers[1]).toBe('yes')
    const file = join(out, 'compare.xlsx')
    const w = await mamori(dataDir, ['procurement', 'compare', bids[0]!.id, bid.id, '--out', file])
    expect(w.code, w.stderr).toBe(0)
    expect(readFileSync(file).subarray(0, 2).toString()).toBe('PK')
  }, 120_000)
})
