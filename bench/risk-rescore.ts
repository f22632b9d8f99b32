import { DEFAULT_PROFILE } from '../src/core/risk/profile.js'
import { syntheticDevices } from '../src/demo/hospital.js'
import { loadDemo } from '../src/demo/load-demo.js'
import { SeededRandom } from '../src/demo/random.js'
import { RiskService, rescoreRows, scoreAll } from '../src/services/risk/risk-service.js'
import { SYSTEM_ACTOR } from '../src/storage/audit-repository.js'
import { migrate, openStorage, type Storage } from '../src/storage/database.js'
import { RiskRepository } from '../src/storage/risk-repository.js'
import { type BenchContext, type BenchReport, type Metric, metric, peakRssMiB } from './lib.js'

export const title = 'Risk: re-score 100,000 devices (issue 10)'

const DEVICES = Number(process.env.MAMORI_BENCH_RISK_DEVICES ?? 100_000)
const TARGET_MS = 2_000
const T = '2026-12-01T08:00:00.000Z'
const CHUNK = 500

/**
 * A hospital of DEVICES synthetic devices (the demo generator) with what scoring reads from other modules: one scan
 * that saw two thirds of them up with 1–6 open ports (Telnet on some), open findings on half (1–3, mixed severity),
 * affected vulnerability matches on a tenth (KEV/EPSS on some CVEs).
 */
export async function seed(storage: Storage, ctx: BenchContext): Promise<void> {
  await loadDemo(storage.db, { actor: SYSTEM_ACTOR, devices: [...syntheticDevices(DEVICES)] })
  const ids = (await storage.db.selectFrom('devices').select('id').orderBy('id').execute()).map((r) => r.id)
  const rnd = new SeededRandom(10)
  await storage.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('scans')
      .values({
        id: 'bench-scan',
        status: 'completed',
        profile: 'gentle',
        targets: '[]',
        portSpec: null,
        requestedBy: 'bench',
        scheduleId: null,
        createdAt: T,
        startedAt: T,
        finishedAt: T,
        progress: '{}',
        error: null,
      })
      .execute()
    const hosts: object[] = []
    const services: object[] = []
    const findings: object[] = []
    const matches: object[] = []
    const PORTS = [22, 23, 80, 104, 443, 445, 2575, 3389, 5900, 8080]
    for (const [i, id] of ids.entries()) {
      if (i % 3 !== 0) {
        hosts.push({
          id: `h${i}`,
          scanId: 'bench-scan',
          address: `10.${i >> 16}.${(i >> 8) & 255}.${i & 255}`,
          mac: null,
          hostname: null,
          state: 'up',
          deviceId: id,
          identification: null,
          complete: 1,
        })
        const n = rnd.int(1, 6)
        for (let k = 0; k < n; k++)
          services.push({
            id: `s${i}-${k}`,
            scanHostId: `h${i}`,
            scanId: 'bench-scan',
            port: PORTS[(i + k) % PORTS.length]!,
            transport: 'tcp',
            state: 'open',
            service: null,
            banner: null,
            facts: null,
          })
      }
      if (i % 2 === 0)
        for (let k = 0; k < rnd.int(1, 3); k++)
          findings.push({
            id: `f${i}-${k}`,
            source: 'scan',
            key: `f${i}-${k}`,
            siteId: 'default',
            deviceId: id,
            address: null,
            port: null,
            ruleId: rnd.pick(['telnet-cleartext', 'smbv1-enabled', 'undeclared-open-port', 'tls-old-version']),
            severity: rnd.pick(['critical', 'high', 'medium', 'low']),
            titleJa: 't',
            titleEn: 't',
            detailJa: 'd',
            detailEn: 'd',
            recommendationJa: 'r',
            recommendationEn: 'r',
            evidence: '',
            status: 'open',
            statusReason: null,
            statusExpiresAt: null,
            firstSeenAt: T,
            lastSeenAt: T,
            lastScanId: 'bench-scan',
            incomplete: 0,
          })
      if (i % 10 === 0)
        matches.push({
          id: `m${i}`,
          deviceId: id,
          modelId: null,
          cve: `CVE-2024-${i % 50}`,
          advisoryId: null,
          componentId: null,
          via: 'cpe',
          reviewKey: `rk${i}`,
          productLabel: 'bench',
          decision: 'affected',
          confidence: 0.9,
          reasons: '[]',
          vex: null,
          firstSeenAt: T,
          lastSeenAt: T,
          notifiedAt: null,
        })
    }
    const cves = Array.from({ length: 50 }, (_, k) => ({
      id: `CVE-2024-${k}`,
      source: 'nvd',
      publishedAt: null,
      modifiedAt: null,
      descriptionEn: null,
      descriptionJa: null,
      cvss3Vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N',
      cvss3Score: 7.5,
      cvss4Vector: null,
      cvss4Score: null,
      cwes: null,
      configurations: null,
    }))
    const kev = cves.slice(0, 5).map((c) => ({
      cveId: c.id,
      vendorProject: 'x',
      product: 'x',
      name: 'x',
      dateAdded: '2024-01-01',
      dueDate: null,
      ransomware: 1,
      requiredAction: null,
      description: null,
      notes: null,
    }))
    const epss = cves.map((c, k) => ({
      cveId: c.id,
      score: k / 50,
      percentile: k / 50,
      modelVersion: null,
      scoreDate: null,
    }))
    const put = async (
      table: 'scanHosts' | 'scanServices' | 'findings' | 'vulnMatches' | 'cves' | 'kevEntries' | 'epssScores',
      rows: object[],
    ) => {
      for (let i = 0; i < rows.length; i += CHUNK)
        await trx
          .insertInto(table)
          // biome-ignore lint/suspicious/noExplicitAny: bench seed rows are checked by the tables themselves
          .values(rows.slice(i, i + CHUNK) as any)
          .execute()
    }
    await put('cves', cves)
    await put('kevEntries', kev)
    await put('epssScores', epss)
    await put('scanHosts', hosts)
    await put('scanServices', services)
    await put('findings', findings)
    await put('vulnMatches', matches)
    ctx.log(
      `seeded ${ids.length} devices, ${hosts.length} hosts, ${services.length} open ports, ${findings.length} findings, ${matches.length} matches`,
    )
  })
}

