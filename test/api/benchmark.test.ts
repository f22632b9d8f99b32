/**
 * /api/benchmark/* on SQLite and PostgreSQL: roles, settings (minCohort ≥ 3), the export refused without settings or
 * when it could identify the hospital, all-or-nothing import of many files (tampered, foreign, oversize, duplicate),
 * the cohort report with suppressed cells, this hospital's position, and the audit trail.
 */
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type BenchmarkProfile, type CohortReport, cohortReport } from '../../api/benchmark.js'
import { generateProfiles } from '../../scripts/generate-benchmark-cohort.js'
import { strictProfile } from '../../src/core/benchmark/profile.js'
import type { Storage } from '../../src/storage/database.js'
import { seedDevices } from '../benchmark/seed.js'
import { buildTestApp, login, type Session } from '../helpers/app.js'
import { DIALECTS } from '../helpers/databases.js'

/** A multipart body with several files in fields named "file". */
function files(list: readonly { name: string; bytes: Uint8Array | string }[]) {
  const boundary = '----mamori-bench-boundary-41'
  const parts: Buffer[] = []
  for (const f of list)
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${f.name}"\r\nContent-Type: application/json\r\n\r\n`,
      ),
      Buffer.from(f.bytes),
      Buffer.from('\r\n'),
    )
  parts.push(Buffer.from(`--${boundary}--\r\n`))
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } }
}
const json = (p: unknown) => JSON.stringify(p, null, 2)

