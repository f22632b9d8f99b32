/**
 * Warnings of the continuity plan (one test per code, device_without_plan aggregated per service), the seed proposal
 * from a small ledger, and the default device plans by category (never power off a life-supporting device).
 */
import { describe, expect, it } from 'vitest'
import { BCP_WARNING_CODES } from '../../api/bcp.js'
import { defaultPlan } from '../../src/core/bcp/default-plans.js'
import { ContinuityGraph } from '../../src/core/bcp/graph.js'
import { proposeServices, type SeedDevice } from '../../src/core/bcp/seed.js'
import { planWarnings, serviceWarnings, type WarnService } from '../../src/core/bcp/warnings.js'

const complete: WarnService = {
  id: 's',
  name: '輸液療法',
  owner: '臨床工学部',
  decider: '看護師長',
  maxDowntimeMinutes: 30,
  fallbackJa: '紙の投与記録',
  fallbackEn: '',
  dependencies: [],
}
const devices = [
  ...Array.from({ length: 300 }, (_, i) => ({
    id: `p${i}`,
    assetTag: `PUMP-${i}`,
    name: 'ポンプ',
    segment: 'WARD',
    status: 'in_use',
  })),
  { id: 'old', assetTag: 'OLD-1', name: '旧サーバ', segment: 'SRV', status: 'decommissioned' },
]
const g = new ContinuityGraph({ services: [], devices, parties: [], edges: [] })
const codes = (ws: { code: string }[]) => ws.map((w) => w.code)

describe('warnings', () => {
  it('a complete service with planned devices has none', () => {
    expect(
      serviceWarnings(g, { ...complete, dependencies: [{ target: { kind: 'device', id: 'p1' } }] }, () => true),
    ).toEqual([])
  })

  it('names a missing owner, decider, MTD and fallback', () => {
    const ws = serviceWarnings(
      g,
      { ...complete, owner: null, decider: null, maxDowntimeMinutes: null, fallbackJa: '', fallbackEn: '' },
      () => true,
    )
    expect(codes(ws)).toEqual(['no_owner', 'no_decider', 'no_max_downtime', 'no_fallback'])
    expect(ws[0]?.messageJa).toContain('輸液療法')
    expect(ws[0]?.nodes).toEqual([{ kind: 'service', id: 's' }])
  })

  it('flags a decommissioned device and a node that no longer exists', () => {
    const ws = serviceWarnings(
      g,
      {
        ...complete,
        dependencies: [
          { target: { kind: 'device', id: 'old' } },
          { target: { kind: 'device', id: 'gone' } },
          { target: { kind: 'segment', id: 'NO-DEVICE-NAMES-ME' } },
        ],
      },
      () => true,
    )
    expect(codes(ws)).toEqual(['retired_dependency', 'unknown_dependency'])
    expect(ws[0]?.messageEn).toContain('旧サーバ OLD-1')
    expect(ws[1]?.nodes).toContainEqual({ kind: 'device', id: 'gone' })
    expect(ws[1]?.nodes).toContainEqual({ kind: 'segment', id: 'NO-DEVICE-NAMES-ME' })
  })

  it('aggregates 300 devices without a plan into one warning per service', () => {
    const ws = serviceWarnings(
      g,
      {
        ...complete,
        dependencies: devices.slice(0, 300).map((d) => ({ target: { kind: 'device' as const, id: d.id } })),
      },
      (id) => id === 'p0',
    )
    expect(codes(ws)).toEqual(['device_without_plan'])
    expect(ws[0]?.messageJa).toContain('299 台')
    expect(ws[0]?.messageEn).toContain('and 294 more')
  })

  it('names cycles and vendors without a 24 h contact; every code is covered', () => {
    const cyc = new ContinuityGraph({
      services: [
        { ...complete, id: 'a', name: 'A', nameEn: 'A', criticality: 'high' },
        { ...complete, id: 'b', name: 'B', nameEn: 'B', criticality: 'high' },
      ],
      devices: [],
      parties: [],
      edges: [
        { sourceKind: 'service', sourceId: 'a', target: { kind: 'service', id: 'b' }, strength: 'hard' },
        { sourceKind: 'service', sourceId: 'b', target: { kind: 'service', id: 'a' }, strength: 'soft' },
      ],
    })
    const ws = planWarnings(cyc, [
      { id: 'v', name: 'PACS 保守', kind: 'vendor', contact24h: '' },
      { id: 'c', name: 'クラウド', kind: 'cloud', contact24h: '' },
      { id: 'w', name: 'モニタ保守', kind: 'vendor', contact24h: '0120-000-301' },
    ])
    expect(codes(ws)).toEqual(['dependency_cycle', 'party_without_contact'])
    expect(ws[0]?.messageJa).toMatch(/A → B → A|B → A → B/)
    expect(ws[1]?.nodes).toEqual([{ kind: 'party', id: 'v' }])
    // Every code this file tests exists in the contract, and every contract code is tested above.
    expect([...BCP_WARNING_CODES].sort()).toEqual(
      [
        'dependency_cycle',
        'no_owner',
        'no_decider',
        'no_max_downtime',
        'no_fallback',
        'retired_dependency',
        'unknown_dependency',
        'device_without_plan',
        'party_without_contact',
      ].sort(),
    )
  })
})

