import type { Finding } from '../../api/discovery.js'
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

/** A finding as the API returns it (stored, open, no device), made from a draft. */
export function buildFinding(overrides: Partial<Finding> = {}, draft: FindingDraft = buildFindingDraft()): Finding {
  const at = '2026-04-01T09:00:00.000Z'
  return {
    id: `finding-${++seq}`,
    source: 'scan',
    siteId: 'default',
    deviceId: null,
    ...draft,
    address: draft.address ?? null,
    port: draft.port ?? null,
    status: 'open',
    statusReason: null,
    statusExpiresAt: null,
    firstSeenAt: at,
    lastSeenAt: at,
    lastScanId: null,
    device: null,
    ...overrides,
  }
}
