import type { AddressedFindingDraft } from '../../findings/finding.js'
import type { Bilingual, MessageParams } from '../../messages/translate.js'
import { hitsOf, obj, type TlsInfoFacts } from './facts.js'
import {
  draft,
  type FindingKey,
  type FindingRule,
  findingPart,
  findingText,
  incompleteNote,
  optionalPart,
} from './rule.js'

/**
 * tls-weak-certificate: the certificate is self-signed, expired, not yet valid, or uses a weak key (RSA below
 * 2048 bits). Common on medical devices and usually low risk on its own, but users learn to click through
 * browser warnings, which makes a real impostor hard to notice.
 */
export const tlsWeakCertificate: FindingRule = {
  id: 'tls-weak-certificate',
  evaluate(host) {
    const out: AddressedFindingDraft[] = []
    for (const { service, probe } of hitsOf(host, 'tls-info')) {
      const cert = obj<TlsInfoFacts>(probe.facts, 'certificate')
      if (!cert) continue
      const problems: Bilingual[] = []
      const say = (key: FindingKey, params: MessageParams = {}) => problems.push(findingPart(key, params))
      if (cert.selfSigned === true) say('tls-weak-certificate.selfSigned')
      if (cert.expired === true) say('tls-weak-certificate.expired', { date: String(cert.validTo) })
      if (cert.notYetValid === true) say('tls-weak-certificate.notYetValid', { date: String(cert.validFrom) })
      if (cert.weakKey === true)
        say('tls-weak-certificate.weakKey', {
          key: `${String(cert.keyType ?? '?').toUpperCase()} ${String(cert.keyBits ?? '?')}`,
        })
      if (problems.length === 0) continue
      const subject = typeof cert.subject === 'string' ? cert.subject : ''
      const incomplete = probe.outcome === 'incomplete'
      out.push(
        draft(
          'tls-weak-certificate',
          'low',
          host,
          service,
          findingText('tls-weak-certificate', {
            port: service.port,
            subject: optionalPart('tls-weak-certificate.subject', 'subject', subject),
            problems: {
              ja: problems.map((t) => t.ja).join('、'),
              en: problems.map((t) => t.en).join(', '),
            },
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
