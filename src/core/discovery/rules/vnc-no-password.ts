import type { AddressedFindingDraft } from '../../findings/finding.js'
import { bool, hitsOf, type VncAuthFacts } from './facts.js'
import { draft, type FindingRule, findingText, incompleteNote } from './rule.js'

/** vnc-no-password: the VNC server offers security type "None": anyone can see and control the screen. */
export const vncNoPassword: FindingRule = {
  id: 'vnc-no-password',
  evaluate(host) {
    const out: AddressedFindingDraft[] = []
    for (const { service, probe } of hitsOf(host, 'vnc-auth')) {
      if (bool<VncAuthFacts>(probe.facts, 'noAuth') !== true) continue
      const incomplete = probe.outcome === 'incomplete'
      out.push(
        draft(
          'vnc-no-password',
          'critical',
          host,
          service,
          findingText('vnc-no-password', { port: service.port, note: incompleteNote(incomplete, probe.reason) }),
          probe.evidence,
          incomplete,
        ),
      )
    }
    return out
  },
}
