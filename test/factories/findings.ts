import type { AddressedFindingDraft, FindingDraft, FindingItem } from '../../src/core/findings/finding.js'

let seq = 0

/** A scan-style draft (address and port set) with bilingual text; each call gets its own address. */
export function buildFindingDraft(overrides: Partial<AddressedFindingDraft> = {}): AddressedFindingDraft {
  seq += 1
  return {
    ruleId: 'telnet-cleartext',
    severity: 'high',
    address: `10.30.${Math.floor(seq / 250)}.${(seq % 250) + 1}`,
    port: 23,
    titleJa: 'Telnet が開いています',
    titleEn: 'Telnet is open',
    detailJa: '平文で通信します。',
    detailEn: 'Traffic is in cleartext.',
    recommendationJa: 'Telnet を無効にしてください。',
    recommendationEn: 'Disable Telnet.',
    evidence: 'login:',
    incomplete: false,
    ...overrides,
  }
}

/** A draft wrapped for the store: no device, default site, key left to the source. */
export function buildFindingItem(
  draft: FindingDraft = buildFindingDraft(),
  overrides: Partial<FindingItem> = {},
): FindingItem {
  return { draft, deviceId: null, siteId: 'default', ...overrides }
}
