import { describe, expect, it } from 'vitest'
import { computeIndicators, INDICATORS, type IndicatorFacts, median, osPastSupport } from './indicators.js'

const FACTS: IndicatorFacts = {
  inUseDevices: 200,
  inUseWithOwnerAndLocation: 150,
  networkedDevices: 120,
  networkedSeen: 90,
  hostsSeen: 160,
  hostsSeenInLedger: 96,
  cleartextAdminFindings: 6,
  pastSupport: 50,
  modelsInUse: 40,
  modelsWithDisclosure: 10,
  daysToCloseHigh: [30, 10, 20, 90],
  checklistAnswered: 27,
  checklistApplicable: 36,
  inUseWithKev: 8,
}
const ZERO: IndicatorFacts = {
  inUseDevices: 0,
  inUseWithOwnerAndLocation: 0,
  networkedDevices: 0,
  networkedSeen: 0,
  hostsSeen: 0,
  hostsSeenInLedger: 0,
  cleartextAdminFindings: 0,
  pastSupport: 0,
  modelsInUse: 0,
  modelsWithDisclosure: 0,
  daysToCloseHigh: [],
  checklistAnswered: 0,
  checklistApplicable: 0,
  inUseWithKev: 0,
}

describe('indicators (facts → values)', () => {
  const byId = (f: IndicatorFacts) => new Map(computeIndicators(f).map((v) => [v.id, v]))

  it.each([
    ['owner-location', 75, 150, 200],
    ['ledger-seen', 75, 90, 120],
    ['seen-in-ledger', 60, 96, 160],
    ['cleartext-admin', 5, 6, 120],
    ['past-support', 25, 50, 200],
    ['models-disclosure', 25, 10, 40],
    ['days-to-close-high', 25, 25, 4],
    ['checklist-completion', 75, 27, 36],
    ['kev-devices', 4, 8, 200],
  ])('%s = %d (%d ÷ %d)', (id, value, numerator, denominator) => {
    expect(byId(FACTS).get(id)).toMatchObject({ value, numerator, denominator })
  })

  it('is null, not 0 or NaN, when the denominator is 0', () => {
    for (const v of computeIndicators(ZERO)) expect(v.value, v.id).toBeNull()
  })

  it('is null for checklist completion when the checklist could not be read', () => {
    const v = byId({ ...FACTS, checklistAnswered: null, checklistApplicable: null }).get('checklist-completion')
    expect(v).toMatchObject({ value: null, numerator: null, denominator: null })
  })

  it('has unique ids and a formula and title in both languages for every indicator', () => {
    expect(new Set(INDICATORS.map((i) => i.id)).size).toBe(INDICATORS.length)
    for (const i of INDICATORS) {
      expect(i.titleJa).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/)
      expect(i.formulaJa).toMatch(/÷|中央値/)
      expect(i.formulaEn).toMatch(/÷|median/)
    }
  })

  it('median: middle value, mean of the two middle values for an even count', () => {
    expect(median([3, 1, 2])).toBe(2)
    expect(median([4, 1, 3, 2])).toBe(2.5)
    expect(median([])).toBeNull()
  })

  it.each([
    ['Windows', 'XP SP3', true],
    ['Windows 7 Professional', null, true],
    ['Windows Embedded Standard 7', null, true],
    ['Windows', '11', false],
    ['CentOS', '7.9', true],
    ['Ubuntu', '22.04', false],
    [null, null, false],
  ])('OS past support: %s %s → %s', (os, version, past) => {
    expect(osPastSupport(os, version, '2026-12-02')).toBe(past)
  })
})
