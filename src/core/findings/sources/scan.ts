import { bilingual } from '../../messages/translate.js'
import type { FindingDraft } from '../finding.js'
import type { FindingSource } from '../finding-source.js'

/**
 * Findings from an active scan (and from nmap XML imports, which go through the same rules and are stored as a
 * finished scan). One finding per rule, address and port, so a re-scan updates the same rows.
 *
 * Key: `ruleId|address|port` (port empty for host-wide findings), e.g. `telnet-cleartext|10.0.0.5|23`.
 */
export const scanFindings = {
  id: 'scan',
  label: bilingual('findings.source.scan'),
  needsAddress: true,
  key: (d: FindingDraft) => `${d.ruleId}|${d.address ?? ''}|${d.port ?? ''}`,
} as const satisfies FindingSource
