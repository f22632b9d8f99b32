import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { RISK_FACTOR_IDS } from '../../../api/risk.js'
import { type DeviceRiskFacts, disclosureFactsOf, emptyFacts } from './facts.js'
import { DEFAULT_PROFILE, type ScoringProfile } from './profile.js'
import { type DeviceReadings, explainReadings, prepareProfile, readingsOf, scoreOfReadings } from './readings.js'
import { scoreDevice } from './score.js'

/**
 * Stored readings stand for the facts (ADR 0033): a device scored from the readings taken once — under the profile
 * of the day or any later one — gets exactly the score, band, contributions (words included) and headline that
 * scoring its facts directly gives. Seeded, so every machine runs the same cases.
 */
const NOW = new Date('2026-12-02T09:00:00Z')
const BASE: ScoringProfile = { version: 1, ...DEFAULT_PROFILE, isolatedSegments: ['ME-VLAN'] }

const factsArb: fc.Arbitrary<DeviceRiskFacts> = fc
  .record({
    category: fc.constantFrom('ventilator', 'infusion_pump', 'patient_monitor', 'ct', 'pacs', 'printer', 'other'),
    kind: fc.constantFrom('medical_device', 'pc'),
    patientProximity: fc.option(fc.integer({ min: 0, max: 4 })),
    lifeCritical: fc.boolean(),
    ports: fc.array(fc.integer({ min: 1, max: 65535 }), { maxLength: 10 }),
    rules: fc.subarray(['telnet-cleartext', 'smbv1-enabled', 'ftp-cleartext', 'undeclared-open-port']),
    crit: fc.nat(4),
    high: fc.nat(6),
    low: fc.nat(3),
    kev: fc.boolean(),
    epss: fc.option(fc.double({ min: 0, max: 1, noNaN: true })),
    cvss: fc.option(fc.double({ min: 0, max: 10, noNaN: true })),
    vector: fc.constantFrom(null, 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:L/A:N'),
    segment: fc.constantFrom(null, '', 'ME-VLAN', 'OFFICE', 'LAB'),
    conn: fc.subarray(['wired', 'wifi', 'bluetooth', 'remote_maintenance']),
    addresses: fc.boolean(),
    tags: fc.subarray(['remote-allowlisted']),
    os: fc.constantFrom(null, 'Windows 7', 'Windows 11'),
    supportEnd: fc.constantFrom(null, '2020-01-01', '2030-01-01'),
    serviceLifeEnd: fc.constantFrom(null, '2021-04-01', '2031-04-01'),
    lastSeen: fc.constantFrom(null, '2026-12-01T00:00:00Z', '2026-10-20T12:00:00Z', '2025-01-01T00:00:00Z'),
    identification: fc.constantFrom<DeviceRiskFacts['identification']>(
      { state: null, confidence: null },
      { state: 'confirmed', confidence: null },
      { state: 'suggested', confidence: 0.9 },
      { state: 'suggested', confidence: 0.4 },
    ),
    controls: fc.subarray(['MLDP-2.1', 'AUDT-1', 'AUTH-1', 'CSUP-2.2', 'RMOT-1', 'RMOT-1.1', 'MPII-1']),
    disclosure: fc.boolean(),
  })
  .map((r) =>
    emptyFacts({
      category: r.category,
      kind: r.kind,
      patientProximity: r.patientProximity,
      lifeCritical: r.lifeCritical,
      hasAddresses: r.addresses,
      openServices: r.ports.map((port) => ({ port, transport: 'tcp', service: null })),
      findingRules: r.rules,
      findings: { critical: r.crit, high: r.high, medium: 0, low: r.low },
      kevCves: r.kev ? ['CVE-2024-0001'] : [],
      maxEpss: r.epss === null ? null : { cve: 'CVE-2024-0001', score: r.epss },
      cvss: r.cvss === null ? null : { cve: 'CVE-2024-0001', score: r.cvss, vector: r.vector },
      networkSegment: r.segment,
      connectionTypes: r.conn,
      tags: r.tags,
      os: r.os,
      supportEnd: r.supportEnd,
      serviceLifeEnd: r.serviceLifeEnd,
      lastSeenAt: r.lastSeen,
      identification: r.identification,
      disclosure: r.disclosure ? disclosureFactsOf(new Map(r.controls.map((c) => [c, 'yes']))) : null,
    }),
  )

/** Any weights (scoring does not validate; the service does), segments and staleness. */
const profileArb: fc.Arbitrary<ScoringProfile> = fc
  .record({
    weights: fc.array(fc.integer({ min: 0, max: 25 }), {
      minLength: RISK_FACTOR_IDS.length,
      maxLength: RISK_FACTOR_IDS.length,
    }),
    isolated: fc.subarray(['ME-VLAN', 'OFFICE', 'LAB']),
    stale: fc.integer({ min: 1, max: 120 }),
  })
  .map((r) => ({
    ...BASE,
    version: 2,
    weights: Object.fromEntries(RISK_FACTOR_IDS.map((f, i) => [f, r.weights[i]!])),
    isolatedSegments: r.isolated,
    staleAfterDays: r.stale,
  }))

/** Readings as they come back from the database (JSON columns). */
const stored = (r: DeviceReadings): DeviceReadings => JSON.parse(JSON.stringify(r))

describe('readings (seeded)', () => {
  const params = { seed: 20261202, numRuns: 400 }

  it('score and explanation from readings equal scoring the facts, under the profile of the day', () => {
    fc.assert(
      fc.property(factsArb, (f) => {
        const direct = scoreDevice(f, BASE, NOW)
        const r = stored(readingsOf(f, '2026-12-02', NOW))
        const e = explainReadings(r, BASE, NOW)
        expect(e).toEqual({
          score: direct.score,
          band: direct.band,
          contributions: direct.contributions,
          headlineJa: direct.headlineJa,
          headlineEn: direct.headlineEn,
        })
        expect(r.clinicalFunction).toBe(direct.clinicalFunction)
      }),
      params,
    )
  })

  it('a new profile re-scores from the stored readings exactly as from the facts', () => {
    fc.assert(
      fc.property(factsArb, profileArb, (f, profile) => {
        const r = stored(readingsOf(f, '2026-12-02', NOW))
        const later = new Date(NOW.getTime() + 3_600_000)
        const direct = scoreDevice(f, profile, later)
        const score = scoreOfReadings(
          r.fractions,
          r.networkSegment,
          r.lastSeenAt === null ? null : Date.parse(r.lastSeenAt),
          r.networked,
          r.hasAddresses,
          prepareProfile(profile),
          later.getTime(),
        )
        expect(score).toBe(direct.score)
        const e = explainReadings(r, profile, later)
        expect([e.score, e.band, e.contributions, e.headlineJa, e.headlineEn]).toEqual([
          direct.score,
          direct.band,
          direct.contributions,
          direct.headlineJa,
          direct.headlineEn,
        ])
      }),
      params,
    )
  })

  it('keeps texts only for factors that saw something, and no profile-dependent factor', () => {
    const r = readingsOf(
      emptyFacts({ category: 'ventilator', lifeCritical: true, patientProximity: 1, networkSegment: 'ME-VLAN' }),
      '2026-12-02',
      NOW,
    )
    expect(r.texts.map((t) => RISK_FACTOR_IDS[t[0]])).toEqual([
      'patientProximity',
      'lifeCritical',
      'clinicalFunction',
      'irreversibleHarm',
      'unidentified',
    ])
    expect(r.texts[0]).toEqual([
      0,
      'level1',
      '近接度 1(患者に接続・接触)',
      'proximity 1 (connected to the patient)',
      '患者に接続',
      'connected to the patient',
    ])
    expect(r.networkSegment).toBe('ME-VLAN')
  })
})
