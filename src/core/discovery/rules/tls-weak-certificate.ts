import type { AddressedFindingDraft } from '../../findings/finding.js'
import { hitsOf, obj, type TlsInfoFacts } from './facts.js'
import { draft, type FindingRule, incompleteNote } from './rule.js'

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
      const ja: string[] = []
      const en: string[] = []
      if (cert.selfSigned === true) {
        ja.push('自己署名(機器自身が発行)')
        en.push('self-signed (issued by the device itself)')
      }
      if (cert.expired === true) {
        ja.push(`有効期限切れ(${String(cert.validTo)}まで)`)
        en.push(`expired (valid until ${String(cert.validTo)})`)
      }
      if (cert.notYetValid === true) {
        ja.push(`まだ有効期間前(${String(cert.validFrom)}から)`)
        en.push(`not yet valid (from ${String(cert.validFrom)})`)
      }
      if (cert.weakKey === true) {
        const k = `${String(cert.keyType ?? '?').toUpperCase()} ${String(cert.keyBits ?? '?')}`
        ja.push(`鍵が短く弱い(${k}ビット)`)
        en.push(`weak key (${k} bits)`)
      }
      if (ja.length === 0) continue
      const subject = typeof cert.subject === 'string' ? cert.subject : ''
      const incomplete = probe.outcome === 'incomplete'
      const note = incompleteNote(incomplete, probe.reason)
      out.push(
        draft(
          'tls-weak-certificate',
          'low',
          host,
          service,
          {
            titleJa: '暗号化通信の証明書に問題があります',
            titleEn: 'The TLS certificate has weaknesses',
            detailJa:
              `ポート${service.port}の証明書${subject ? `(${subject})` : ''}: ${ja.join('、')}。` +
              'この状態ではブラウザーの警告を無視する習慣がつき、なりすましの機器に気づきにくくなります。' +
              note.ja,
            detailEn:
              `The certificate on port ${service.port}${subject ? ` (${subject})` : ''} is ${en.join(', ')}. ` +
              'Users get used to clicking through browser warnings, which makes an impostor device hard to notice.' +
              note.en,
            recommendationJa:
              '製造販売業者に、病院で管理する証明書(または 2048 ビット以上の鍵で期限内の証明書)に入れ替えられるか確認してください。すぐに対応できない場合は、この機器の証明書の指紋(フィンガープリント)を記録し、変わっていないか定期的に確認してください。',
            recommendationEn:
              "Ask the manufacturer whether the certificate can be replaced by one the hospital manages (or at least one that is in date with a 2048-bit or stronger key). Until then record the certificate's fingerprint and check periodically that it has not changed.",
          },
          probe.evidence,
          incomplete,
        ),
      )
    }
    return out
  },
}
