import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { RISK_FACTOR_IDS, type RiskFactor } from '../../../api/risk.js'
import { EXPLANATIONS } from './explanations.js'
import { type DeviceRiskFacts, disclosureFactsOf, emptyFacts } from './facts.js'
import { DEFAULT_PROFILE, type ScoringProfile } from './profile.js'
import { expandContributions, readFactors, rubricAdjustedCvss, scoreDevice } from './score.js'

/**
 * The risk model documented as tables (ADR 0033): one table per group of factors, facts in → points and the
 * Japanese/English observation out. Points are under the built-in profile (weights in profile.ts).
 */
const NOW = new Date('2026-12-02T09:00:00Z')
const PROFILE: ScoringProfile = { version: 1, ...DEFAULT_PROFILE, isolatedSegments: ['ME-VLAN'] }
const noDisclosure = disclosureFactsOf(new Map())

type Row = [what: string, facts: Partial<DeviceRiskFacts>, points: number, ja: string, en: string]

function check(factor: RiskFactor, rows: Row[]) {
  it.each(rows)(`${factor}: %s`, (_what, overrides, points, ja, en) => {
    const r = readFactors(emptyFacts(overrides), PROFILE, NOW).find((x) => x.factor === factor)!
    expect(r.points).toBe(points)
    expect(r.observed.ja).toContain(ja)
    expect(r.observed.en).toContain(en)
    // Every case has its plain-language explanation in both languages.
    expect(EXPLANATIONS[factor][r.case]?.ja).toMatch(/[ぁ-んァ-ン一-龥]/)
    expect(EXPLANATIONS[factor][r.case]?.en.length).toBeGreaterThan(10)
  })
}

describe('clinical impact', () => {
  check('patientProximity', [
    ['implanted', { patientProximity: 0 }, 12, '近接度 0(体内に植え込み)', 'proximity 0 (implanted)'],
    ['connected', { patientProximity: 1 }, 10.2, '患者に接続', 'connected to the patient'],
    ['measures nearby', { patientProximity: 2 }, 7.2, '近接度 2', 'proximity 2'],
    ['diagnosis, no contact', { patientProximity: 3 }, 3.6, '近接度 3', 'proximity 3'],
    ['not clinical', { patientProximity: 4 }, 0, '近接度 4', 'proximity 4'],
    ['not filled in: the middle', { patientProximity: null }, 6, '未記入', 'not filled in'],
  ])
  check('lifeCritical', [
    ['life-critical', { lifeCritical: true }, 10, '生命維持', 'life-critical'],
    ['not', { lifeCritical: false }, 0, '生命維持ではない', 'not life-critical'],
  ])
  check('clinicalFunction', [
    ['ventilator → therapy', { category: 'ventilator' }, 8, '治療', 'therapy'],
    ['patient monitor → monitoring', { category: 'patient_monitor' }, 6, '監視', 'monitoring'],
    ['CT → diagnosis', { category: 'ct' }, 4, '診断', 'diagnosis'],
    ['PACS → workflow', { category: 'pacs' }, 2.4, '診療業務', 'clinical workflow'],
    ['printer → IT', { category: 'printer', kind: 'network_device' }, 0, '一般 IT', 'general IT'],
    ['medical device "other" → monitoring', { category: 'other', kind: 'medical_device' }, 6, '監視', 'monitoring'],
  ])
  check('irreversibleHarm', [
    [
      'life-critical therapy',
      { category: 'ventilator', lifeCritical: true },
      5,
      '生命維持の治療機器',
      'life-critical therapy',
    ],
    ['therapy', { category: 'infusion_pump' }, 2.5, '治療機器', 'therapy device'],
    ['life-critical monitoring', { category: 'central_monitor', lifeCritical: true }, 2.5, '監視', 'monitoring'],
    ['diagnosis', { category: 'mri', lifeCritical: true }, 0, '取り戻せる', 'reversible'],
  ])
})

