import type { AddressedFindingDraft } from '../../findings/finding.js'
import { arr, isRecord, num, type PassiveFacts, passiveFactsOf } from './facts.js'
import { draft, type FindingRule, findingText } from './rule.js'

/**
 * internet-traffic (passive only): this host exchanged packets with internet addresses. For a medical device this
 * is rarely intended (remote maintenance, cloud services, or malware); the rule does not know whether the host is
 * a medical device, so it is medium and lists the external peers for someone who does.
 */
export const internetTraffic: FindingRule = {
  id: 'internet-traffic',
  evaluate(host) {
    const out: AddressedFindingDraft[] = []
    for (const { probe } of passiveFactsOf(host)) {
      const capture = typeof probe.facts.capture === 'string' ? probe.facts.capture : 'capture'
      const peers = arr<PassiveFacts>(probe.facts, 'internetPeers').filter(
        (p): p is Record<string, unknown> => isRecord(p) && typeof p.address === 'string',
      )
      if (peers.length === 0) continue
      const count = num<PassiveFacts>(probe.facts, 'internetPeerCount') ?? peers.length
      const who = (p: Record<string, unknown>) =>
        `${String(p.address)}${typeof p.name === 'string' && p.name ? ` (${p.name})` : ''}`
      const list = [
        ...new Set(
          peers.map(
            (p) =>
              `${String(p.address)}:${String(p.port)}${typeof p.name === 'string' && p.name ? ` (${p.name})` : ''}`,
          ),
        ),
      ].slice(0, 10)
      const evidence = peers
        .map(
          (p) =>
            `capture ${capture}, packet ${String(p.packet)}, ${String(p.time)}: ${p.direction === 'inbound' ? `${who(p)} → this host` : `this host → ${who(p)}`} ${String(p.transport)}/${String(p.port)}${typeof p.protocol === 'string' ? ` (${p.protocol})` : ''}, ${String(p.packets)} packets, ${String(p.bytes)} bytes`,
        )
        .join('\n')
      out.push(
        draft(
          'internet-traffic',
          'medium',
          host,
          null,
          findingText('internet-traffic', { count, peers: list.join(', ') }),
          evidence,
          false,
        ),
      )
    }
    return out
  },
}
