import type { Action } from '../../api/actions.js'
import type { BenchmarkPosition } from '../../api/benchmark.js'
import type { ChecklistView } from '../../api/checklist.js'
import type { DeviceRisk, RiskSummary, RiskTrendPoint } from '../../api/risk.js'
import { MamoriError } from '../../src/core/errors.js'
import type { AssessmentReaders } from '../../src/services/module-common.js'

/** Realistic reader data for the reports tests: what the risk, actions, checklist and benchmark modules answer. */

export function device(i: number, over: Partial<DeviceRisk> = {}): DeviceRisk {
  const score = Math.max(5, 92 - i * 7)
  return {
    deviceId: `dev-${i}`,
    siteId: 'site-1',
    assetTag: `ME-${String(i).padStart(4, '0')}`,
    name: i % 2 === 0 ? '輸液ポンプ' : '生体情報モニタ',
    manufacturer: 'Example Medical',
    model: `SP-${2000 + i}`,
    department: i % 2 === 0 ? 'ICU' : '手術部',
    location: `3F-${i}`,
    category: i % 2 === 0 ? 'infusion_pump' : 'patient_monitor',
    clinicalFunction: i % 2 === 0 ? 'therapy' : 'monitoring',
    score,
    band: score >= 80 ? 'critical' : score >= 60 ? 'high' : score >= 35 ? 'medium' : 'low',
    profileVersion: 1,
    scoredAt: '2026-12-02T06:00:00.000Z',
    contributions: [
      {
        factor: 'lifeCritical',
        group: 'clinicalImpact',
        points: 20,
        maxPoints: 20,
        observedJa: '生命維持に関わる',
        observedEn: 'life-critical',
        explanationJa: '止まると患者の命に関わります。',
        explanationEn: 'If it stops, a patient may die.',
      },
      {
        factor: 'cleartextServices',
        group: 'exposure',
        points: 12,
        maxPoints: 15,
        observedJa: 'Telnet 23/tcp が開いている',
        observedEn: 'Telnet 23/tcp open',
        explanationJa: 'パスワードが暗号化されずに流れます。',
        explanationEn: 'Passwords cross the network unencrypted.',
      },
      {
        factor: 'isolatedSegment',
        group: 'compensatingControls',
        points: -5,
        maxPoints: 10,
        observedJa: '隔離セグメント',
        observedEn: 'isolated segment',
        explanationJa: '接続元が限られています。',
        explanationEn: 'Only known sources can connect.',
      },
    ],
    headlineJa: `生命維持・Telnet 公開・KEV 該当 (${i})`,
    headlineEn: `life-critical, Telnet open, KEV (${i})`,
    ...over,
  }
}

export function action(i: number, over: Partial<Action> = {}): Action {
  return {
    id: `act-${i}`,
    siteId: 'site-1',
    kind: `scan:telnet-open-${i}`,
    titleJa: `${i + 1} 台の機器で Telnet を止める（対策 ${i}）`,
    titleEn: `Turn off Telnet on ${i + 1} devices (action ${i})`,
    detailJa: 'Telnet は暗号化されません。',
    detailEn: 'Telnet is not encrypted.',
    severity: 'high',
    knownExploited: i === 0,
    deviceCount: i + 1,
    findingCount: i + 2,
    topRiskBand: 'high',
    owner: i % 3 === 0 ? null : '臨床工学部 山田',
    dueOn: '2026-12-20',
    overdue: i === 1,
    status: i === 2 ? 'in_progress' : 'open',
    acceptance: null,
    closedAt: null,
    closedEvidence: null,
    createdAt: '2026-11-01T00:00:00.000Z',
    updatedAt: '2026-11-01T00:00:00.000Z',
    version: 1,
    ...over,
  }
}

export const summary = (n = 12): RiskSummary => ({
  devices: n,
  byBand: { critical: 2, high: 3, medium: 4, low: Math.max(0, n - 9) },
  meanScore: 47.5,
  profileVersion: 1,
  scoredAt: '2026-12-02T06:00:00.000Z',
})

export const trend = (): RiskTrendPoint[] =>
  Array.from({ length: 30 }, (_, i) => ({
    date: `2026-11-${String(i + 1).padStart(2, '0')}`,
    meanScore: 55 - i * 0.25,
    byBand: { critical: 4 - Math.floor(i / 10), high: 3, medium: 4, low: 2 },
  }))

