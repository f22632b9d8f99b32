import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { mamori } from '../helpers/cli.js'

const FIXTURE = join(import.meta.dirname, '..', 'fixtures', 'import', 'hospital-ledger-sjis.csv')

describe('mamori devices import of a hospital ledger (Shift_JIS, 機器名 and 型式)', () => {
  const dataDir = join(mkdtempSync(join(tmpdir(), 'mamori-hospital-cli-')), 'data')

  it('imports the good rows with name and model apart and names each bad row in Japanese and English', async () => {
    const ja = await mamori(dataDir, ['devices', 'import', FIXTURE, '--dry-run', '--lang', 'ja'])
    expect(ja.stdout).toContain('5 行目、列「IPアドレス」、値 "pump-7.local"')
    expect(ja.stdout).toContain('6 行目、列「導入日」、値 "2023/2/30"')
    const en = await mamori(dataDir, ['devices', 'import', FIXTURE, '--dry-run', '--lang', 'en'])
    expect(en.stdout).toMatch(/row 5, column "IPアドレス" value "pump-7\.local": .*not an IP address/)

    const r = await mamori(dataDir, ['--json', 'devices', 'import', FIXTURE, '--yes'])
    expect(JSON.parse(r.stdout).result).toMatchObject({ created: 4, rejected: 2 })
    const list = JSON.parse((await mamori(dataDir, ['devices', 'list', '--json'])).stdout)
    const pump = list.items.find((d: { assetTag: string }) => d.assetTag === 'ME-1001')
    expect(pump).toMatchObject({ name: '輸液ポンプ', model: 'TE-LM800', category: 'infusion_pump' })
  }, 180_000)
})
