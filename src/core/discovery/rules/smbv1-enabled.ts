import type { AddressedFindingDraft } from '../../findings/finding.js'
import { bool, hitsOf, type SmbNegotiateFacts, str } from './facts.js'
import { draft, type FindingRule, findingText, incompleteNote } from './rule.js'

/**
 * smbv1-enabled: the file-sharing service accepted an SMB1 dialect. SMBv1 is the protocol abused by WannaCry
 * (MS17-010), which stopped hospital equipment worldwide in 2017; Microsoft deprecated it in 2014.
 */
export const smbv1Enabled: FindingRule = {
  id: 'smbv1-enabled',
  evaluate(host) {
    // One finding per device: 139 and 445 are the same file-sharing service; report it on 445 when both answer.
    const hits = hitsOf(host, 'smb-negotiate').filter((h) => bool<SmbNegotiateFacts>(h.probe.facts, 'smbv1') === true)
    const hit = hits.find((h) => h.service.port === 445) ?? hits[0]
    if (!hit) return []
    const { service, probe } = hit
    const ports = [...new Set(hits.map((h) => h.service.port))].sort((a, b) => a - b).join('/')
    const dialect = str<SmbNegotiateFacts>(probe.facts, 'smb1Dialect') ?? 'NT LM 0.12'
    const incomplete = hits.every((h) => h.probe.outcome === 'incomplete')
    const out: AddressedFindingDraft[] = [
      draft(
        'smbv1-enabled',
        'high',
        host,
        service,
        findingText('smbv1-enabled', { ports, dialect, note: incompleteNote(incomplete, probe.reason) }),
        hits.map((h) => `# port ${h.service.port}\n${h.probe.evidence}`).join('\n'),
        incomplete,
      ),
    ]
    return out
  },
}