const seen = { lastSeenAt: '2026-11-30T00:00:00.000Z', hasAddresses: true }
const svc = (port: number, service: string | null = null) => ({ port, transport: 'tcp', service })

describe('exposure', () => {
  check('reachableServices', [
    ['never scanned', {}, 0, 'スキャン未観測', 'not seen by a scan'],
    ['seen, nothing open', { ...seen }, 0, '開いているポートなし', 'no open ports'],
    [
      '2 open ports',
      { ...seen, openServices: [svc(80), svc(443)] },
      2,
      '開いているポート 2 個(80/tcp 443/tcp)',
      '2 open port(s)',
    ],
    ['4 open ports', { ...seen, openServices: [svc(22), svc(80), svc(104), svc(443)] }, 3.5, '4 個', '4 open'],
    ['7 open ports', { ...seen, openServices: [1, 2, 3, 4, 5, 6, 7].map((p) => svc(p)) }, 5, '7 個', '7 open'],
  ])
  check('cleartextServices', [
    ['none', { ...seen, openServices: [svc(443, 'https')] }, 0, '平文の管理サービスなし', 'no cleartext'],
    ['Telnet port', { ...seen, openServices: [svc(23)] }, 4.2, 'Telnet', 'Telnet'],
    ['SMBv1 finding', { findingRules: ['smbv1-enabled'] }, 4.2, 'SMBv1', 'SMBv1'],
    [
      'Telnet and HTTP admin',
      { openServices: [svc(23, 'telnet')], findingRules: ['http-admin-without-tls', 'telnet-cleartext'] },
      6,
      'HTTP 管理画面・Telnet',
      'HTTP admin page, Telnet',
    ],
  ])
  check('flatNetwork', [
    ['no network at all', {}, 0, 'ネットワーク接続の記録なし', 'no network connection'],
    ['networked, segment not filled in', { hasAddresses: true }, 4, '区画 未記入', 'segment not filled in'],
    [
      'segment not isolated',
      { hasAddresses: true, networkSegment: 'OFFICE' },
      4,
      '区画 OFFICE',
      'not registered as isolated',
    ],
    ['isolated segment', { hasAddresses: true, networkSegment: 'ME-VLAN' }, 0, '隔離区画 ME-VLAN', 'isolated segment'],
  ])
  check('internetTraffic', [
    ['not observed yet', { internetTraffic: null }, 0, '未観測', 'not observed'],
    ['seen', { internetTraffic: true }, 2, 'インターネットとの通信あり', 'talks to the internet'],
    ['none', { internetTraffic: false }, 0, 'インターネット通信なし', 'no internet traffic'],
  ])
  check('remoteMaintenance', [
    ['ledger line', { connectionTypes: ['wired', 'remote_maintenance'] }, 3, 'リモート保守回線あり(台帳)', '(ledger)'],
    ['disclosure RMOT-1', { disclosure: { ...noDisclosure, remoteService: true } }, 3, 'RMOT-1', 'RMOT-1'],
    ['none', { connectionTypes: ['wired'] }, 0, 'リモート保守回線なし', 'no remote maintenance'],
  ])
  check('wireless', [
    [
      'Wi-Fi and Bluetooth',
      { connectionTypes: ['wifi', 'bluetooth'] },
      2,
      '無線: 無線LAN・Bluetooth',
      'Wi-Fi, Bluetooth',
    ],
    ['cellular', { connectionTypes: ['cellular'] }, 2, '携帯回線', 'cellular'],
    ['wired only', { connectionTypes: ['wired'] }, 0, '無線接続なし', 'no wireless'],
  ])
})