async function measure(
  storage: Storage,
  label: string,
  ctx: BenchContext,
): Promise<{ metrics: Metric[]; notes: string[] }> {
  await seed(storage, ctx)
  const store = new RiskRepository(storage.db)
  const service = new RiskService(store, { now: () => new Date('2026-12-02T09:00:00Z') })
  const profile = await service.getProfile()
  const now = new Date('2026-12-02T09:00:00Z')

  const tLoad = performance.now()
  const facts = await store.loadFacts()
  const loadMs = performance.now() - tLoad
  // Pure scoring alone (warm once, then measured).
  scoreAll(facts.slice(0, 1000), profile, now)
  const tScore = performance.now()
  const { rows, summary } = scoreAll(facts, profile, now)
  const scoreMs = performance.now() - tScore
  const tWrite = performance.now()
  await store.replaceScores(rows, { date: '2026-12-02', summary }, SYSTEM_ACTOR, { action: 'risk.rescore' })
  const writeMs = performance.now() - tWrite
  // The full re-score as the API runs it: load + score + replace + snapshot.
  const tFull = performance.now()
  const s = await service.rescore(SYSTEM_ACTOR)
  const fullMs = performance.now() - tFull
  // A weight profile change (what an admin's edit triggers): from the stored readings, no facts. Two factors of the
  // same group trade 3 points, so the weights still add up and many scores change.
  const admin = { id: null, name: 'bench-admin' }
  const edited = (k: number) => ({
    name: `bench ${k}`,
    weights: {
      ...profile.weights,
      lifeCritical: (profile.weights.lifeCritical ?? 0) + (k % 2 === 0 ? 3 : 0),
      patientProximity: (profile.weights.patientProximity ?? 0) - (k % 2 === 0 ? 3 : 0),
    },
    bands: profile.bands,
    isolatedSegments: profile.isolatedSegments,
    staleAfterDays: profile.staleAfterDays,
    reason: 'bench',
  })
  const tRead = performance.now()
  const stored = await store.loadReadings()
  const readMs = performance.now() - tRead
  const tDot = performance.now()
  const { changed } = rescoreRows(stored ?? [], { ...profile, weights: edited(0).weights }, now)
  const dotMs = performance.now() - tDot
  const tProfile = performance.now()
  await service.putProfile(admin, edited(0))
  const profileMs = performance.now() - tProfile
  const tBack = performance.now()
  await service.putProfile(admin, edited(1))
  const backMs = performance.now() - tBack
  ctx.log(
    `${label}: load ${Math.round(loadMs)} ms, score ${Math.round(scoreMs)} ms, write ${Math.round(writeMs)} ms, full ${Math.round(fullMs)} ms; profile change ${Math.round(profileMs)} ms (read ${Math.round(readMs)} ms, weighted sums ${Math.round(dotMs)} ms, ${changed.length} scores changed), and back ${Math.round(backMs)} ms`,
  )
  return {
    metrics: [
      metric(`profile change re-score, ${(stored ?? []).length.toLocaleString()} devices (${label})`, profileMs, 'ms', {
        max: TARGET_MS,
      }),
      metric(`full re-score: facts load + score + write (${label})`, fullMs, 'ms', { max: TARGET_MS }),
      metric(`pure scoring of ${facts.length.toLocaleString()} devices`, scoreMs, 'ms'),
      metric(`facts load (${label})`, loadMs, 'ms'),
      metric(`write ${rows.length.toLocaleString()} scores + snapshot (${label})`, writeMs, 'ms'),
      metric(`read ${(stored ?? []).length.toLocaleString()} stored readings (${label})`, readMs, 'ms'),
      metric(`weighted sums of ${(stored ?? []).length.toLocaleString()} readings (${label})`, dotMs, 'ms'),
    ],
    notes: [
      `${label}: a profile change re-scored from stored readings and wrote ${changed.length.toLocaleString()} changed scores`,
      `${label}: ${s.devices.toLocaleString()} devices scored — critical ${s.byBand.critical}, high ${s.byBand.high}, medium ${s.byBand.medium}, low ${s.byBand.low}; mean ${s.meanScore}`,
    ],
  }
}

