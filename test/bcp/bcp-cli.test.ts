/**
 * `mamori bcp services|impact|plan|seed` on the demo hospital: every service with its dependencies, tolerable
 * downtime, fallback and warnings (the one left without an owner shows); the impact of losing the PACS server lists
 * the imaging service that stops; the ICU segment stops ICU monitoring; an unknown node exits with what was tried.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ClinicalService, DevicePlan, ImpactResult } from '../../api/bcp.js'
import { mamori } from '../helpers/cli.js'

describe('mamori bcp', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'mamori-bcp-cli-'))
  let services: ClinicalService[] = []

  beforeAll(async () => {
    const demo = await mamori(dataDir, ['demo', '--json'])
    expect(demo.code, demo.stderr).toBe(0)
    expect(demo.stdout).toContain('continuity: 8 clinical services')
  }, 180_000)
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

  it('bcp services --json: dependencies, MTD, fallback and warnings of every service', async () => {
    const r = await mamori(dataDir, ['bcp', 'services', '--json'])
    expect(r.code, r.stderr).toBe(0)
    services = (JSON.parse(r.stdout) as { items: ClinicalService[] }).items
    const byKey = new Map(services.map((s) => [s.seedKey, s]))
    expect(byKey.get('seed:icu-monitoring')).toMatchObject({ maxDowntimeMinutes: 0, decider: 'ICU 当直医長' })
    expect(byKey.get('seed:ehr')?.maxDowntimeMinutes).toBe(240)
    expect(byKey.get('seed:imaging')?.dependencies.some((d) => d.label.startsWith('PACS'))).toBe(true)
    expect(byKey.get('seed:surgery')?.warnings.map((w) => w.code)).toContain('no_owner')
    const text = await mamori(dataDir, ['bcp', 'services', '--lang', 'ja'])
    expect(text.stdout).toContain('■ 電子カルテ')
    expect(text.stdout).toContain('許容停止時間: 240 分')
    expect(text.stdout).toMatch(/⚠ 注意 \[no_owner\] 「手術室」に責任者がいません/)
  }, 60_000)

  it('bcp impact: losing the PACS server stops imaging; the ICU segment stops ICU monitoring', async () => {
    const plan = await mamori(dataDir, ['bcp', 'plan', 'IT-RAD-0006', '--json'])
    expect(plan.code, plan.stderr).toBe(0)
    const p = JSON.parse(plan.stdout) as DevicePlan
    expect(p.saved).toBe(true)
    expect(p.services.map((s) => s.name)).toContain('画像診断')
    const r = await mamori(dataDir, ['bcp', 'impact', 'IT-RAD-0006', '--json'])
    expect(r.code, r.stderr).toBe(0)
    const impact = JSON.parse(r.stdout) as ImpactResult
    expect(impact.services[0]).toMatchObject({ name: '画像診断', effect: 'stops', maxDowntimeMinutes: 120 })
    expect(impact.devicesAffected).toBeGreaterThanOrEqual(1) // the CT whose plan depends on it
    const en = await mamori(dataDir, ['bcp', 'impact', 'segment:ICU 生体情報系', '--lang', 'en'])
    expect(en.code, en.stderr).toBe(0)
    expect(en.stdout).toMatch(/■ \[STOPS\] ICU patient monitoring {2}MTD 0 min/)
    expect(en.stdout).toContain('Path: ICU 生体情報系 → ICU 生体情報モニタリング')
    const unknown = await mamori(dataDir, ['bcp', 'impact', 'NO-SUCH-NODE'])
    expect(unknown.code).not.toBe(0)
    expect(unknown.stderr).toContain('NO-SUCH-NODE')
    expect(unknown.stderr).toContain('asset tag')
    expect(unknown.stderr).not.toContain('    at ')
  }, 60_000)

  it('bcp seed: everything proposed already exists', async () => {
    const r = await mamori(dataDir, ['bcp', 'seed', '--apply', '--json'])
    expect(r.code, r.stderr).toBe(0)
    const out = JSON.parse(r.stdout) as { created: number; services: { exists: boolean }[] }
    expect(out.created).toBe(0)
    expect(out.services.every((s) => s.exists)).toBe(true)
  }, 60_000)
})
