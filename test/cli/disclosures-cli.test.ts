/**
 * `mamori disclosures import|list|evaluate|letter` as a script runs them (issue 8 names these commands and flags):
 * what was read with every problem, JSON output, the evaluation citing question ids, letters as PDF and Word, and
 * exit code 3 with the reasons for bad input, with nothing stored.
 */
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { mamori } from '../helpers/cli.js'

const FIXTURES = join(import.meta.dirname, '../fixtures/disclosures')

// Each test runs the CLI from source several times; on a loaded 2-core machine one run takes up to ~10 s.
describe('mamori disclosures', { timeout: 120_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'mamori-cli-disc-'))
  let id: string

  beforeAll(async () => {
    const r = await mamori(dir, [
      'disclosures',
      'import',
      join(FIXTURES, 'sp-2000-mds2-2019.xlsx'),
      '--model',
      'サンプル医療 SP-2000',
      '--json',
    ])
    expect(r.code, r.stderr).toBe(0)
    const out = JSON.parse(r.stdout)
    id = out.disclosure.id
  }, 60_000)

  it('import --json says what was read, the question count and every problem with its cell', async () => {
    const r = await mamori(dir, ['disclosures', 'list', '--json'])
    const [d] = JSON.parse(r.stdout).items
    expect(d).toMatchObject({ id, form: 'mds2-2019', model: { name: 'SP-2000' } })
    expect(d.questionCount).toBeGreaterThan(200)
    expect(d.problems.some((p: { code: string; row: number }) => p.code === 'idMistyped' && p.row > 0)).toBe(true)
  })

  it('import in Japanese prints the problem report with sheet!cell', async () => {
    const r = await mamori(dir, ['disclosures', 'import', join(FIXTURES, 'bm-500-mds2-2019.xlsx')], {
      LANG: 'ja_JP.UTF-8',
    })
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toContain('取り込みました')
    expect(r.stdout).toMatch(/回答 \d+ \/ \d+ 問/)
  })

  it('evaluate ID --json gives findings, controls and questions, each citing question ids', async () => {
    const r = await mamori(dir, ['disclosures', 'evaluate', id, '--json'])
    expect(r.code, r.stderr).toBe(0)
    const e = JSON.parse(r.stdout)
    expect(e.findings.length).toBeGreaterThan(0)
    expect(e.controls.length).toBeGreaterThan(0)
    expect(e.questions.length).toBeGreaterThan(0)
    for (const x of [...e.findings, ...e.controls, ...e.questions])
      expect(x.citations[0].questionId).toMatch(/^[A-Z]{3,4}-[\d.]+$/)
  })

  it('letter writes a PDF and a .docx', async () => {
    const pdf = join(dir, 'letter.pdf')
    const docx = join(dir, 'letter.docx')
    expect((await mamori(dir, ['disclosures', 'letter', id, '--lang', 'ja', '--out', pdf])).code).toBe(0)
    expect((await mamori(dir, ['disclosures', 'letter', id, '--lang', 'en', '--out', docx])).code).toBe(0)
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-')
    expect(readFileSync(docx).subarray(0, 2).toString()).toBe('PK')
  })

  it('refuses bad input with exit code 3, the reason for each problem, and stores nothing', async () => {
    const bad = await mamori(dir, ['disclosures', 'import', join(FIXTURES, 'not-a-form-ledger.xlsx')])
    expect(bad.code).toBe(3)
    expect(bad.stderr).toContain('not-a-form-ledger.xlsx')
    expect(bad.stderr).toContain('Nothing was stored')
    const missing = await mamori(dir, ['disclosures', 'import', join(dir, 'nope.xlsx')])
    expect(missing.code).toBe(3)
    expect(missing.stderr).toContain('no such file')
    const ext = await mamori(dir, ['disclosures', 'letter', id, '--out', join(dir, 'letter.txt')])
    expect(ext.code).toBe(3)
    expect(ext.stderr).toContain('.pdf or .docx')
    const list = JSON.parse((await mamori(dir, ['disclosures', 'list', '--json'])).stdout)
    expect(list.items).toHaveLength(2)
  })
})
