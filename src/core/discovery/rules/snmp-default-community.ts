import type { AddressedFindingDraft } from '../../findings/finding.js'
import { arr, hitsOf, isRecord, type SnmpCommunityFacts, str } from './facts.js'
import { draft, type FindingRule, findingPart, findingText, incompleteNote, optionalPart } from './rule.js'

/**
 * snmp-default-community: SNMP v1/v2c answered with a factory-default community ("public" or "private").
 * The community is the only password of SNMP v1/v2c and travels unencrypted; "private" is the usual default
 * for changing settings, so it is rated higher.
 */
export const snmpDefaultCommunity: FindingRule = {
  id: 'snmp-default-community',
  evaluate(host) {
    const out: AddressedFindingDraft[] = []
    for (const { service, probe } of hitsOf(host, 'snmp-community')) {
      const byCommunity = new Map<string, string[]>()
      for (const a of arr<SnmpCommunityFacts>(probe.facts, 'accepted')) {
        if (!isRecord(a) || typeof a.community !== 'string' || typeof a.version !== 'string') continue
        byCommunity.set(a.community, [...(byCommunity.get(a.community) ?? []), a.version])
      }
      const sysDescr = str<SnmpCommunityFacts>(probe.facts, 'sysDescr')
      const incomplete = probe.outcome === 'incomplete'
      const note = incompleteNote(incomplete, probe.reason)
      for (const [community, versions] of byCommunity) {
        const isWrite = community === 'private'
        out.push(
          draft(
            'snmp-default-community',
            isWrite ? 'high' : 'medium',
            host,
            service,
            findingText('snmp-default-community', {
              community,
              versions: { ja: versions.join('・'), en: versions.join(', ') },
              sysDescr: optionalPart('snmp-default-community.sysDescr', 'sysDescr', sysDescr?.slice(0, 120)),
              risk: findingPart(isWrite ? 'snmp-default-community.risk.write' : 'snmp-default-community.risk.read'),
              note,
            }),
            probe.evidence,
            incomplete,
          ),
        )
      }
    }
    return out
  },
}
