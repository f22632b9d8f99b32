import { describe, expect, it } from 'vitest'
import { deviceFindings, SUPPORT_END_RULE } from '../../src/core/disclosures/device-findings.js'
import { evaluateDisclosure } from '../../src/core/disclosures/evaluate.js'
import { answers, EMPTY_HEADER } from './answers.js'

const evaluation = evaluateDisclosure({
  form: 'mds2-2019',
  answers: answers('PAUT-1: No,Optional', 'SBOM-1: No'),
  notes: [],
  header: EMPTY_HEADER,
})
const ctx = { disclosureId: 'disc-1', modelLabel: 'Example SP-2000', today: '2026-12-02' }
const device = (over: { supportEnd?: string | null; serviceLifeEnd?: string | null } = {}) => ({
  id: 'dev-1',
  siteId: 'site-a',
  supportEnd: null,
  serviceLifeEnd: null,
  ...over,
})

describe('deviceFindings', () => {
  it('gives one item per evaluation finding, keyed by device and rule, quoting the answers as evidence', () => {
    const items = deviceFindings(evaluation, device(), ctx)
    expect(items.map((i) => i.key)).toEqual(['dev-1|paut-no-unique-accounts', 'dev-1|sbom-not-available'])
    const [paut] = items
    expect(paut).toMatchObject({ deviceId: 'dev-1', siteId: 'site-a' })
    expect(paut!.draft).toMatchObject({
      ruleId: 'paut-no-unique-accounts',
      severity: 'high',
      address: null,
      port: null,
      incomplete: false,
    })
    expect(paut!.draft.evidence).toBe('Disclosure disc-1 (Example SP-2000)\nPAUT-1: No (Optional)')
    expect(paut!.draft.detailJa).toContain('Example SP-2000')
    expect(paut!.draft.detailJa).toContain('PAUT-1「いいえ」')
  })

  it.each([
    ['support ends before the service life', { supportEnd: '2028-03-31', serviceLifeEnd: '2032-03-31' }, 'medium'],
    ['support already ended, still in use', { supportEnd: '2025-03-31', serviceLifeEnd: '2030-03-31' }, 'high'],
    ['support ended, service life not recorded', { supportEnd: '2025-03-31', serviceLifeEnd: null }, 'high'],
  ] as const)('%s → %s', (_name, dates, severity) => {
    const support = deviceFindings(evaluation, device(dates), ctx).find((i) => i.draft.ruleId === SUPPORT_END_RULE)
    expect(support?.draft.severity).toBe(severity)
    expect(support?.key).toBe(`dev-1|${SUPPORT_END_RULE}`)
    expect(support?.draft.evidence).toContain(`supportEnd: ${dates.supportEnd}`)
    expect(support?.draft.detailJa).toMatch(/サポート/)
  })

  it.each([
    ['no support end recorded', { supportEnd: null, serviceLifeEnd: '2030-01-01' }],
    ['support outlasts the service life', { supportEnd: '2031-01-01', serviceLifeEnd: '2030-01-01' }],
    ['support ends the day the service life does', { supportEnd: '2030-01-01', serviceLifeEnd: '2030-01-01' }],
    ['device past its service life', { supportEnd: '2020-01-01', serviceLifeEnd: '2024-01-01' }],
    ['future support end, service life not recorded', { supportEnd: '2029-01-01', serviceLifeEnd: null }],
  ] as const)('no support finding when %s', (_name, dates) => {
    expect(deviceFindings(evaluation, device(dates), ctx).some((i) => i.draft.ruleId === SUPPORT_END_RULE)).toBe(false)
  })
})
