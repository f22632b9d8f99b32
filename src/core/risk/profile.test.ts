import { describe, expect, it } from 'vitest'
import { RISK_FACTOR_IDS } from '../../../api/risk.js'
import { bandOf, DEFAULT_PROFILE, FACTOR_GROUP, validateProfile } from './profile.js'

const base = { weights: { ...DEFAULT_PROFILE.weights }, bands: { ...DEFAULT_PROFILE.bands } }

describe('validateProfile', () => {
  it('accepts the built-in profile: every factor weighted, non-control weights add up to 100', () => {
    expect(validateProfile(base)).toEqual([])
    expect(Object.keys(DEFAULT_PROFILE.weights).sort()).toEqual([...RISK_FACTOR_IDS].sort())
    const sum = RISK_FACTOR_IDS.filter((f) => FACTOR_GROUP[f] !== 'compensatingControls').reduce(
      (n, f) => n + DEFAULT_PROFILE.weights[f]!,
      0,
    )
    expect(sum).toBe(100)
  })

  it.each([
    [
      'an unknown factor',
      { weights: { ...base.weights, colourOfCase: 1 } },
      'weights.colourOfCase',
      '「colourOfCase」という要因はありません',
      'Unknown factor "colourOfCase"',
    ],
    [
      'a missing factor',
      { weights: Object.fromEntries(Object.entries(base.weights).filter(([k]) => k !== 'wireless')) },
      'weights.wireless',
      '要因 wireless の重みがありません',
      'The factor wireless has no weight',
    ],
    [
      'weights not adding up (the sum is said)',
      { weights: { ...base.weights, lifeCritical: 20 } },
      'weights',
      '現在の合計は 110 です',
      'they add up to 110',
    ],
    [
      'a control above 50',
      { weights: { ...base.weights, isolatedSegment: 60 } },
      'weights.isolatedSegment',
      '50 点まで',
      'at most 50 points; isolatedSegment has 60',
    ],
    [
      'bands not descending',
      { bands: { critical: 40, high: 40, medium: 20 } },
      'bands',
      '緊急(40)> 高(40)> 中(20)',
      'critical (40) > high (40) > medium (20)',
    ],
  ])('refuses %s, naming where and why in Japanese and English', (_what, change, where, ja, en) => {
    const problems = validateProfile({ ...base, ...change })
    const p = problems.find((x) => x.where === where)
    expect(p, JSON.stringify(problems)).toBeTruthy()
    expect(p!.messageJa).toContain(ja)
    expect(p!.message).toContain(en)
  })

  it('reports every problem at once', () => {
    const problems = validateProfile({
      weights: { ...base.weights, bogus: 3, isolatedSegment: 70, lifeCritical: 0 },
      bands: { critical: 10, high: 20, medium: 30 },
    })
    expect(problems.map((p) => p.where).sort()).toEqual([
      'bands',
      'weights',
      'weights.bogus',
      'weights.isolatedSegment',
    ])
  })
})

describe('bandOf', () => {
  it.each([
    [100, 'critical'],
    [60, 'critical'],
    [59, 'high'],
    [45, 'high'],
    [44, 'medium'],
    [25, 'medium'],
    [24, 'low'],
    [0, 'low'],
  ] as const)('%i → %s', (score, band) => expect(bandOf(score, DEFAULT_PROFILE.bands)).toBe(band))
})
