import type { AddressedFindingDraft } from '../../findings/finding.js'
import { hitsOf, str, type TelnetBannerFacts } from './facts.js'
import { draft, type FindingRule, incompleteNote, servicesNamed } from './rule.js'

/**
 * telnet-cleartext: a Telnet service answers. Telnet sends the user name, password and every command
 * unencrypted (RFC 854 has no encryption), so anyone on the same network segment can read them.
 */
export const telnetCleartext: FindingRule = {
  id: 'telnet-cleartext',
  evaluate(host) {
    const out: AddressedFindingDraft[] = []
    const seen = new Set<number>()
    for (const { service, probe } of hitsOf(host, 'telnet-banner')) {
      seen.add(service.port)
      const prompt = str<TelnetBannerFacts>(probe.facts, 'loginPrompt')
      const incomplete = probe.outcome === 'incomplete'
      const note = incompleteNote(incomplete, probe.reason)
      out.push(
        draft('telnet-cleartext', 'high', host, service, text(service.port, prompt, note), probe.evidence, incomplete),
      )
    }
    // Without a probe result (probes off, or the probe failed) the open Telnet port alone is reported, marked incomplete.
    for (const service of servicesNamed(host, ['telnet'], [23])) {
      if (seen.has(service.port)) continue
      const note = incompleteNote(true, 'Telnet の応答内容は確認していません / the Telnet reply was not read')
      out.push(
        draft(
          'telnet-cleartext',
          'high',
          host,
          service,
          text(service.port, null, note),
          service.banner ?? `port ${service.port}/tcp open`,
          true,
        ),
      )
    }
    return out
  },
}

function text(port: number, prompt: string | null, note: { ja: string; en: string }) {
  return {
    titleJa: 'Telnet(暗号化されない遠隔ログイン)が使える状態です',
    titleEn: 'Telnet (unencrypted remote login) is enabled',
    detailJa:
      `ポート${port}で Telnet が応答しました${prompt ? `(ログイン画面「${prompt}」)` : ''}。` +
      'Telnet は利用者名・パスワード・操作内容をすべて暗号化せずに送るため、同じネットワークにいる人に読み取られたり、機器を操作されたりするおそれがあります。' +
      note.ja,
    detailEn:
      `Telnet answered on port ${port}${prompt ? ` (login prompt "${prompt}")` : ''}. ` +
      'Telnet sends the user name, password and every command unencrypted, so anyone on the same network can read them and take over the device.' +
      note.en,
    recommendationJa:
      'Telnet が保守などで本当に必要か製造販売業者に確認し、不要なら無効にしてもらってください。必要な場合は暗号化される SSH に切り替えられるか相談してください。' +
      'それまでは機器を独立したネットワーク区画に置き、ポート23への接続を保守用の端末だけに制限してください。',
    recommendationEn:
      'Ask the manufacturer whether Telnet is really needed (for service, for example) and have it disabled if not; if it is, ask whether encrypted SSH can replace it. ' +
      'Until then keep the device in an isolated network segment and allow port 23 only from the service workstation.',
  }
}
