import type { AddressedFindingDraft } from '../../findings/finding.js'
import { hitsOf, obj, type TlsInfoFacts } from './facts.js'
import { draft, type FindingRule, findingText, incompleteNote } from './rule.js'

const OLD = ['SSLv3', 'TLSv1', 'TLSv1.1'] as const
const LABEL: Record<(typeof OLD)[number], string> = { SSLv3: 'SSL 3.0', TLSv1: 'TLS 1.0', 'TLSv1.1': 'TLS 1.1' }

/**
 * tls-old-version: the service still accepts SSL 3.0, TLS 1.0 or TLS 1.1, which RFC 8996 (2021) deprecated:
 * their weaknesses let an attacker on the network read or alter traffic in some conditions.
 */
export const tlsOldVersion: FindingRule = {
  id: 'tls-old-version',
  evaluate(host) {
    const out: AddressedFindingDraft[] = []
    for (const { service, probe } of hitsOf(host, 'tls-info')) {
      const versions = obj<TlsInfoFacts>(probe.facts, 'versions')
      if (!versions) continue
      const old = OLD.filter((v) => versions[v] === 'offered').map((v) => LABEL[v])
      if (old.length === 0) continue
      const incomplete = probe.outcome === 'incomplete'
      out.push(
        draft(
          'tls-old-version',
          'medium',
          host,
          service,
          findingText('tls-old-version', {
            port: service.port,
            versions: old.join(', '),
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
