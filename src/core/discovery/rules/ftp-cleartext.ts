import type { AddressedFindingDraft } from '../../findings/finding.js'
import type { Bilingual } from '../../messages/translate.js'
import { type FtpAnonFacts, hitsOf, str } from './facts.js'
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
 * ftp-cleartext: an FTP service answers. Plain FTP (RFC 959) sends the login and the files unencrypted.
 */
export const ftpCleartext: FindingRule = {
  id: 'ftp-cleartext',
  evaluate(host) {
    const out: AddressedFindingDraft[] = []
    const seen = new Set<number>()
    for (const { service, probe } of hitsOf(host, 'ftp-anon')) {
      seen.add(service.port)
      const banner = str<FtpAnonFacts>(probe.facts, 'banner')
      const incomplete = probe.outcome === 'incomplete'
      out.push(
        draft(
          'ftp-cleartext',
          'medium',
          host,
          service,
          text(service.port, banner, incompleteNote(incomplete, probe.reason)),
          probe.evidence,
          incomplete,
        ),
      )
    }
    for (const service of servicesNamed(host, ['ftp'], [21])) {
      if (seen.has(service.port)) continue
      const note = incompleteNote(true, findingPart('ftp-cleartext.notRead'))
      out.push(
        draft(
          'ftp-cleartext',
          'medium',
          host,
          service,
          text(service.port, service.banner, note),
          service.banner ?? `port ${service.port}/tcp open`,
          true,
        ),
      )
    }
    return out
  },
}

/** The texts for FTP on `port`, quoting the first line of its banner (up to 120 characters) when there is one. */
function text(port: number, banner: string | null, note: Bilingual) {
  const b = banner ? banner.split('\n')[0]!.slice(0, 120) : null
  return findingText('ftp-cleartext', { port, banner: optionalPart('ftp-cleartext.banner', 'banner', b), note })
}
