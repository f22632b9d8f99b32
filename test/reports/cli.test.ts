/**
 * `mamori report …` through the real binary over the demo hospital: the management report as PDF (Japanese,
 * readable) and .docx, the inspection pack, a device card by asset tag on one page; bad options exit 3 with the
 * option named and write nothing.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { pdfText } from '../documents/read-back.js'
import { mamori } from '../helpers/cli.js'

describe('mamori report', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'mamori-report-cli-'))
  const out = mkdtempSync(join(tmpdir(), 'mamori-report-out-'))

  beforeAll(async () => {
    expect((await mamori(dataDir, ['init', '--json'], { MAMORI_ADMIN_PASSWORD: 'Cli-Test-Password-1' })).code).toBe(0)
    expect((await mamori(dataDir, ['demo', '--json'])).code).toBe(0)
  }, 120_000)

  it('writes the management report as PDF in Japanese and as .docx in English', async () => {
    const pdf = join(out, 'management.pdf')
    const r = await mamori(dataDir, ['report', 'management', '--lang', 'ja', '--format', 'pdf', '--out', pdf, '--json'])
    expect(r.code, r.stderr).toBe(0)
    expect(JSON.parse(r.stdout)).toMatchObject({ file: pdf, format: 'pdf' })
    const all = (await pdfText(readFileSync(pdf))).pages.join('').replace(/\s+/g, '')
    expect(all).toContain('医療機器サイバーセキュリティ報告（経営層向け）')
    expect(all).toContain('用語の説明')
    const docx = join(out, 'management.docx')
    const d = await mamori(dataDir, ['report', 'management', '--lang', 'en', '--out', docx])
    expect(d.code, d.stderr).toBe(0)
    expect(d.stdout).toContain(`Wrote ${docx}`)
    expect(readFileSync(docx).subarray(0, 2).toString()).toBe('PK')
  }, 120_000)

  it('writes the inspection pack and a one-page device card by asset tag', async () => {
    const pack = join(out, 'inspection.pdf')
    const r = await mamori(dataDir, ['report', 'inspection', '--lang', 'ja', '--format', 'pdf', '--out', pack])
    expect(r.code, r.stderr).toBe(0)
    expect((await pdfText(readFileSync(pack))).pages.join('').replace(/\s+/g, '')).toContain('確認項目')
    const list = JSON.parse((await mamori(dataDir, ['devices', 'list', '--limit', '1', '--json'])).stdout)
    const tag = list.items[0].assetTag as string
    const card = join(out, 'card.pdf')
    const c = await mamori(dataDir, ['report', 'device-card', tag, '--lang', 'ja', '--out', card])
    expect(c.code, c.stderr).toBe(0)
    const { pages, totalPages } = await pdfText(readFileSync(card))
    expect(totalPages).toBe(1)
    expect(pages.join('')).toContain(tag)
  }, 120_000)

  it('refuses a docx inspection pack, an unknown language and an unknown device, writing nothing', async () => {
    const bad = join(out, 'bad.docx')
    const r = await mamori(dataDir, ['report', 'inspection', '--format', 'docx', '--out', bad])
    expect(r.code).toBe(3)
    expect(r.stderr).toContain('--format docx')
    expect(existsSync(bad)).toBe(false)
    const l = await mamori(dataDir, ['report', 'management', '--lang', 'fr', '--out', join(out, 'fr.pdf')])
    expect(l.code).toBe(3)
    expect(l.stderr).toContain('--lang fr')
    const n = await mamori(dataDir, ['report', 'device-card', 'NO-SUCH-TAG', '--out', join(out, 'none.pdf')])
    expect(n.code).toBe(4)
    expect(existsSync(join(out, 'none.pdf'))).toBe(false)
  }, 120_000)
})