describe.each(DIALECTS)('benchmark API on $name', (dialect) => {
  let storage: Storage
  let app: FastifyInstance
  let admin: Session
  let engineer: Session
  let viewer: Session
  const cohort = generateProfiles(12, 3)

  const call = (method: 'GET' | 'PUT' | 'POST', url: string, s: Session, payload?: unknown) =>
    app.inject({ method, url, headers: s.headers, payload: payload as never })
  const upload = (s: Session, list: readonly { name: string; bytes: Uint8Array | string }[]) => {
    const body = files(list)
    return app.inject({
      method: 'POST',
      url: '/api/benchmark/import',
      headers: { ...s.headers, ...body.headers },
      payload: body.payload,
    })
  }
  const stored = async () => (await call('GET', '/api/benchmark/compare', viewer)).json() as CohortReport

  beforeAll(async () => {
    storage = await dialect.open()
    app = await buildTestApp(storage)
    admin = await login(app, 'admin')
    engineer = await login(app, 'engineer')
    viewer = await login(app, 'viewer')
  })
  afterAll(async () => {
    await app.close()
    await storage.close()
  })

  it('shows the indicators with formulas to every role; null when nothing can be measured', async () => {
    const res = await call('GET', '/api/benchmark/indicators', viewer)
    expect(res.statusCode).toBe(200)
    const items = res.json().items as { id: string; formulaJa: string; value: number | null }[]
    expect(items.length).toBeGreaterThanOrEqual(9)
    expect(items.every((i) => i.formulaJa.length > 0)).toBe(true)
    // An empty ledger: nothing to divide by. (Checklist completion comes from the checklist module's own items.)
    for (const i of items.filter((i) => i.id !== 'checklist-completion')) expect(i.value, i.id).toBeNull()
  })

  it('refuses the export until the bed band and region are set (400, ja/en)', async () => {
    const res = await call('GET', '/api/benchmark/export', engineer)
    expect(res.statusCode).toBe(400)
    expect(res.json().error.code).toBe('BENCHMARK_SETTINGS_MISSING')
    expect(res.json().error.messageJa).toMatch(/病床規模と地域/)
  })

  it('lets only an admin change the settings, refuses minCohort below 3, and audits the change', async () => {
    const body = { bedBand: '200-399', region: 'kanto', minCohort: 5 }
    expect((await call('PUT', '/api/benchmark/settings', engineer, body)).statusCode).toBe(403)
    expect((await call('PUT', '/api/benchmark/settings', viewer, body)).statusCode).toBe(403)
    const low = await call('PUT', '/api/benchmark/settings', admin, { ...body, minCohort: 2 })
    expect(low.statusCode).toBe(400)
    expect(low.json().error.details[0]).toMatchObject({
      where: 'minCohort',
      messageJa: expect.stringMatching(/3 以上/),
    })
    const bad = await call('PUT', '/api/benchmark/settings', admin, { ...body, region: 'tokyo' })
    expect(bad.statusCode).toBe(400)
    expect((await call('GET', '/api/benchmark/settings', viewer)).json().minCohort).toBe(5) // unchanged default
    const ok = await call('PUT', '/api/benchmark/settings', admin, body)
    expect(ok.statusCode).toBe(200)
    expect((await call('GET', '/api/benchmark/settings', viewer)).json()).toEqual(body)
  })

  it('refuses an export that would identify the hospital (too few devices), 422 with why in ja/en', async () => {
    await seedDevices(storage, 5)
    const res = await call('GET', '/api/benchmark/export', engineer)
    expect(res.statusCode).toBe(422)
    expect(res.json().error.code).toBe('BENCHMARK_IDENTIFYING')
    expect(res.json().error.message).toMatch(/5 in-use devices, fewer than 20/)
    expect(res.json().error.messageJa).toMatch(/5 台で、20 台未満/)
  })

  it('exports an anonymous profile to an engineer: no names, tags, serials or addresses; a new id each time', async () => {
    await seedDevices(storage, 20)
    expect((await call('GET', '/api/benchmark/export', viewer)).statusCode).toBe(403)
    const a = await call('GET', '/api/benchmark/export', engineer)
    expect(a.statusCode, a.body).toBe(200)
    expect(a.headers['content-disposition']).toMatch(/attachment; filename="mamori-benchmark-\d{4}-\d{2}\.json"/)
    const profile = strictProfile.parse(a.json())
    expect(profile).toMatchObject({ bedBand: '200-399', region: 'kanto' })
    expect(profile.period).toMatch(/^\d{4}-\d{2}$/)
    expect(profile.indicators['owner-location']).toBe(100)
    expect(a.body).not.toMatch(/ME-TEST|SN\d|10\.20\.|山田|ICU/)
    const b = (await call('GET', '/api/benchmark/export', engineer)).json() as BenchmarkProfile
    expect(b.profileId).not.toBe(profile.profileId)
  })

  it('refuses a whole import when one file is tampered, foreign, malformed or oversize, storing nothing', async () => {
    const good = cohort.slice(0, 3).map((p, i) => ({ name: `h${i}.json`, bytes: json(p) }))
    const tampered = { ...cohort[3]!, indicators: { ...cohort[3]!.indicators, 'kev-devices': 0 } }
    const cases: [string, string | Uint8Array, RegExp][] = [
      ['tampered.json', json(tampered), /checksum/],
      ['foreign.json', json({ format: 'other', v: 1 }), /not a Mamori benchmark file/],
      ['extra.json', json({ ...cohort[4]!, hospitalName: '聖マモリ病院' }), /hospitalName/],
      ['broken.json', '{"format": "mamori-benchmark-profile", ', /not valid JSON/],
      ['huge.json', new Uint8Array(1024 * 1024 + 10).fill(32), /too large/],
    ]
    for (const [name, bytes, why] of cases) {
      const res = await upload(engineer, [...good, { name, bytes }])
      expect(res.statusCode, `${name}: ${res.body.slice(0, 300)}`).toBe(422)
      expect(res.json().error.code).toBe('BENCHMARK_PROFILE_INVALID')
      expect(res.json().error.message).toContain(`"${name}"`)
      expect(res.json().error.message).toMatch(why)
      expect(res.json().error.messageJa).toContain(`「${name}」`)
    }
    expect((await stored()).profiles).toBe(0)
    expect((await upload(viewer, good)).statusCode).toBe(403)
  })

  it('imports a folder of profiles, refuses a duplicate import, and publishes a report with suppressed cells', async () => {
    const res = await upload(
      engineer,
      cohort.map((p, i) => ({ name: `h${i}.json`, bytes: json(p) })),
    )
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json()).toEqual({ profiles: 12, cohortReports: 0, totalProfiles: 12 })
    const again = await upload(engineer, [{ name: 'again.json', bytes: json(cohort[0]) }])
    expect(again.statusCode).toBe(422)
    expect(again.json().error.message).toMatch(/already imported/)
    const report = await stored()
    cohortReport.parse(report)
    expect(report.profiles).toBe(12)
    const cells = report.cohorts.flatMap((c) => c.indicators)
    expect(cells.some((c) => c.suppressed)).toBe(true)
    expect(report.cohorts.find((c) => c.key === 'all')?.suppressed).toBe(false)
    const text = JSON.stringify(report)
    for (const p of cohort) expect(text).not.toContain(p.profileId)
  })

  it('shows this hospital its position once a published report is imported (404 before)', async () => {
    expect((await call('GET', '/api/benchmark/position', viewer)).statusCode).toBe(404)
    const report = await stored()
    const res = await upload(engineer, [{ name: 'report.json', bytes: json(report) }])
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json()).toMatchObject({ profiles: 0, cohortReports: 1 })
    const pos = await call('GET', '/api/benchmark/position', viewer)
    expect(pos.statusCode, pos.body).toBe(200)
    const body = pos.json()
    expect(['all', 'bedBand:200-399']).toContain(body.cohortKey)
    const owner = body.items.find((i: { id: string }) => i.id === 'owner-location')
    expect(owner.value).toBe(100)
    expect(owner.percentile === null || (owner.percentile >= 0 && owner.percentile <= 100)).toBe(true)
  })

  it('audits settings, exports and imports', async () => {
    const audit = await call('GET', '/api/audit?limit=200', admin)
    const actions = audit.json().items.map((e: { action: string }) => e.action)
    expect(actions).toContain('benchmark.settings')
    expect(actions).toContain('benchmark.export')
    expect(actions).toContain('benchmark.export.refused')
    expect(actions.filter((a: string) => a === 'benchmark.import')).toHaveLength(2)
  })
})

describe('benchmark import of nothing', () => {
  it('says that no file was given', async () => {
    const storage = await DIALECTS[0]!.open()
    const app = await buildTestApp(storage)
    const engineer = await login(app, 'engineer')
    const body = files([])
    const res = await app.inject({
      method: 'POST',
      url: '/api/benchmark/import',
      headers: { ...engineer.headers, ...body.headers },
      payload: body.payload,
    })
    expect(res.statusCode).toBe(422)
    expect(res.json().error.message).toMatch(/no file was given/)
    await app.close()
    await storage.close()
  })
})