describe('seed proposal', () => {
  const d = (id: string, category: string, department: string, segment: string, extra: Partial<SeedDevice> = {}) => ({
    id,
    category,
    department,
    segment,
    name: null,
    model: null,
    status: 'in_use',
    ...extra,
  })
  const ledger: SeedDevice[] = [
    d('m1', 'patient_monitor', 'ICU（集中治療室）', 'ICU-NET'),
    d('cm', 'central_monitor', 'ICU（集中治療室）', 'ICU-NET'),
    d('w1', 'patient_monitor', '内科病棟 3F', 'WARD-NET'),
    d('ip', 'infusion_pump', '内科病棟 3F', 'WIFI'),
    d('ct', 'ct', '放射線部', 'DICOM'),
    d('us', 'ultrasound', 'ICU（集中治療室）', 'ICU-NET'),
    d('pacs', 'pacs', '放射線部', 'DICOM'),
    d('emr', 'his_emr', '医療情報部', 'CORE'),
    d('pc', 'his_emr', '内科病棟 3F', 'WARD-NET'),
    d('lab', 'lab_analyzer', '臨床検査部', 'LAB'),
    d('lis', 'server', '臨床検査部', 'CORE', { name: 'LIS サーバ' }),
    d('vent', 'ventilator', 'ICU（集中治療室）', 'ICU-NET', { status: 'decommissioned' }),
  ]
  const p = proposeServices(ledger)
  const byKey = new Map(p.map((s) => [s.seedKey, s]))

  it('proposes the services the ledger supports, with MTD left for a person', () => {
    expect([...byKey.keys()].sort()).toEqual(
      ['seed:ehr', 'seed:icu-monitoring', 'seed:imaging', 'seed:infusion', 'seed:lab-results'].sort(),
    )
    for (const s of p) {
      expect(s.maxDowntimeMinutes).toBeNull()
      expect(s.fallbackJa.length).toBeGreaterThan(10)
      expect(s.fallbackEn.length).toBeGreaterThan(10)
    }
    expect(byKey.get('seed:icu-monitoring')?.fallbackJa).toContain('紙の記録用紙')
  })

  it('ICU monitoring takes ICU monitors only; its segment is a hard dependency', () => {
    const icu = byKey.get('seed:icu-monitoring')!
    expect(icu.dependencies.map((x) => `${x.target.kind}:${x.target.id}:${x.strength}`)).toEqual([
      'device:m1:hard',
      'device:cm:hard',
      'segment:ICU-NET:hard',
    ])
    expect(icu.reasonJa).toContain('patient_monitor 1 台')
  })

  it('servers are hard, ward terminals and a portable ultrasound soft; decommissioned devices are left out', () => {
    const ehr = byKey.get('seed:ehr')!
    expect(ehr.dependencies.filter((x) => x.target.kind === 'device').map((x) => [x.target.id, x.strength])).toEqual([
      ['emr', 'hard'],
      ['pc', 'soft'],
    ])
    const img = byKey.get('seed:imaging')!
    expect(img.dependencies.find((x) => x.target.id === 'us')?.strength).toBe('soft')
    expect(img.dependencies.find((x) => x.target.id === 'ICU-NET')?.strength).toBe('soft')
    expect(img.dependencies.find((x) => x.target.id === 'pacs')?.strength).toBe('hard')
    expect(byKey.get('seed:lab-results')?.dependencies.map((x) => x.target.id)).toContain('lis')
    expect(byKey.has('seed:ventilation')).toBe(false)
  })
})

describe('default device plans', () => {
  it('life support: unplug the network, never power off', () => {
    const v = defaultPlan('ventilator')
    expect(v.isolationJa).toContain('LAN ケーブルを抜く')
    expect(v.isolationJa).toContain('絶対に電源を切らない')
    expect(v.isolationEn).toContain('never power it off')
    expect(defaultPlan('other', true).isolationJa).toContain('絶対に電源を切らない')
  })

  it('monitors re-associate with the central station; every plan checks the clock and has validation steps', () => {
    expect(defaultPlan('patient_monitor').recoveryStepsJa[0]).toContain('再アソシエーション')
    expect(defaultPlan('patient_monitor').validationJa.join()).toContain('アラーム試験')
    expect(defaultPlan('lab_analyzer').validationEn.join()).toContain('known values')
    for (const c of ['ventilator', 'infusion_pump', 'ct', 'pacs', 'lab_analyzer', 'workstation', 'switch', 'other']) {
      const p = defaultPlan(c)
      expect(p.recoveryStepsJa.join()).toContain('NTP')
      expect(p.recoveryStepsJa).toHaveLength(p.recoveryStepsEn.length)
      expect(p.validationJa).toHaveLength(p.validationEn.length)
      expect(p.validationJa.length).toBeGreaterThan(0)
    }
  })

  it('hands out copies (editing one plan does not change the next default)', () => {
    defaultPlan('ct').recoveryStepsJa.push('x')
    expect(defaultPlan('ct').recoveryStepsJa).not.toContain('x')
  })
})