/**
 * Re-scoring every device (issue 10 item 7: 100,000 devices in ≤ 2 s): the pure scoring alone, then the full
 * re-score as `POST /api/risk/rescore` runs it on SQLite (and PostgreSQL with MAMORI_BENCH_DATABASE_URL). Peak RSS
 * covers the seeding too.
 */
export async function run(ctx: BenchContext): Promise<BenchReport> {
  const metrics: Metric[] = []
  const notes: string[] = [
    `profile: ${DEFAULT_PROFILE.name}; ${DEVICES.toLocaleString()} synthetic devices (src/demo/hospital.ts)`,
  ]
  const sqlite = openStorage({ dataDir: ctx.tmpDir })
  await migrate(sqlite.db)
  const a = await measure(sqlite, 'SQLite', ctx)
  metrics.push(...a.metrics)
  notes.push(...a.notes)
  await sqlite.close()
  const url = process.env.MAMORI_BENCH_DATABASE_URL
  if (url) {
    const pg = openStorage({ dataDir: ctx.tmpDir, databaseUrl: url })
    await migrate(pg.db)
    // A database used before: remove what this benchmark seeds (the ledger cascades to scores and links).
    for (const table of [
      'vulnMatches',
      'epssScores',
      'kevEntries',
      'cves',
      'findings',
      'scans',
      'devices',
      'riskSnapshots',
      'riskProfiles',
    ] as const)
      await pg.db.deleteFrom(table).execute()
    const b = await measure(pg, 'PostgreSQL', ctx)
    metrics.push(...b.metrics)
    notes.push(...b.notes)
    await pg.close()
  }
  metrics.push(metric('peak RSS', peakRssMiB(), 'MiB'))
  return { metrics, notes }
}
