import type { AddressedFindingDraft } from '../../findings/finding.js'
import { arr, hitsOf, isRecord, type SnmpCommunityFacts, str } from './facts.js'
import { draft, type FindingRule, incompleteNote } from './rule.js'

/**
 * snmp-default-community: SNMP v1/v2c answered with a factory-default community ("public" or "private").
 * The community is the only password of SNMP v1/v2c and travels unencrypted; "private" is the usual default
 * for changing settings, so it is rated higher.
 */
export const snmpDefaultCommunity: FindingRule = {
  id: 'snmp-default-community',
  evaluate(host) {
    const out: AddressedFindingDraft[] = []
    for (const { service, probe } of hitsOf(host, 'snmp-community')) {
      const byCommunity = new Map<string, string[]>()
      for (const a of arr<SnmpCommunityFacts>(probe.facts, 'accepted')) {
        if (!isRecord(a) || typeof a.community !== 'string' || typeof a.version !== 'string') continue
        byCommunity.set(a.community, [...(byCommunity.get(a.community) ?? []), a.version])
      }
      const sysDescr = str<SnmpCommunityFacts>(probe.facts, 'sysDescr')
      const incomplete = probe.outcome === 'incomplete'
      const note = incompleteNote(incomplete, probe.reason)
      for (const [community, versions] of byCommunity) {
        const isWrite = community === 'private'
        out.push(
          draft(
            'snmp-default-community',
            isWrite ? 'high' : 'medium',
            host,
            service,
            {
              titleJa: `SNMP が初期設定のコミュニティ名「${community}」で応答します`,
              titleEn: `SNMP answers to the default community "${community}"`,
              detailJa:
                `SNMP(${versions.join('・')})が、初期設定のままのコミュニティ名(SNMP のパスワードにあたるもの)「${community}」で機器の情報を返しました${sysDescr ? `(「${sysDescr.slice(0, 120)}」)` : ''}。` +
                (isWrite
                  ? '「private」は設定の変更に使われることが多い名前で、機器の設定を書き換えられるおそれがあります。'
                  : '誰でも機器の構成情報を読み取れます。') +
                '(確認は読み取りのみで、設定の変更は行っていません。)' +
                note.ja,
              detailEn:
                `SNMP (${versions.join(', ')}) returned device information for the default community (SNMP's password) "${community}"${sysDescr ? ` ("${sysDescr.slice(0, 120)}")` : ''}. ` +
                (isWrite
                  ? '"private" is commonly the read-write community, so settings may be changeable by anyone. '
                  : 'Anyone can read the device configuration. ') +
                '(We only read values; nothing was changed.)' +
                note.en,
              recommendationJa:
                'SNMP が必要か製造販売業者に確認し、不要なら無効にしてもらってください。必要な場合は、推測されにくいコミュニティ名への変更か、暗号化と認証のある SNMPv3 への切り替えを依頼し、UDP 161番への接続を監視用サーバーだけに制限してください。',
              recommendationEn:
                'Ask the manufacturer whether SNMP is needed and have it disabled if not. If it is, have the community changed to one that cannot be guessed, or move to SNMPv3 with authentication and encryption, and allow UDP port 161 only from the monitoring server.',
            },
            probe.evidence,
            incomplete,
          ),
        )
      }
    }
    return out
  },
}