describe('exploitability', () => {
  check('openFindings', [
    ['none', {}, 0, '未対応の指摘なし', 'no open findings'],
    ['one critical', { findings: { critical: 1, high: 0, medium: 0, low: 0 } }, 3.2, '緊急 1', 'critical 1'],
    [
      'two high, one medium',
      { findings: { critical: 0, high: 2, medium: 1, low: 0 } },
      4.8,
      '高 2・中 1',
      'high 2, medium 1',
    ],
    [
      'many: capped at the weight',
      { findings: { critical: 3, high: 0, medium: 0, low: 0 } },
      8,
      '緊急 3',
      'critical 3',
    ],
  ])
  check('knownExploited', [
    ['in KEV', { kevCves: ['CVE-2017-0144'] }, 7, '悪用が確認された脆弱性 1 件(CVE-2017-0144)', 'known exploited'],
    ['not in KEV', {}, 0, 'KEV 該当なし', 'no KEV'],
  ])
  check('epss', [
    ['none', {}, 0, 'EPSS なし', 'no EPSS'],
    ['97%', { maxEpss: { cve: 'CVE-2017-0144', score: 0.97 } }, 4, 'EPSS 最大 97.0%', 'highest EPSS 97.0%'],
    ['20%', { maxEpss: { cve: 'CVE-1', score: 0.2 } }, 2.8, '20.0%', '20.0%'],
    ['2%', { maxEpss: { cve: 'CVE-1', score: 0.02 } }, 1.2, '2.0%', '2.0%'],
    ['0.1%', { maxEpss: { cve: 'CVE-1', score: 0.001 } }, 0, '0.1%', '0.1%'],
  ])
  const v = 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N' // 7.5
  check('cvss', [
    ['none', {}, 0, '該当する脆弱性なし', 'no affected vulnerability'],
    [
      'IT device: the base score',
      { category: 'printer', kind: 'network_device', cvss: { cve: 'CVE-1', score: 7.5, vector: v } },
      3,
      'CVSS 7.5(CVE-1)',
      'CVSS 7.5 (CVE-1)',
    ],
    [
      'therapy: rubric raises I and A',
      { category: 'infusion_pump', cvss: { cve: 'CVE-1', score: 7.5, vector: v } },
      3.9,
      'CVSS 7.5 → 9.8(医療機器として補正 I:N→H A:N→H',
      'adjusted for clinical use I:N→H A:N→H',
    ],
    [
      'no vector: the score as given',
      { category: 'ventilator', cvss: { cve: 'CVE-1', score: 5, vector: null } },
      2,
      'CVSS 5.0',
      'CVSS 5.0',
    ],
  ])
  check('publicExploit', [
    ['unknown', { publicExploit: null }, 0, '情報なし', 'no exploit information'],
    [
      'ransomware',
      { publicExploit: true, ransomwareCves: ['CVE-2017-0144'] },
      2,
      'ランサムウェアで悪用',
      'used by ransomware',
    ],
    ['public exploit', { publicExploit: true }, 2, '攻撃コードが公開', 'public exploit exists'],
  ])
})

describe('supportability', () => {
  check('osEndOfSupport', [
    ['Windows 7', { os: 'Windows 7', osVersion: 'SP1' }, 4, 'サポート終了の OS(Windows 7 SP1)', 'OS out of support'],
    ['Windows XP Embedded', { os: 'Windows XP Embedded' }, 4, 'サポート終了', 'out of support'],
    ['Windows 10', { os: 'Windows 10' }, 0, 'OS Windows 10', 'OS Windows 10'],
    ['not filled in', {}, 0, 'OS 未記入', 'OS not filled in'],
  ])
  check('manufacturerSupportEnded', [
    ['ended', { supportEnd: '2025-03-31' }, 3, '製造業者の保守終了 2025-03-31', 'support ended 2025-03-31'],
    ['still supported', { supportEnd: '2030-03-31' }, 0, '保守終了予定 2030-03-31', 'supported until'],
    ['not filled in', {}, 0, '未記入', 'not filled in'],
  ])
  check('serviceLifePassed', [
    ['passed', { serviceLifeEnd: '2024-12-31' }, 2, '耐用期限切れ 2024-12-31', 'service life ended'],
    ['within', { serviceLifeEnd: '2031-12-31' }, 0, '耐用期限 2031-12-31', 'service life until'],
  ])
  check('notPatchable', [
    ['no disclosure', {}, 0, '開示資料(MDS2 など)なし', 'no disclosure'],
    [
      'only the manufacturer patches (CSUP-2.2 yes)',
      { disclosure: disclosureFactsOf(new Map([['CSUP-2.2', 'yes']])) },
      3,
      '病院ではパッチを適用できない',
      'cannot apply patches',
    ],
    [
      'the hospital patches (CSUP-2.1 yes)',
      { disclosure: disclosureFactsOf(new Map([['CSUP-2.1', 'yes']])) },
      0,
      '病院でパッチを適用できる',
      'can apply patches',
    ],
    ['not answered', { disclosure: noDisclosure }, 0, '回答なし', 'not answered'],
  ])
})

