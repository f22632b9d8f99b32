import { bilingual } from '../../messages/translate.js'
import type { FindingDraft } from '../finding.js'
import type { FindingSource } from '../finding-source.js'

/**
 * Findings from manufacturers' disclosures (MDS2, MDS/SDS) applied to the devices of a model, and from comparing
 * a device's open ports with its model's declared ports. They are about a device, not an address.
 *
 * Key: the item's explicit key, which always names the device — `${deviceId}|${ruleId}` (core/disclosures/
 * device-findings.ts) or `${deviceId}|${ruleId}|${port}/${transport}` (core/disclosures/compare.ts). The draft
 * alone does not carry the device, so the fallback below (rule, address, port) is only for drafts handed over
 * without a key.
 */
export const disclosureFindings = {
  id: 'disclosure',
  label: bilingual('findings.source.disclosure'),
  needsAddress: false,
  key: (d: FindingDraft) => `${d.ruleId}|${d.address ?? ''}|${d.port ?? ''}`,
} as const satisfies FindingSource
