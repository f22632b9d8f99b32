import type { AddressedFindingDraft } from '../../findings/finding.js'
import { type Bilingual, bilingual, type MessageParams } from '../../messages/translate.js'
import { hitsOf, obj, type TlsInfoFacts } from './facts.js'
import { draft, type FindingRule, findingText, incompleteNote, optionalPart } from './rule.js'

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
      const say = (part: string, params: MessageParams = {}) =>
        problems.push(bilingual(`findings.tls-weak-certificate.${part}`, params))
      if (cert.selfSigned === true) say('selfSigned')
      if (cert.expired === true) say('expired', { date: String(cert.validTo) })
      if (cert.notYetValid === true) say('notYetValid', { date: String(cert.validFrom) })
      if (cert.weakKey === true)
        say('weakKey', { key: `${String(cert.keyType ?? '?').toUpperCase()} ${String(cert.keyBits ?? '?')}` })
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