describe('compensating controls (subtract)', () => {
  check('isolatedSegment', [
    ['isolated segment', { networkSegment: 'ME-VLAN' }, -10, '隔離区画 ME-VLAN に設置', 'in isolated segment ME-VLAN'],
    ['other segment', { networkSegment: 'OFFICE' }, 0, '隔離区画ではない', 'not in an isolated segment'],
  ])
  check('allowListedRemoteMaintenance', [
    [
      'tagged',
      { connectionTypes: ['remote_maintenance'], tags: ['remote-allowlisted'] },
      -3,
      'タグ「remote-allowlisted」',
      'allow-listed',
    ],
    [
      'hospital starts sessions (RMOT-1.1)',
      { connectionTypes: ['remote_maintenance'], disclosure: { ...noDisclosure, hospitalStartsRemote: true } },
      -1.5,
      'RMOT-1.1',
      'RMOT-1.1',
    ],
    [
      'remote, no allow-list',
      { connectionTypes: ['remote_maintenance'] },
      0,
      '限定が記録されていない',
      'no allow-list',
    ],
    ['no remote maintenance', { tags: ['remote-allowlisted'] }, 0, 'リモート保守なし', 'no remote maintenance'],
  ])
  check('declaredControls', [
    [
      'malware protection, audit log, authentication',
      {
        disclosure: disclosureFactsOf(
          new Map([
            ['MLDP-2.1', 'yes'],
            ['AUDT-1', 'yes'],
            ['AUTH-1', 'yes'],
          ]),
        ),
      },
      -4,
      'マルウェア対策・監査ログ・ログイン認証',
      'malware protection, audit log, authentication',
    ],
    ['audit log only', { disclosure: disclosureFactsOf(new Map([['AUDT-1', 'yes']])) }, -1.3, '監査ログ', 'audit log'],
    ['none', {}, 0, '宣言された対策なし', 'no controls declared'],
  ])
})

describe('uncertainty', () => {
  check('unidentified', [
    ['confirmed', { identification: { state: 'confirmed', confidence: 1 } }, 0, '確認済み', 'confirmed'],
    [
      'suggested 90%',
      { identification: { state: 'suggested', confidence: 0.9 } },
      1.5,
      '候補あり(確からしさ 90%)',
      '90% confidence',
    ],
    ['suggested 40%', { identification: { state: 'suggested', confidence: 0.4 } }, 3, '不確か(40%)', 'uncertain (40%)'],
    ['no model', {}, 3, '特定されていない', 'not identified'],
  ])
  check('notSeenRecently', [
    ['seen 2 days ago', { lastSeenAt: '2026-11-30T09:00:00.000Z' }, 0, '2 日前に観測', 'seen 2 days ago'],
    ['last seen 120 days ago', { lastSeenAt: '2026-08-04T09:00:00.000Z' }, 3, '120 日前', '120 days ago'],
    ['addresses, never seen', { hasAddresses: true }, 3, '一度も観測されていない', 'never seen'],
    ['no address, never seen', {}, 0, 'アドレス未記入', 'no address'],
  ])
})

