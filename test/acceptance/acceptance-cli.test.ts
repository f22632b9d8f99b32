/**
 * `mamori acceptance …` on the demo hospital (which the seed gives one acceptance in progress and one signed off):
 * start, a check, show as JSON, sign-off refused with what is left then accepted with a reason, and the report
 * written as a PDF with Japanese text.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Acceptance } from '../../api/acceptance.js'
import { pdfText } from '../documents/read-back.js'
import { mamori } from '../helpers/cli.js'

describe('mamori acceptance', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'mamori-acceptance-cli-'))

  beforeAll(async () => {
    const demo = await mamori(dataDir, ['demo', '--json'])
    expect(demo.code, demo.stderr).toBe(0)
  }, 180_000)
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

  it('lists the demo acceptances and refuses a second open one', async () => {
    const list = await mamori(dataDir, ['acceptance', 'list', '--json'])
    expect(list.code, list.stderr).toBe(0)
    const items = (JSON.parse(list.stdout) as { items: Acceptance[] }).items
    expect(items.map((a) => [a.device.assetTag, a.state]).sort()).toEqual([
      ['ME-ICU-NEW-01', 'in_progress'],
      ['ME-ICU-NEW-02', 'signed_off'],
    ])
    const open = items.find((a) => a.state === 'in_progress')!
    expect(open.issues[0]?.resolution).toBe('spec')
    const again = await mamori(dataDir, ['acceptance', 'start', 'ME-ICU-NEW-01'])
    expect(again.code).not.toBe(0)
    expect(again.stderr).toContain('already in progress')
    // The text a clinical engineer reads: states and the manufacturer's answer in words, not ids.
    const shown = await mamori(dataDir, ['acceptance', 'show', 'ME-ICU-NEW-01', '--lang', 'ja'])
    expect(shown.code, shown.stderr).toBe(0)
    expect(shown.stdout).toContain('状態: 確認中')
    expect(shown.stdout).toContain('[仕様（メーカー回答）]')
  }, 60_000)

  it('starts, checks, signs off with a reason and writes the report', async () => {
    const start = await mamori(dataDir, ['acceptance', 'start', 'ME-ICU-NEW-02', '--lang', 'ja'])
    expect(start.code, start.stderr).toBe(0)
    expect(start.stdout).toContain('初期パスワードの変更')
    expect(start.stdout).toContain('隔離セグメントからのスキャンがまだです')
    const check = await mamori(dataDir, [
      'acceptance',
      'check',
      'ME-ICU-NEW-02',
      'time_source',
      'pass',
      '--note',
      'NTP 同期',
    ])
    expect(check.code, check.stderr).toBe(0)
    const show = await mamori(dataDir, ['acceptance', 'show', 'ME-ICU-NEW-02', '--json'])
    const a = JSON.parse(show.stdout) as Acceptance
    expect(a.checks.find((c) => c.id === 'time_source')).toMatchObject({ result: 'pass', note: 'NTP 同期' })
    const refused = await mamori(dataDir, ['acceptance', 'sign-off', 'ME-ICU-NEW-02'])
    expect(refused.code).not.toBe(0)
    expect(refused.stderr).toContain('Not signed off')
    const signed = await mamori(dataDir, [
      'acceptance',
      'sign-off',
      'ME-ICU-NEW-02',
      '--accept-open',
      '--reason',
      '再確認のため',
      '--json',
    ])
    expect(signed.code, signed.stderr).toBe(0)
    expect((JSON.parse(signed.stdout) as Acceptance).state).toBe('signed_off')
    const out = join(dataDir, 'report.pdf')
    const r = await mamori(dataDir, ['acceptance', 'report', 'ME-ICU-NEW-02', '--out', out, '--lang', 'ja'])
    expect(r.code, r.stderr).toBe(0)
    const text = (await pdfText(readFileSync(out))).pages.join('').replace(/\s+/g, '')
    expect(text).toContain('導入時確認報告書')
    expect(text).toContain('未解決事項を残したまま承認:再確認のため')
  }, 90_000)
})
