import type { AddressedFindingDraft } from '../../findings/finding.js'
import { bool, type DicomEchoFacts, hitsOf, str } from './facts.js'
import { draft, type FindingRule, incompleteNote } from './rule.js'

/**
 * dicom-any-aet: the DICOM service accepted an association addressed to a made-up AE title. A well-configured
 * DICOM node accepts only its own AE title from known partners; one that accepts anything lets any computer
 * on the network send it images or, on a PACS, query and retrieve them.
 */
export const dicomAnyAet: FindingRule = {
  id: 'dicom-any-aet',
  evaluate(host) {
    const out: AddressedFindingDraft[] = []
    for (const { service, probe } of hitsOf(host, 'dicom-echo')) {
      if (bool<DicomEchoFacts>(probe.facts, 'acceptsAnyAet') !== true) continue
      const called = str<DicomEchoFacts>(probe.facts, 'calledAeTitle') ?? 'MAMORI-ANY'
      const impl = [
        str<DicomEchoFacts>(probe.facts, 'implementationVersionName'),
        str<DicomEchoFacts>(probe.facts, 'implementationClassUid'),
      ]
        .filter((v) => v !== null)
        .join(' / ')
      const incomplete = probe.outcome === 'incomplete'
      const note = incompleteNote(incomplete, probe.reason)
      out.push(
        draft(
          'dicom-any-aet',
          'medium',
          host,
          service,
          {
            titleJa: 'DICOM 通信がどの相手先名(AE タイトル)でも受け付けられます',
            titleEn: 'The DICOM service accepts any AE title',
            detailJa:
              `ポート${service.port}の DICOM サービスが、実在しない AE タイトル「${called}」宛ての接続を受け付けました${impl ? `(実装: ${impl})` : ''}。` +
              'ネットワーク上のどのコンピュータからでも画像を送り込んだり、PACS であれば画像を検索・取得したりできるおそれがあります。(確認は接続確認 C-ECHO のみで、画像の送受信は行っていません。)' +
              note.ja,
            detailEn:
              `The DICOM service on port ${service.port} accepted an association for the made-up AE title "${called}"${impl ? ` (implementation: ${impl})` : ''}. ` +
              'Any computer on the network may be able to send it images or, on a PACS, query and retrieve them. (We only sent a C-ECHO verification; no images were sent or retrieved.)' +
              note.en,
            recommendationJa:
              '製造販売業者に、自分の AE タイトル宛てで、登録済みの相手(モダリティ・PACS・ワークステーション)からの接続だけを受け付ける設定にできるか確認してください。あわせて、DICOM のポートへの接続を通信相手の機器だけに制限してください。',
            recommendationEn:
              'Ask the manufacturer to configure the device to accept only its own AE title and only known partners (modalities, PACS, workstations). Also allow the DICOM port only from those partner systems.',
          },
          probe.evidence,
          incomplete,
        ),
      )
    }
    return out
  },
}