it('documents every factor in the tables above', () => {
  // A new factor without explanations fails here before it ships.
  for (const f of RISK_FACTOR_IDS) expect(Object.keys(EXPLANATIONS[f]).length).toBeGreaterThan(1)
})

describe('scoreDevice', () => {
  const sameExposure: Partial<DeviceRiskFacts> = {
    ...seen,
    openServices: [svc(23, 'telnet'), svc(80, 'http')],
    findingRules: ['telnet-cleartext'],
    findings: { critical: 0, high: 1, medium: 0, low: 0 },
    networkSegment: 'OFFICE',
  }
  it('ranks by patient impact: a life-critical ventilator on proximity 1 above a lab PC with the same ports and findings', () => {
    const vent = scoreDevice(
      emptyFacts({ ...sameExposure, category: 'ventilator', patientProximity: 1, lifeCritical: true }),
      PROFILE,
      NOW,
    )
    const pc = scoreDevice(
      emptyFacts({ ...sameExposure, kind: 'pc', category: 'workstation', patientProximity: 4 }),
      PROFILE,
      NOW,
    )
    expect(vent.score).toBeGreaterThan(pc.score)
    expect(vent.band).toBe('high')
    expect(vent.headlineJa).toBe('患者に接続・生命維持・Telnet 公開・重大な指摘 1 件')
    expect(vent.headlineEn).toContain('life-critical')
    expect(pc.headlineJa).toContain('Telnet 公開')
  })

  it('lists non-zero contributions, largest first, with explanations; compact form expands to the same', () => {
    const s = scoreDevice(emptyFacts({ ...sameExposure, category: 'infusion_pump', patientProximity: 1 }), PROFILE, NOW)
    expect(s.contributions.every((c) => c.points !== 0)).toBe(true)
    for (let i = 1; i < s.contributions.length; i++)
      expect(Math.abs(s.contributions[i - 1]!.points)).toBeGreaterThanOrEqual(Math.abs(s.contributions[i]!.points))
    expect(expandContributions(s.compact)).toEqual(s.contributions)
    expect(s.contributions[0]).toMatchObject({
      factor: 'patientProximity',
      group: 'clinicalImpact',
      points: 10.2,
      maxPoints: 12,
    })
  })

  it('says nothing stands out for a quiet device', () => {
    const s = scoreDevice(
      emptyFacts({
        kind: 'pc',
        category: 'workstation',
        patientProximity: 4,
        identification: { state: 'confirmed', confidence: 1 },
      }),
      PROFILE,
      NOW,
    )
    expect(s).toMatchObject({ score: 0, band: 'low', headlineJa: '目立つ要因なし', headlineEn: 'nothing stands out' })
  })

  it('adjusts CVSS with the rubric only upwards and memoises', () => {
    const v = 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H'
    expect(rubricAdjustedCvss(v, 7.5, 'it', false, false)).toEqual({ score: 7.5, raised: [] })
    expect(rubricAdjustedCvss(v, 7.5, 'diagnosis', false, true)).toEqual({ score: 9.8, raised: ['C:N→H', 'I:N→H'] })
    expect(
      rubricAdjustedCvss('CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:L/SC:N/SI:N/SA:N', 6.9, 'therapy', true, false)
        .raised,
    ).toEqual(['VI:N→H', 'VA:L→H'])
    expect(rubricAdjustedCvss('garbage', 5, 'therapy', true, true)).toEqual({ score: 5, raised: [] })
  })
})

