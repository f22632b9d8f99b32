import type { AddressedFindingDraft } from '../../findings/finding.js'
import { bool, hitsOf, type VncAuthFacts } from './facts.js'
import { draft, type FindingRule, incompleteNote } from './rule.js'

/** vnc-no-password: the VNC server offers security type "None": anyone can see and control the screen. */
export const vncNoPassword: FindingRule = {
  id: 'vnc-no-password',
  evaluate(host) {
    const out: AddressedFindingDraft[] = []
    for (const { service, probe } of hitsOf(host, 'vnc-auth')) {
      if (bool<VncAuthFacts>(probe.facts, 'noAuth') !== true) continue
      const incomplete = probe.outcome === 'incomplete'
      const note = incompleteNote(incomplete, probe.reason)
      out.push(
        draft(
          'vnc-no-password',
          'critical',
          host,
          service,
          {
            titleJa: '画面共有(VNC)にパスワードなしで接続できます',
            titleEn: 'Screen sharing (VNC) needs no password',
            detailJa:
              `ポート${service.port}の VNC(遠隔画面操作)が、パスワード不要の接続方式「None」を提示しました。ネットワーク上の誰でもこの機器の画面を見て、マウスやキーボードを操作できるおそれがあります。(確認は接続方式の一覧を受け取るまでで、画面には接続していません。)` +
              note.ja,
            detailEn:
              `The VNC (remote screen) service on port ${service.port} offers the security type "None". Anyone on the network may be able to watch this device's screen and use its mouse and keyboard. (We stopped after reading the list of security types; we did not connect to the screen.)` +
              note.en,
            recommendationJa:
              'すぐに製造販売業者に連絡し、VNC の無効化またはパスワードの設定を依頼してください。それまではポート5900番台への接続をネットワーク機器(ファイアウォール・スイッチ)で遮断し、保守で使う時だけ開けるようにしてください。',
            recommendationEn:
              'Contact the manufacturer promptly to disable VNC or set a password. Until then block ports 5900–5903 on the network (firewall or switch) and open them only during service visits.',
          },
          probe.evidence,
          incomplete,
        ),
      )
    }
    return out
  },
}