export function checklistView(): ChecklistView {
  const item = (id: string, section: number, textJa: string, wording: 'original' | 'summary') => ({
    id,
    section,
    sectionTitleJa: '体制構築',
    sectionTitleEn: 'Organisation',
    textJa,
    textEn: `Item ${id} in English`,
    wording,
    target: section === 2 ? 'サーバ' : null,
    guidelineRefs: [],
    deadlineNote: null,
    crosswalk: { nistCsf: ['ID.AM-01'], hphCpg: [] },
  })
  const answer = (itemId: string, a: 'yes' | 'no' | null, targetOn: string | null = null) => ({
    itemId,
    answer: a,
    checkedOn: a ? '2026-11-20' : null,
    targetOn,
    responsible: a ? '情報システム課 佐藤' : null,
    note: a === 'no' ? '予算要求中' : null,
    attachments: [],
    answeredBy: a ? 'engineer' : null,
    answeredAt: a ? '2026-11-20T00:00:00.000Z' : null,
  })
  const rows = [
    {
      item: item('1-①', 1, '医療情報システム安全管理責任者を設置している。', 'original'),
      answer: answer('1-①', 'yes'),
      evidence: null,
    },
    {
      item: item('2-①', 2, 'サーバ、端末PC、ネットワーク機器の台帳管理を行っている。', 'summary'),
      answer: answer('2-①', 'yes'),
      evidence: {
        itemId: '2-①',
        suggestion: 'yes' as const,
        summaryJa: '台帳に 12 台が登録されています。',
        summaryEn: '12 devices are in the ledger.',
        facts: [{ labelJa: '台帳の機器数', labelEn: 'Devices in the ledger', value: '12' }],
        link: '/devices',
      },
    },
    {
      item: item('2-⑥', 2, '多要素認証を導入している。', 'summary'),
      answer: answer('2-⑥', 'no', '2027-03-31'),
      evidence: null,
    },
    {
      item: item('3-①', 3, 'インシデント発生時の連絡体制を整備している。', 'original'),
      answer: answer('3-①', null),
      evidence: null,
    },
  ]
  return {
    edition: {
      id: 'r7-hospital',
      form: 'hospital',
      fiscalYearJa: '令和7年度',
      titleJa: '医療機関におけるサイバーセキュリティ対策チェックリスト（医療機関確認用）',
      titleEn: 'MHLW cybersecurity checklist (hospital form)',
      builtIn: true,
      source: '厚生労働省 令和7年度版',
      loadedAt: null,
    },
    vendor: null,
    rows,
    completion: { total: 4, answered: 3, yes: 2, no: 1, overdue: 0 },
  }
}

export function position(suppressedOne = true): BenchmarkPosition {
  const base = {
    formulaJa: '式',
    formulaEn: 'formula',
    unit: 'percent' as const,
    betterWhen: 'higher' as const,
    value: 80,
    numerator: 8,
    denominator: 10,
    median: 70,
    p25: 50,
    p75: 85,
  }
  return {
    reportCreatedAt: '2026-11-30T00:00:00.000Z',
    cohortKey: 'all',
    cohortSize: 12,
    items: [
      {
        ...base,
        id: 'ownerAndLocation',
        titleJa: '所有者と設置場所の記入率',
        titleEn: 'Owner and location filled in',
        percentile: 72,
        suppressed: false,
      },
      {
        ...base,
        id: 'pastSupport',
        titleJa: 'サポート終了機器の割合',
        titleEn: 'Share past support',
        percentile: 35,
        suppressed: false,
      },
      {
        ...base,
        id: 'medianDaysHigh',
        titleJa: '重要な指摘を閉じるまでの日数（中央値）',
        titleEn: 'Median days to close high findings',
        percentile: null,
        median: null,
        suppressed: suppressedOne,
      },
    ],
  }
}

/** Fake readers over the data above (or an empty hospital). */
export function fakeReaders(opts: { empty?: boolean; benchmark?: BenchmarkPosition | null } = {}): AssessmentReaders {
  const devices = opts.empty ? [] : Array.from({ length: 12 }, (_, i) => device(i))
  const actions = opts.empty ? [] : Array.from({ length: 14 }, (_, i) => action(i))
  const sum = opts.empty
    ? {
        devices: 0,
        byBand: { critical: 0, high: 0, medium: 0, low: 0 },
        meanScore: 0,
        profileVersion: 1,
        scoredAt: null,
      }
    : summary(12)
  return {
    risk: {
      list: async (q) => ({
        items: devices.slice(q.offset, q.offset + q.limit),
        total: devices.length,
        limit: q.limit,
        offset: q.offset,
        profileVersion: 1,
      }),
      explain: async (id) => {
        const d = devices.find((x) => x.deviceId === id)
        if (!d) throw MamoriError.of('NOT_FOUND', { what: { en: 'Device', ja: '機器' }, id })
        return d
      },
      summary: async () => sum,
      trend: async () => (opts.empty ? [] : trend()),
      rescore: async () => sum,
    },
    actions: {
      list: async (q) => ({
        items: actions.slice(q.offset, q.offset + q.limit),
        total: actions.length,
        limit: q.limit,
        offset: q.offset,
        counts: { open: actions.length, overdue: actions.filter((a) => a.overdue).length, accepted: 0 },
      }),
      sync: async () => ({ created: 0, updated: 0, closed: 0, open: actions.length }),
    },
    checklist: {
      view: async () => {
        const v = checklistView()
        if (!opts.empty) return v
        return {
          ...v,
          rows: v.rows.map((r) => ({
            ...r,
            answer: { ...r.answer, answer: null, checkedOn: null, targetOn: null, responsible: null, note: null },
          })),
          completion: { total: 4, answered: 0, yes: 0, no: 0, overdue: 0 },
        }
      },
    },
    benchmark: {
      indicators: async () => [],
      position: async () => (opts.benchmark === undefined ? (opts.empty ? null : position()) : opts.benchmark),
    },
  }
}
