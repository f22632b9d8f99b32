import type { AddressedFindingDraft } from '../../findings/finding.js'
import { hitsOf, obj, type TlsInfoFacts } from './facts.js'
import { draft, type FindingRule, incompleteNote } from './rule.js'

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
      const note = incompleteNote(incomplete, probe.reason)
      const list = old.join(', ')
      out.push(
        draft(
          'tls-old-version',
          'medium',
          host,
          service,
          {
            titleJa: `古い暗号化方式(${list})が使える状態です`,
            titleEn: `Old encryption versions (${list}) are accepted`,
            detailJa:
              `ポート${service.port}の暗号化通信が、すでに使用をやめるよう勧告されている古い版(${list})での接続を受け付けました。` +
              '古い版には弱点があり、条件によっては通信内容を盗み見られたり書き換えられたりするおそれがあります。' +
              note.ja,
            detailEn:
              `The encrypted service on port ${service.port} accepted connections with old versions (${list}) that were deprecated in 2021 (RFC 8996). ` +
              'Their weaknesses can, under some conditions, let an attacker read or change the traffic.' +
              note.en,
            recommendationJa:
              '製造販売業者に、TLS 1.2 以上だけを使う設定(またはソフトウェア更新)が可能か確認してください。接続してくる側の機器が古い版しか使えない場合は、その機器の更新計画も合わせて相談してください。',
            recommendationEn:
              'Ask the manufacturer whether the device can be set (or updated) to accept only TLS 1.2 and newer. If connecting systems only speak the old versions, plan their update too.',
          },
          probe.evidence,
          incomplete,
        ),
      )
    }
    return out
  },
}
