import type { AddressedFindingDraft } from '../../findings/finding.js'
import { bool, hitsOf, type RdpDetectFacts } from './facts.js'
import { draft, type FindingRule, findingPart, findingText, incompleteNote } from './rule.js'

/**
 * rdp-without-nla: Remote Desktop accepts connections without Network Level Authentication, so anyone can
 * reach the Windows logon screen before proving who they are (the path used by BlueKeep, CVE-2019-0708).
 */
export const rdpWithoutNla: FindingRule = {
  id: 'rdp-without-nla',
  evaluate(host) {
    const out: AddressedFindingDraft[] = []
    for (const { service, probe } of hitsOf(host, 'rdp-detect')) {
      const standard = bool<RdpDetectFacts>(probe.facts, 'acceptsStandardRdp') === true
      const tlsOnly = bool<RdpDetectFacts>(probe.facts, 'acceptsTlsWithoutNla') === true
      if (!standard && !tlsOnly) continue
      const incomplete = probe.outcome === 'incomplete'
      out.push(
        draft(
          'rdp-without-nla',
          standard ? 'high' : 'medium',
          host,
          service,
          findingText('rdp-without-nla', {
            port: service.port,
            how: findingPart(standard ? 'rdp-without-nla.how.standard' : 'rdp-without-nla.how.tls'),
            note: incompleteNote(incomplete, probe.reason),
          }),
          probe.evidence,
          incomplete,
        ),
      )
    }
    return out
  },
}
