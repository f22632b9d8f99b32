import type { AddressedFindingDraft } from '../../findings/finding.js'
import { type FtpAnonFacts, hitsOf, str } from './facts.js'
import { draft, type FindingRule, findingText, incompleteNote } from './rule.js'

/** ftp-anonymous: the FTP service let us log in as "anonymous" (no real password). */
export const ftpAnonymous: FindingRule = {
  id: 'ftp-anonymous',
  evaluate(host) {
    const out: AddressedFindingDraft[] = []
    for (const { service, probe } of hitsOf(host, 'ftp-anon')) {
      if (str<FtpAnonFacts>(probe.facts, 'anonymous') !== 'allowed') continue
      const incomplete = probe.outcome === 'incomplete'
      out.push(
        draft(
          'ftp-anonymous',
          'high',
          host,
          service,
          findingText('ftp-anonymous', { port: service.port, note: incompleteNote(incomplete, probe.reason) }),
          probe.evidence,
          incomplete,
        ),
      )
    }
    return out
  },
}
