import { describe, expect, it } from 'vitest'
import type { VulnMatch } from './model.js'
import { type MatchFacts, scoreOf, severityOf, vulnerabilityFindingItems } from './vuln-findings.js'

const match = (over: Partial<VulnMatch> = {}): VulnMatch & { siteId: string } => ({
  id: 'm1',
  deviceId: 'd1',
  modelId: null,
  cve: 'CVE-2020-1938',
  advisoryId: 'ICSMA-21-187-01',
  componentId: null,
  via: 'csaf',
  reviewKey: 'ICSMA-21-187-01|CVE-2020-1938|CSAFPID-0001',
  productLabel: 'Vue PACS <= 12.2.x.x',
  decision: 'affected',
  confidence: 0.8,
  reasons: [{ ja: '型式 Vue PACS が製品名に含まれます', en: 'model Vue PACS is named in the product' }],
  vex: null,
  siteId: 's1',
  ...over,
})

const facts = (over: Partial<MatchFacts> = {}): MatchFacts => ({
  cvss: 9.8,
  kev: null,
  epss: null,
  remediations: [{ category: 'vendor_fix', details: 'Update to 12.2.1.5' }],
  advisoryTitle: 'Philips Vue PACS',
  ...over,
})

describe('matches as findings', () => {
  it('bands CVSS like FIRST, and a known exploited CVE is critical whatever its score', () => {
    expect(severityOf(9.8, false)).toBe('critical')
    expect(severityOf(7.5, false)).toBe('high')
    expect(severityOf(5.3, false)).toBe('medium')
    expect(severityOf(2.1, false)).toBe('low')
    expect(severityOf(0, false)).toBe('info')
    expect(severityOf(null, false)).toBe('medium')
    expect(severityOf(3.1, true)).toBe('critical')
  })

  it('scores a vector with the calculator, and falls back to the printed number when the vector cannot be scored', () => {
    expect(scoreOf({ version: '3.1', vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', baseScore: 1 })).toBe(9.8)
    expect(scoreOf({ version: '3.1', vector: 'not a vector', baseScore: 6.4 })).toBe(6.4)
    expect(scoreOf(null)).toBeNull()
  })

  it('writes one finding per device and CVE — the most cautious answer — with KEV action first', () => {
    const items = vulnerabilityFindingItems(
      [
        match({ id: 'a', decision: 'needs-review' }),
        match({ id: 'b', decision: 'affected', productLabel: 'Vue PACS' }),
        match({ id: 'c', deviceId: 'd2', decision: 'ruled-out-by-version' }),
        match({ id: 'd', deviceId: 'd3', decision: 'not-affected' }),
      ],
      () =>
        facts({ kev: { requiredAction: 'Apply updates per vendor instructions.', ransomware: true, dueDate: null } }),
    )
    expect(items).toHaveLength(1)
    const [f] = items
    expect(f!.key).toBe('d1|CVE-2020-1938')
    expect(f!.draft.ruleId).toBe('CVE-2020-1938')
    expect(f!.draft.severity).toBe('critical')
    expect(f!.draft.titleJa).toContain('CVE-2020-1938（ICSMA-21-187-01）の影響を受けます')
    expect(f!.draft.recommendationJa.split('\n')[0]).toContain('ランサムウェア')
    expect(f!.draft.recommendationJa).toContain('製造業者の修正（更新）を適用する: Update to 12.2.1.5')
    expect(f!.draft.evidence).toContain('KEV')
  })

  it('a match to review is an info finding that says so, and no remediation means ask and isolate', () => {
    const [f] = vulnerabilityFindingItems([match({ decision: 'needs-review' })], () => facts({ remediations: [] }))
    expect(f!.draft.severity).toBe('info')
    expect(f!.draft.incomplete).toBe(true)
    expect(f!.draft.titleEn).toContain('check whether it applies')
    expect(f!.draft.recommendationEn).toContain('isolate')
  })
})
