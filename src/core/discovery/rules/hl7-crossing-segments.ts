import type { AddressedFindingDraft } from '../../findings/finding.js'
import { arr, isRecord, type PassiveFacts, passiveFactsOf } from './facts.js'
import { draft, type FindingRule, findingText } from './rule.js'

/**
 * The network segment of an address as a capture can tell it without the hospital's network plan: the IPv4 /24
 * or the IPv6 /64 (the first four groups). Null when the text is no address.
 */
export function segmentKey(address: string): string | null {
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.\d{1,3}$/.exec(address)
  if (v4) return `${v4[1]}.${v4[2]}.${v4[3]}.0/24`
  if (!address.includes(':')) return null
  const [head = '', tail] = address.split('::')
  const h = head === '' ? [] : head.split(':')
  const t = tail === undefined || tail === '' ? [] : tail.split(':')
  const groups =
    tail === undefined ? h : [...h, ...new Array<string>(Math.max(0, 8 - h.length - t.length)).fill('0'), ...t]
  if (groups.length < 4) return null
  return `${groups
    .slice(0, 4)
    .map((g) => Number.parseInt(g, 16).toString(16))
    .join(':')}::/64`
}

/**
 * hl7-crossing-segments (passive only): HL7 v2 messages (which carry patient data in clear over MLLP) between
 * this host and a host in another network segment — for now a different IPv4 /24 or IPv6 /64, the text says so —
 * so they pass a router or firewall where anyone on the path could read them. One finding per host.
 */
export const hl7CrossingSegments: FindingRule = {
  id: 'hl7-crossing-segments',
  evaluate(host) {
    const out: AddressedFindingDraft[] = []
    const own = segmentKey(host.address)
    if (!own) return out
    for (const { probe } of passiveFactsOf(host)) {
      const capture = typeof probe.facts.capture === 'string' ? probe.facts.capture : 'capture'
      const crossing = arr<PassiveFacts>(probe.facts, 'hl7Messages').filter(
        (m): m is Record<string, unknown> =>
          isRecord(m) && typeof m.peer === 'string' && segmentKey(m.peer) !== null && segmentKey(m.peer) !== own,
      )
      if (crossing.length === 0) continue
      const app = (a: unknown, f: unknown) =>
        `${typeof a === 'string' && a ? a : '?'}${typeof f === 'string' && f ? `@${f}` : ''}`
      const peers = [...new Set(crossing.map((m) => `${String(m.peer)} (${segmentKey(String(m.peer))})`))]
      const evidence = crossing
        .slice(0, 20)
        .map(
          (m) =>
            `capture ${capture}, packet ${String(m.packet)}, ${String(m.time)}: HL7 ${Array.isArray(m.messageTypes) ? m.messageTypes.join(', ') : ''} from ${app(m.sendingApplication, m.sendingFacility)} to ${app(m.receivingApplication, m.receivingFacility)}, ${m.role === 'sender' ? `this host → ${String(m.peer)}` : `${String(m.peer)} → this host`} port ${String(m.port)}`,
        )
        .join('\n')
      out.push(
        draft(
          'hl7-crossing-segments',
          'medium',
          host,
          null,
          findingText('hl7-crossing-segments', { segment: own, peers: peers.slice(0, 10).join(', ') }),
          evidence,
          false,
        ),
      )
    }
    return out
  },
}
