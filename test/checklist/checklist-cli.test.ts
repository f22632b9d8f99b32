/**
 * `mamori checklist show|answer|export|edition import` as a script runs them (issue 10 names these commands and
 * flags): every item with its answer and evidence, JSON output, answers with dates defaulting to today, exit code 3
 * with the field named for impossible dates, vendor answers, exports read back, and an edition loaded from .xlsx.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import type { ChecklistView } from '../../api/checklist.js'
import { pdfText } from '../documents/read-back.js'
import { mamori } from '../helpers/cli.js'
import { otherLayout, r8Form } from './forms.js'

describe('mamori checklist', { timeout: 180_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'mamori-cli-checklist-'))

  it('answers with today by default, and exits 3 naming the field for an impossible date', async () => {
    const yes = await mamori(dir, ['checklist', 'answer', '2-①', 'yes', '--responsible', '臨床工学技士 山田', '--json'])
    expect(yes.code, yes.stderr).toBe(0)
    const saved = JSON.parse(yes.stdout)
    expect(saved).toMatchObject({ itemId: '2-①', answer: 'yes', responsible: '臨床工学技士 山田' })
    expect(saved.checkedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/) // today (in Japan) by default
    const no = await mamori(dir, [
      'checklist',
      'answer',
      '2-⑩',
      'no',
      '--date',
      '2026-11-30',
      '--target-date',
      '2027-03-31',
      '--note',
      '電子カルテ更新時に導入',
    ])
    expect(no.code, no.stderr).toBe(0)
    expect(no.stdout).toContain('目標日 2027-03-31')

    const bad = await mamori(dir, [
      'checklist',
      'answer',
      '2-⑥',
      'no',
      '--date',
      '2026-11-30',
      '--target-date',
      '2026-02-30',
    ])
    expect(bad.code).toBe(3)
    expect(bad.stderr).toContain('targetOn')
    expect(bad.stderr).toContain('2026-02-30')
    expect(bad.stderr).toContain('項目 2-⑥ の回答を保存しませんでした')
    expect((await mamori(dir, ['checklist', 'answer', '2-⑥', 'maybe'])).code).toBe(3)
  })

  it('shows every item with its answer and evidence, and records vendor answers', async () => {
    const rules = join(dir, '運用管理規程.pdf')
    writeFileSync(rules, '%PDF-1.4\n')
    const att = await mamori(dir, ['checklist', 'attach', '1-2', rules, '--json'])
    expect(att.code, att.stderr).toBe(0)
    expect(JSON.parse(att.stdout)).toMatchObject({
      itemId: '1-②',
      fileName: '運用管理規程.pdf',
      mediaType: 'application/pdf',
    })
    const show = await mamori(dir, ['checklist', 'show', '--json'])
    expect(show.code, show.stderr).toBe(0)
    const view = JSON.parse(show.stdout) as ChecklistView
    expect(view.rows).toHaveLength(19)
    expect(view.completion).toMatchObject({ answered: 2, yes: 1, no: 1 })
    expect(view.rows.find((r) => r.item.id === '2-⑥')!.answer.answer).toBeNull()
    expect(view.rows.find((r) => r.item.id === '1-②')!.answer.attachments.map((x) => x.fileName)).toEqual([
      '運用管理規程.pdf',
    ])
    expect(view.rows.find((r) => r.item.id === '2-①')!.evidence).not.toBeNull()
    const human = await mamori(dir, ['checklist', 'show', '--lang', 'ja'])
    expect(human.stdout).toContain('回答済み 2/19')
    expect(human.stdout).toContain('(要旨)')

    const vendor = await mamori(dir, ['checklist', 'vendor', 'add', '株式会社サクラ医療システム', '--json'])
    const vid = JSON.parse(vendor.stdout).id as string
    const va = await mamori(dir, ['checklist', 'answer', '2-③', 'yes', '--date', '2026-11-20', '--vendor', vid])
    expect(va.code, va.stderr).toBe(0)
    const vshow = JSON.parse(
      (await mamori(dir, ['checklist', 'show', '--form', 'vendor', '--vendor', vid, '--json'])).stdout,
    )
    expect(vshow.vendor.name).toBe('株式会社サクラ医療システム')
    expect(vshow.completion.answered).toBe(1)
  })

  it('exports xlsx and PDF', async () => {
    const xlsx = join(dir, 'checklist.xlsx')
    const ex = await mamori(dir, ['checklist', 'export', '--format', 'xlsx', '--out', xlsx])
    expect(ex.code, ex.stderr).toBe(0)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(new Uint8Array(readFileSync(xlsx)).buffer)
    expect(wb.worksheets.map((w) => w.name)).toEqual(['チェックリスト', '根拠'])
    const pdf = join(dir, 'checklist-en.pdf')
    expect((await mamori(dir, ['checklist', 'export', '--format', 'pdf', '--out', pdf, '--lang', 'en'])).code).toBe(0)
    expect((await pdfText(readFileSync(pdf))).pages.join(' ').replace(/\s+/g, ' ')).toContain(
      'Two-factor authentication',
    )
    expect((await mamori(dir, ['checklist', 'export', '--format', 'docx', '--out', pdf])).code).toBe(3)
  })

  it('imports an edition from .xlsx; another layout exits 3 with sheet and cell', async () => {
    const bad = join(dir, 'ledger.xlsx')
    writeFileSync(bad, await otherLayout())
    const r = await mamori(dir, ['checklist', 'edition', 'import', bad])
    expect(r.code).toBe(3)
    expect(r.stderr).toContain('ledger.xlsx: 回答欄: A2')
    const good = join(dir, 'r8.xlsx')
    writeFileSync(good, await r8Form())
    const ok = await mamori(dir, ['checklist', 'edition', 'import', good, '--json'])
    expect(ok.code, ok.stderr).toBe(0)
    expect(JSON.parse(ok.stdout)).toMatchObject({ fiscalYearJa: '令和8年度', builtIn: false })
  })
})
