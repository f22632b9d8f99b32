/**
 * `mamori benchmark export|import|compare` as a hospital and a coordinator run them: export → import with eleven
 * generated profiles → compare (table with 秘匿/suppressed, --json, --out) → a hospital imports the published report
 * and sees its position; a tampered file refuses the whole import with exit code 3 and nothing stored.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { cohortReport } from '../../api/benchmark.js'
import { generateCohort } from '../../scripts/generate-benchmark-cohort.js'
import { migrate, openStorage } from '../../src/storage/database.js'
import { seedDevices } from '../benchmark/seed.js'
import { mamori } from '../helpers/cli.js'

describe('mamori benchmark', { timeout: 180_000 }, () => {
  const root = mkdtempSync(join(tmpdir(), 'mamori-cli-bench-'))
  const hospital = join(root, 'hospital')
  const coordinator = join(root, 'coordinator')
  const inbox = join(root, 'inbox')
  const profileFile = join(inbox, 'our-profile.json')
  const reportFile = join(root, 'cohort-report.json')

  beforeAll(async () => {
    mkdirSync(hospital)
    const s = openStorage({ dataDir: hospital })
    await migrate(s.db)
    await seedDevices(s, 24)
    await s.close()
    generateCohort({ dir: inbox, count: 11, seed: 5 })
  }, 60_000)

  it('export refuses without settings (exit 3, ja/en), then writes the anonymous profile', async () => {
    const missing = await mamori(hospital, ['benchmark', 'export', '--out', profileFile])
    expect(missing.code).toBe(3)
    expect(missing.stderr).toMatch(/bed-count band/)
    expect(missing.stderr).toMatch(/病床規模/)
    const low = await mamori(hospital, ['benchmark', 'settings', '--min-cohort', '2'])
    expect(low.code).toBe(3)
    expect(low.stderr).toMatch(/at least 3/)
    const set = await mamori(hospital, [
      'benchmark',
      'settings',
      '--bed-band',
      '400-699',
      '--region',
      'kinki',
      '--json',
    ])
    expect(set.code, set.stderr).toBe(0)
    expect(JSON.parse(set.stdout)).toEqual({ bedBand: '400-699', region: 'kinki', minCohort: 5 })
    const r = await mamori(hospital, ['benchmark', 'export', '--out', profileFile, '--lang', 'ja'])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toMatch(/匿名プロファイルを書き出しました/)
    const profile = JSON.parse(readFileSync(profileFile, 'utf8'))
    expect(profile).toMatchObject({ format: 'mamori-benchmark-profile', bedBand: '400-699', region: 'kinki' })
    expect(readFileSync(profileFile, 'utf8')).not.toMatch(/ME-TEST|10\.20\./)
  })

  it('import refuses a folder holding a tampered profile with exit 3, naming the file, and stores nothing', async () => {
    const bad = join(root, 'bad')
    mkdirSync(bad)
    copyFileSync(join(inbox, 'profile-001.json'), join(bad, 'a.json'))
    const p = JSON.parse(readFileSync(join(inbox, 'profile-002.json'), 'utf8'))
    p.indicators['owner-location'] = 100
    writeFileSync(join(bad, 'b.json'), JSON.stringify(p))
    const r = await mamori(coordinator, ['benchmark', 'import', bad])
    expect(r.code).toBe(3)
    expect(r.stderr).toMatch(/"b\.json".*checksum/)
    expect(r.stderr).toMatch(/「b\.json」/)
    const c = await mamori(coordinator, ['benchmark', 'compare', '--json'])
    expect(JSON.parse(c.stdout).profiles).toBe(0)
  })

  it('a coordinator imports the folder and publishes a report with suppressed cells (ja/en table, --json, --out)', async () => {
    const imp = await mamori(coordinator, ['benchmark', 'import', inbox, '--json'])
    expect(imp.code, imp.stderr).toBe(0)
    expect(JSON.parse(imp.stdout)).toEqual({ profiles: 12, cohortReports: 0, totalProfiles: 12 })
    const json = await mamori(coordinator, ['benchmark', 'compare', '--json', '--out', reportFile])
    expect(json.code, json.stderr).toBe(0)
    const report = cohortReport.parse(JSON.parse(json.stdout))
    expect(report.profiles).toBe(12)
    expect(report.cohorts.some((c) => c.suppressed || c.indicators.some((i) => i.suppressed))).toBe(true)
    expect(cohortReport.parse(JSON.parse(readFileSync(reportFile, 'utf8'))).profiles).toBe(12)
    const ja = await mamori(coordinator, ['benchmark', 'compare', '--lang', 'ja'])
    expect(ja.stdout).toMatch(/すべての病院（12 病院）/)
    expect(ja.stdout).toMatch(/秘匿/)
    expect(ja.stdout).toMatch(/秘匿の理由:/)
    const en = await mamori(coordinator, ['benchmark', 'compare', '--lang', 'en'])
    expect(en.stdout).toMatch(/All hospitals \(12 hospitals\)/)
    expect(en.stdout).toMatch(/suppressed/)
    expect(en.stdout).toMatch(/MEDIAN/)
  })

  it('the hospital imports the published report and sees its percentile per indicator', async () => {
    const before = await mamori(hospital, ['benchmark', 'position', '--lang', 'en'])
    expect(before.stdout).toMatch(/No cohort report imported yet/)
    const imp = await mamori(hospital, ['benchmark', 'import', reportFile, '--json'])
    expect(imp.code, imp.stderr).toBe(0)
    expect(JSON.parse(imp.stdout)).toMatchObject({ profiles: 0, cohortReports: 1 })
    const pos = await mamori(hospital, ['benchmark', 'position', '--json'])
    expect(pos.code, pos.stderr).toBe(0)
    const body = JSON.parse(pos.stdout)
    expect(body.items.find((i: { id: string }) => i.id === 'owner-location').value).toBe(100)
    const table = await mamori(hospital, ['benchmark', 'position', '--lang', 'ja'])
    expect(table.stdout).toMatch(/パーセンタイル/)
  })
})
