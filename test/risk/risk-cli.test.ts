/**
 * `mamori risk …` as a hospital script runs it, on the demo hospital: the list ordered by risk with asset tags and
 * factors, explain by asset tag in Japanese and English, unknown devices and bad profiles refused with the reason
 * and the exit codes of other commands, a valid profile published and re-scored.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { DeviceRisk, RiskList, RiskProfile } from '../../api/risk.js'
import { DEFAULT_PROFILE } from '../../src/core/risk/profile.js'
import { mamori } from '../helpers/cli.js'

// Each test runs the CLI from source; on a loaded 2-core machine one run takes up to ~10 s.
describe('mamori risk', { timeout: 120_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'mamori-cli-risk-'))

  beforeAll(async () => {
    const demo = await mamori(dir, ['demo'])
    expect(demo.code, demo.stderr).toBe(0)
  }, 120_000)

  it('risk list --json orders devices by risk with asset tag and factors', async () => {
    const r = await mamori(dir, ['risk', 'list', '--json', '--limit', '120'])
    expect(r.code, r.stderr).toBe(0)
    const out = JSON.parse(r.stdout) as RiskList
    expect(out.items).toHaveLength(120)
    expect(out.total).toBeGreaterThan(120)
    for (let i = 1; i < out.items.length; i++)
      expect(out.items[i - 1]!.score).toBeGreaterThanOrEqual(out.items[i]!.score)
    const top = out.items[0]!
    expect(top.assetTag).toBeTruthy()
    expect(top.contributions.length).toBeGreaterThan(0)
    // Patient first: the riskiest device is a clinical one, not office IT.
    expect(['therapy', 'monitoring']).toContain(top.clinicalFunction)
  })

  it('risk list prints a table in Japanese and English', async () => {
    const ja = await mamori(dir, ['risk', 'list', '--limit', '5', '--lang', 'ja'])
    expect(ja.code, ja.stderr).toBe(0)
    expect(ja.stdout).toContain('資産番号')
    expect(ja.stdout).toContain('主な理由')
    expect(ja.stdout).toMatch(/\d+ 台中 5 台/)
    const en = await mamori(dir, ['risk', 'list', '--limit', '5', '--lang', 'en', '--band', 'high'])
    expect(en.code, en.stderr).toBe(0)
    expect(en.stdout).toContain('ASSET TAG')
    expect(en.stdout).toContain('high')
  })

  it('risk explain TAG shows every factor with points and why', async () => {
    const list = JSON.parse((await mamori(dir, ['risk', 'list', '--json', '--limit', '1'])).stdout) as RiskList
    const tag = list.items[0]!.assetTag!
    const json = await mamori(dir, ['risk', 'explain', tag, '--json'])
    expect(json.code, json.stderr).toBe(0)
    const d = JSON.parse(json.stdout) as DeviceRisk
    expect(d.assetTag).toBe(tag)
    expect(d.score).toBe(list.items[0]!.score)
    const ja = await mamori(dir, ['risk', 'explain', tag, '--lang', 'ja'])
    expect(ja.stdout).toContain(`リスク ${d.score} / 100`)
    expect(ja.stdout).toContain(d.contributions[0]!.explanationJa)
    const en = await mamori(dir, ['risk', 'explain', d.deviceId, '--lang', 'en'])
    expect(en.stdout).toContain('Main reasons:')
    expect(en.stdout).toContain(d.contributions[0]!.explanationEn)
  })

  it('an unknown device is a clear error with the not-found exit code', async () => {
    const r = await mamori(dir, ['risk', 'explain', 'NO-SUCH-TAG'])
    expect(r.code).toBe(4)
    expect(r.stderr).toContain('NO-SUCH-TAG')
  })

  it('profile set refuses weights that do not add up, naming the sum, and changes nothing', async () => {
    const bad = join(dir, 'bad.json')
    writeFileSync(
      bad,
      JSON.stringify({
        name: 'x',
        weights: { ...DEFAULT_PROFILE.weights, wireless: 10 },
        bands: DEFAULT_PROFILE.bands,
      }),
    )
    const r = await mamori(dir, ['risk', 'profile', 'set', bad])
    expect(r.code).toBe(3)
    expect(r.stderr).toContain('108')
    const show = JSON.parse((await mamori(dir, ['risk', 'profile', 'show', '--json'])).stdout) as RiskProfile
    expect(show.version).toBe(1)
    const notJson = join(dir, 'not.json')
    writeFileSync(notJson, '{')
    const r2 = await mamori(dir, ['risk', 'profile', 'set', notJson])
    expect(r2.code).toBe(3)
    expect(r2.stderr).toContain('not.json')
  })

  it('profile set publishes a new version and re-scores', async () => {
    const good = join(dir, 'good.json')
    writeFileSync(good, JSON.stringify({ ...DEFAULT_PROFILE, name: '院内版 2027', isolatedSegments: ['ME-VLAN'] }))
    const r = await mamori(dir, ['risk', 'profile', 'set', good, '--json'])
    expect(r.code, r.stderr).toBe(0)
    expect(JSON.parse(r.stdout)).toMatchObject({ version: 2, name: '院内版 2027', active: true })
    const list = JSON.parse((await mamori(dir, ['risk', 'list', '--json', '--limit', '1'])).stdout) as RiskList
    expect(list.profileVersion).toBe(2)
    expect(list.items[0]!.profileVersion).toBe(2)
  })
})