/** Facts drawn from every factor's range (seeded: the same runs on every machine). */
const factsArb: fc.Arbitrary<DeviceRiskFacts> = fc
  .record({
    category: fc.constantFrom('ventilator', 'patient_monitor', 'ct', 'pacs', 'printer', 'other'),
    kind: fc.constantFrom('medical_device', 'pc'),
    patientProximity: fc.option(fc.integer({ min: 0, max: 4 })),
    lifeCritical: fc.boolean(),
    ports: fc.array(fc.integer({ min: 1, max: 65535 }), { maxLength: 10 }),
    rules: fc.subarray(['telnet-cleartext', 'smbv1-enabled', 'undeclared-open-port']),
    crit: fc.nat(4),
    high: fc.nat(6),
    kev: fc.boolean(),
    epss: fc.option(fc.double({ min: 0, max: 1, noNaN: true })),
    cvss: fc.option(fc.double({ min: 0, max: 10, noNaN: true })),
    segment: fc.constantFrom(null, 'ME-VLAN', 'OFFICE'),
    conn: fc.subarray(['wired', 'wifi', 'remote_maintenance']),
    tags: fc.subarray(['remote-allowlisted']),
    os: fc.constantFrom(null, 'Windows 7', 'Windows 11'),
    supportEnd: fc.constantFrom(null, '2020-01-01', '2030-01-01'),
    lastSeen: fc.constantFrom(null, '2026-12-01T00:00:00Z', '2025-01-01T00:00:00Z'),
    controls: fc.subarray(['MLDP-2.1', 'AUDT-1', 'AUTH-1', 'CSUP-2.2', 'RMOT-1.1']),
    disclosure: fc.boolean(),
  })
  .map((r) =>
    emptyFacts({
      category: r.category,
      kind: r.kind,
      patientProximity: r.patientProximity,
      lifeCritical: r.lifeCritical,
      hasAddresses: true,
      openServices: r.ports.map((p) => svc(p)),
      findingRules: r.rules,
      findings: { critical: r.crit, high: r.high, medium: 0, low: 0 },
      kevCves: r.kev ? ['CVE-1'] : [],
      maxEpss: r.epss === null ? null : { cve: 'CVE-1', score: r.epss },
      cvss: r.cvss === null ? null : { cve: 'CVE-1', score: r.cvss, vector: null },
      networkSegment: r.segment,
      connectionTypes: r.conn,
      tags: r.tags,
      os: r.os,
      supportEnd: r.supportEnd,
      lastSeenAt: r.lastSeen,
      disclosure: r.disclosure ? disclosureFactsOf(new Map(r.controls.map((c) => [c, 'yes']))) : null,
    }),
  )

describe('properties (seeded)', () => {
  const params = { seed: 20261202, numRuns: 500 }

  it('the score is an integer 0–100 and the contributions sum to it before clamping', () => {
    fc.assert(
      fc.property(factsArb, (f) => {
        const s = scoreDevice(f, PROFILE, NOW)
        const sum = s.contributions.reduce((n, c) => n + Math.round(c.points * 10), 0) / 10
        expect(Number.isInteger(s.score)).toBe(true)
        expect(s.score).toBeGreaterThanOrEqual(0)
        expect(s.score).toBeLessThanOrEqual(100)
        expect(s.score).toBe(Math.max(0, Math.min(100, Math.round(sum))))
        for (const c of s.contributions) expect(Math.abs(c.points)).toBeLessThanOrEqual(c.maxPoints)
      }),
      params,
    )
  })

  it('is monotone in proximity: closer to the patient never scores lower', () => {
    fc.assert(
      fc.property(factsArb, fc.integer({ min: 0, max: 3 }), (f, p) => {
        const closer = scoreDevice({ ...f, patientProximity: p }, PROFILE, NOW).score
        const farther = scoreDevice({ ...f, patientProximity: p + 1 }, PROFILE, NOW).score
        expect(closer).toBeGreaterThanOrEqual(farther)
      }),
      params,
    )
  })

  it('is deterministic: the same facts, profile and day give the same result', () => {
    fc.assert(
      fc.property(factsArb, (f) => {
        expect(scoreDevice(f, PROFILE, NOW)).toEqual(scoreDevice(structuredClone(f), PROFILE, NOW))
      }),
      { ...params, numRuns: 100 },
    )
  })
})
