import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import iconv from 'iconv-lite'
import { describe, expect, it } from 'vitest'
import { mamori } from '../helpers/cli.js'

describe('mamori devices import / export', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mamori-import-cli-'))
  const dataDir = join(dir, 'data')
  const good = join(dir, 'good.csv')
  const bad = join(dir, 'bad.csv')
  writeFileSync(
    good,
    iconv.encode(
      '資産番号,種別,製造販売業者,型式,IPアドレス\r\nME-1,医療機器,日本光電,BSM-6000,10.0.0.1\r\nME-2,サーバ,NEC,Express,10.0.0.2\r\n',
      'cp932',
    ),
  )
  writeFileSync(bad, '資産番号,IPアドレス\nX-1,10.0.0.999\n')

  it('previews with --dry-run and writes nothing', async () => {
    const r = await mamori(dataDir, ['devices', 'import', good, '--dry-run'])
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('create 2')
    expect(r.stdout).toContain('Dry run')
    const list = await mamori(dataDir, ['devices', 'list', '--json'])
    expect(JSON.parse(list.stdout).total).toBe(0)
  }, 120_000)

  it('needs --yes when stdin is not a terminal', async () => {
    const r = await mamori(dataDir, ['devices', 'import', good])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('--yes')
  }, 120_000)

  it('imports with --yes and reports JSON', async () => {
    const r = await mamori(dataDir, ['--json', 'devices', 'import', good, '--yes'])
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout).result).toMatchObject({ created: 2, updated: 0 })
  }, 120_000)

  it('exits 3 and lists row, column, value and reason when every row is rejected', async () => {
    const r = await mamori(dataDir, ['devices', 'import', bad, '--yes'])
    expect(r.code).toBe(3)
    expect(r.stdout).toMatch(/row 2, column "IPアドレス" value "10\.0\.0\.999": .*not an IP address/)
  }, 120_000)

  it('prints the Japanese reason when LANG is Japanese, or with --lang ja', async () => {
    const expected =
      '2 行目、列「IPアドレス」、値 "10.0.0.999": "10.0.0.999" はIPアドレスとして正しくありません(例: 192.168.10.21 や fe80::1)。'
    const byEnv = await mamori(dataDir, ['devices', 'import', bad, '--dry-run'], { LANG: 'ja_JP.UTF-8' })
    expect(byEnv.code).toBe(3)
    expect(byEnv.stdout).toContain(expected)
    expect(byEnv.stdout).not.toContain('not an IP address')
    const byFlag = await mamori(dataDir, ['devices', 'import', bad, '--dry-run', '--lang', 'ja'])
    expect(byFlag.stdout).toContain(expected)
    // --lang wins over LANG.
    const en = await mamori(dataDir, ['devices', 'import', bad, '--dry-run', '--lang', 'en'], { LANG: 'ja_JP.UTF-8' })
    expect(en.stdout).toContain('not an IP address')
    expect(en.stdout).not.toContain('正しくありません')
    const wrong = await mamori(dataDir, ['devices', 'import', bad, '--dry-run', '--lang', 'fr'])
    expect(wrong.code).toBe(3)
    expect(wrong.stderr).toContain('use ja or en')
  }, 120_000)

  it('--json carries both the English and the Japanese message', async () => {
    const r = await mamori(dataDir, ['--json', 'devices', 'import', bad, '--dry-run'])
    expect(r.code).toBe(3)
    expect(JSON.parse(r.stdout).preview.problems[0]).toMatchObject({
      row: 2,
      column: 'IPアドレス',
      message: expect.stringContaining('not an IP address'),
      messageJa: '"10.0.0.999" はIPアドレスとして正しくありません(例: 192.168.10.21 や fe80::1)。',
    })
  }, 120_000)

  it('exits 4 for a missing file', async () => {
    const r = await mamori(dataDir, ['devices', 'import', join(dir, 'nope.csv'), '--dry-run'])
    expect(r.code).toBe(4)
    expect(r.stderr).toContain('nope.csv')
  }, 120_000)

  it('exports CSV and XLSX, and the export re-imports as unchanged', async () => {
    const csv = join(dir, 'out.csv')
    const e1 = await mamori(dataDir, ['devices', 'export', csv, '--lang', 'en'])
    expect(e1.code).toBe(0)
    expect(readFileSync(csv).subarray(3).toString('utf8')).toMatch(/^Device ID,Asset Tag/)
    const xlsx = join(dir, 'out.xlsx')
    expect((await mamori(dataDir, ['devices', 'export', xlsx])).code).toBe(0)
    const again = await mamori(dataDir, ['--json', 'devices', 'import', xlsx, '--dry-run'])
    expect(again.code).toBe(0)
    expect(JSON.parse(again.stdout).preview).toMatchObject({ unchanged: 2, toCreate: 0, toUpdate: 0 })
  }, 120_000)
})
