import type { AddressedFindingDraft } from '../../findings/finding.js'
import { arr, isRecord, type PassiveFacts, passiveFactsOf } from './facts.js'
import { draft, type FindingRule, findingPart, findingText, NO_TEXT } from './rule.js'

const PROTOCOL_LABEL: Record<string, string> = {
  ftp: 'FTP',
  telnet: 'Telnet',
  'http-basic': 'HTTP Basic',
  pop3: 'POP3',
  imap: 'IMAP',
}

/**
 * cleartext-credentials (passive only): a login crossed the network in clear to this host (FTP, Telnet, HTTP
 * Basic, POP3, IMAP), so anyone listening on the way could read the user name and the password. Reads only the
 * `passive` facts; the user name and the packet are in the evidence, never the password (it is not kept at all).
 * One finding per service port.
 */
export const cleartextCredentials: FindingRule = {
  id: 'cleartext-credentials',
  evaluate(host) {
    const out: AddressedFindingDraft[] = []
    for (const { probe } of passiveFactsOf(host)) {
      const capture = typeof probe.facts.capture === 'string' ? probe.facts.capture : 'capture'
      const byPort = new Map<number, Record<string, unknown>[]>()
      for (const l of arr<PassiveFacts>(probe.facts, 'cleartextLogins')) {
        if (!isRecord(l) || typeof l.port !== 'number') continue
        byPort.set(l.port, [...(byPort.get(l.port) ?? []), l])
      }
      for (const [port, logins] of byPort) {
        const protocols = [...new Set(logins.map((l) => PROTOCOL_LABEL[String(l.protocol)] ?? String(l.protocol)))]
        const users = [...new Set(logins.map((l) => (typeof l.user === 'string' && l.user ? l.user : null)))]
          .filter((u): u is string => u !== null)
          .slice(0, 10)
        const accepted = logins.some((l) => l.accepted === true)
        const service = host.services.find((s) => s.port === port && s.transport === 'tcp') ?? null
        const evidence = logins
          .slice(0, 20)
          .map(
            (l) =>
              `capture ${capture}, packet ${String(l.packet)}, ${String(l.time)}: ${PROTOCOL_LABEL[String(l.protocol)] ?? String(l.protocol)} login by ${typeof l.user === 'string' && l.user ? `"${l.user}"` : 'an unnamed user'} from ${String(l.client)} (${l.accepted === true ? 'accepted' : l.accepted === false ? 'refused' : 'outcome not heard'}; password not kept)`,
          )
          .join('\n')
        out.push({
          ...draft(
            'cleartext-credentials',
            'high',
            host,
            service,
            findingText('cleartext-credentials', {
              port,
              protocols: protocols.join(', '),
              users: users.length > 0 ? users.join(', ') : '?',
              count: logins.length,
              outcome: accepted ? findingPart('cleartext-credentials.accepted') : NO_TEXT,
            }),
            evidence,
            false,
          ),
          port,
        })
      }
    }
    return out
  },
}
