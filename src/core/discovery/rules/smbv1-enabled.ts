import type { AddressedFindingDraft } from '../../findings/finding.js'
import { bool, hitsOf, type SmbNegotiateFacts, str } from './facts.js'
import { draft, type FindingRule, incompleteNote } from './rule.js'

/**
 * smbv1-enabled: the file-sharing service accepted an SMB1 dialect. SMBv1 is the protocol abused by WannaCry
 * (MS17-010), which stopped hospital equipment worldwide in 2017; Microsoft deprecated it in 2014.
 */
export const smbv1Enabled: FindingRule = {
  id: 'smbv1-enabled',
  evaluate(host) {
    // One finding per device: 139 and 445 are the same file-sharing service; report it on 445 when both answer.
    const hits = hitsOf(host, 'smb-negotiate').filter((h) => bool<SmbNegotiateFacts>(h.probe.facts, 'smbv1') === true)
    const hit = hits.find((h) => h.service.port === 445) ?? hits[0]
    if (!hit) return []
    const { service, probe } = hit
    const ports = [...new Set(hits.map((h) => h.service.port))].sort((a, b) => a - b).join('/')
    const dialect = str<SmbNegotiateFacts>(probe.facts, 'smb1Dialect') ?? 'NT LM 0.12'
    const incomplete = hits.every((h) => h.probe.outcome === 'incomplete')
    const note = incompleteNote(incomplete, probe.reason)
    const out: AddressedFindingDraft[] = [
      draft(
        'smbv1-enabled',
        'high',
        host,
        service,
        {
          titleJa: 'SMBv1(古いファイル共有方式)が有効です',
          titleEn: 'SMBv1 (the old file-sharing protocol) is enabled',
          detailJa:
            `ポート${ports}のファイル共有が、古い方式 SMBv1(方言「${dialect}」)での接続を受け付けました。` +
            'SMBv1 は 2017年に世界中の病院の機器を止めたランサムウェア WannaCry が悪用した方式で、現在は使わないことが推奨されています。' +
            note.ja,
          detailEn:
            `The file-sharing service on port ${ports} accepted the old SMBv1 protocol (dialect "${dialect}"). ` +
            'SMBv1 is what the WannaCry ransomware used in 2017 to stop hospital equipment worldwide; it should no longer be used.' +
            note.en,
          recommendationJa:
            '製造販売業者に SMBv1 を無効にできるか(ソフトウェア更新や設定変更で)確認してください。それまでは機器を独立したネットワーク区画に置き、他の区画からのポート139/445への接続を遮断してください。',
          recommendationEn:
            'Ask the manufacturer whether SMBv1 can be disabled (by an update or a setting). Until then keep the device in an isolated segment and block ports 139/445 from other segments.',
        },
        hits.map((h) => `# port ${h.service.port}\n${h.probe.evidence}`).join('\n'),
        incomplete,
      ),
    ]
    return out
  },
}
