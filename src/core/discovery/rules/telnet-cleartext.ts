import type { AddressedFindingDraft } from '../../findings/finding.js'
import type { Bilingual } from '../../messages/translate.js'
import { hitsOf, str, type TelnetBannerFacts } from './facts.js'
import {
  draft,
  type FindingRule,
  findingPart,
  findingText,
  incompleteNote,
  optionalPart,
  servicesNamed,
} from './rule.js'

/**
 * telnet-cleartext: a Telnet service answers. Telnet sends the user name, password and every command
 * unencrypted (RFC 854 has no encryption), so anyone on the same network segment can read them.
 */
export const telnetCleartext: FindingRule = {
  id: 'telnet-cleartext',
  evaluate(host) {
    const out: AddressedFindingDraft[] = []
    const seen = new Set<number>()
    for (const { service, probe } of hitsOf(host, 'telnet-banner')) {
      seen.add(service.port)
      const prompt = str<TelnetBannerFacts>(probe.facts, 'loginPrompt')
      const incomplete = probe.outcome === 'incomplete'
      const note = incompleteNote(incomplete, probe.reason)
      out.push(
        draft('telnet-cleartext', 'high', host, service, text(service.port, prompt, note), probe.evidence, incomplete),
      )
    }
    // Without a probe result (probes off, or the probe failed) the open Telnet port alone is reported, marked incomplete.
    for (const service of servicesNamed(host, ['telnet'], [23])) {
      if (seen.has(service.port)) continue
      const note = incompleteNote(true, findingPart('telnet-cleartext.notRead'))
      out.push(
        draft(
          'telnet-cleartext',
          'high',
          host,
          service,
          text(service.port, null, note),
          service.banner ?? `port ${service.port}/tcp open`,
          true,
        ),
      )
    }
    return out
  },
}

/** The texts for Telnet on `port`, quoting its login prompt when the probe saw one. */
function text(port: number, prompt: string | null, note: Bilingual) {
  return findingText('telnet-cleartext', {
    port,
    prompt: optionalPart('telnet-cleartext.prompt', 'prompt', prompt),
    note,
  })
}
