/**
 * Issue 9's commands as a hospital script runs them (the issue names them and their flags): `mamori feeds import
 * PATH` (a folder; format detected), `mamori advisories list [--kev] [--device]`, `mamori advisories affected ID`
 * (asset tag, explanation, known exploited), `mamori sbom import FILE (--model | --device)`, `mamori feeds export`
 * and re-import into another installation; bad input exits non-zero with the reason and stores nothing.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { mamori } from '../helpers/cli.js'

const FEEDS = join(import.meta.dirname, '../fixtures/feeds')
/** An SPDX 2.3 SBOM of an infusion pump the readers' engineer wrote (test/fixtures/sbom/README.md). */
const SBOM = join(import.meta.dirname, '../fixtures/sbom/spdx-2.3-infusion-pump.spdx.json')

// Each test runs the CLI from source; on a loaded 2-core machine one run takes up to ~10 s.
describe('mamori feeds / advisories / sbom', { timeout: 120_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'mamori-cli-vulns-'))
  const feedDir = mkdtempSync(join(tmpdir(), 'mamori-cli-feeds-'))

  beforeAll(async () => {
    // The ledger as a Japanese hospital writes it: makers are the Japanese subsidiaries.
    const csv = join(dir, 'ledger.csv')
    writeFileSync(
      csv,
      [
        '資産番号,メーカー,型式,ソフトウェアバージョン,設置場所,部署',
        'PACS-01,株式会社フィリップス・ジャパン,Vue PACS,12.1.0.3,本館3階 読影室,放射線科',
        'PACS-02,株式会社フィリップス・ジャパン,Vue PACS,12.3.0.1,本館3階 読影室,放射線科',
      ].join('\n'),
    )
    const ledger = await mamori(dir, ['devices', 'import', csv, '--yes'])
    expect(ledger.code, ledger.stderr).toBe(0)
    mkdirSync(join(feedDir, 'csaf'))
    copyFileSync(join(FEEDS, 'icsma-21-187-01.json'), join(feedDir, 'csaf', 'icsma-21-187-01.json'))
    copyFileSync(join(FEEDS, 'kev-subset.json'), join(feedDir, 'kev.json'))
  }, 60_000)

  it('feeds import FOLDER --json stores each file by its detected format', async () => {
    const r = await mamori(dir, ['feeds', 'import', feedDir, '--json'])
    expect(r.code, r.stderr).toBe(0)
    const out = JSON.parse(r.stdout)
    const kinds = Object.fromEntries(out.files.map((f: { file: string; kind: string }) => [f.kind, f]))
    expect(kinds.kev.stored).toBe(31)
    expect(kinds.csaf.stored).toBe(1)
    expect(out.newMatches).toBeGreaterThan(0)
  })

  it('advisories affected ID names the device by asset tag, says why in Japanese, and that it is exploited', async () => {
    const json = JSON.parse((await mamori(dir, ['advisories', 'affected', 'ICSMA-21-187-01', '--json'])).stdout)
    const kev = json.affected.find((m: { cve: string }) => m.cve === 'CVE-2020-1938')
    expect(kev.device.assetTag).toBe('PACS-01')
    expect(kev.knownExploited).toBe(true)
    expect(json.ruledOut.every((m: { device: { assetTag: string } }) => m.device.assetTag === 'PACS-02')).toBe(true)
    const ja = await mamori(dir, ['advisories', 'affected', 'ICSMA-21-187-01', '--lang', 'ja'])
    expect(ja.code, ja.stderr).toBe(0)
    expect(ja.stdout).toContain('PACS-01')
    expect(ja.stdout).toContain('別名表')
    expect(ja.stdout).toContain('悪用')
    expect(ja.stdout).toContain('対象外と判断したもの')
  })

  it('advisories list --kev --device filters, and an unknown advisory exits 4', async () => {
    const r = await mamori(dir, ['advisories', 'list', '--kev', '--device', 'PACS-01', '--json'])
    expect(r.code, r.stderr).toBe(0)
    expect(JSON.parse(r.stdout).items.map((a: { id: string }) => a.id)).toEqual(['ICSMA-21-187-01'])
    const none = await mamori(dir, ['advisories', 'list', '--device', 'PACS-02', '--json'])
    expect(JSON.parse(none.stdout).items).toEqual([])
    const missing = await mamori(dir, ['advisories', 'affected', 'ICSMA-99-999-99'])
    expect(missing.code).toBe(4)
    expect(missing.stderr).toContain('ICSMA-99-999-99')
  })

  it('sbom import needs exactly one of --model / --device, refuses a broken file with where, and stores a good one', async () => {
    const neither = await mamori(dir, ['sbom', 'import', SBOM])
    expect(neither.code).not.toBe(0)
    expect(neither.stderr).toMatch(/--model/)
    const broken = join(dir, 'broken.spdx.json')
    writeFileSync(broken, readFileSync(SBOM).subarray(0, 200))
    const bad = await mamori(dir, ['sbom', 'import', broken, '--device', 'PACS-01'])
    expect(bad.code).toBe(3)
    expect(bad.stderr).toContain('broken.spdx.json')
    const ok = await mamori(dir, ['sbom', 'import', SBOM, '--model', 'フィリップス Vue PACS', '--json'])
    expect(ok.code, ok.stderr).toBe(0)
    expect(JSON.parse(ok.stdout).sbom.componentCount).toBeGreaterThan(0)
  })

  it('feeds export FILE writes a bundle another installation imports with the same advisories', async () => {
    const bundle = join(dir, 'offline.mamori-feeds.gz')
    const ex = await mamori(dir, ['feeds', 'export', bundle, '--json'])
    expect(ex.code, ex.stderr).toBe(0)
    expect(JSON.parse(ex.stdout).counts.advisories).toBe(1)
    const other = mkdtempSync(join(tmpdir(), 'mamori-cli-vulns-other-'))
    const im = await mamori(other, ['feeds', 'import', bundle, '--json'])
    expect(im.code, im.stderr).toBe(0)
    const list = JSON.parse((await mamori(other, ['advisories', 'list', '--json'])).stdout)
    expect(list.items.map((a: { id: string }) => a.id)).toEqual(['ICSMA-21-187-01'])
  })
})
