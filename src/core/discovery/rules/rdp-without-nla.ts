import type { AddressedFindingDraft } from '../../findings/finding.js'
import { bool, hitsOf, type RdpDetectFacts } from './facts.js'
import { draft, type FindingRule, incompleteNote } from './rule.js'

/**
 * rdp-without-nla: Remote Desktop accepts connections without Network Level Authentication, so anyone can
 * reach the Windows logon screen before proving who they are (the path used by BlueKeep, CVE-2019-0708).
 */
export const rdpWithoutNla: FindingRule = {
  id: 'rdp-without-nla',
  evaluate(host) {
    const out: AddressedFindingDraft[] = []
    for (const { service, probe } of hitsOf(host, 'rdp-detect')) {
      const standard = bool<RdpDetectFacts>(probe.facts, 'acceptsStandardRdp') === true
      const tlsOnly = bool<RdpDetectFacts>(probe.facts, 'acceptsTlsWithoutNla') === true
      if (!standard && !tlsOnly) continue
      const incomplete = probe.outcome === 'incomplete'
      const note = incompleteNote(incomplete, probe.reason)
      const howJa = standard ? '暗号化の弱い旧来の方式(Standard RDP Security)' : 'ネットワークレベル認証なしの TLS'
      const howEn = standard ? 'legacy Standard RDP Security' : 'TLS without Network Level Authentication'
      out.push(
        draft(
          'rdp-without-nla',
          standard ? 'high' : 'medium',
          host,
          service,
          {
            titleJa: 'リモートデスクトップがネットワークレベル認証(NLA)なしで接続を受け付けます',
            titleEn: 'Remote Desktop accepts connections without Network Level Authentication (NLA)',
            detailJa:
              `ポート${service.port}のリモートデスクトップ(RDP)が、${howJa}での接続を受け付けました。利用者を確認する前にログオン画面まで到達できるため、パスワードの総当たりや、BlueKeep のような脆弱性の悪用を受けやすくなります。(確認は接続開始の要求だけで、ログオンはしていません。)` +
              note.ja,
            detailEn:
              `Remote Desktop (RDP) on port ${service.port} accepted a connection with ${howEn}. Anyone can reach the logon screen before proving who they are, which helps password guessing and flaws such as BlueKeep. (We only sent connection requests; no logon was attempted.)` +
              note.en,
            recommendationJa:
              '製造販売業者に、ネットワークレベル認証(NLA)を必須にできるか確認してください。それまではポート3389への接続を保守用の端末だけに制限し、Windows の更新プログラムが適用されているか確認してください。',
            recommendationEn:
              'Ask the manufacturer whether Network Level Authentication can be required. Until then allow port 3389 only from the service workstation and check that Windows updates are applied.',
          },
          probe.evidence,
          incomplete,
        ),
      )
    }
    return out
  },
}
