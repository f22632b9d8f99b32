import type { AddressedFindingDraft } from '../../findings/finding.js'
import { draft, type FindingRule } from './rule.js'

/**
 * undeclared-open-port: open ports the manufacturer did not declare (ledger device's declaredPorts, from the
 * MDS2 form or manuals). Each one is a service nobody planned for. When the device declares nothing, one
 * info finding lists the open ports and asks for the manufacturer's port list. Hosts not matched to a ledger
 * device are left to ledger reconciliation.
 */
export const undeclaredOpenPort: FindingRule = {
  id: 'undeclared-open-port',
  evaluate(host, ledger) {
    if (!ledger) return []
    const open = host.services.filter((s) => s.state === 'open')
    if (open.length === 0) return []
    const label = (p: { port: number; transport: string; service: string | null }): string =>
      `${p.port}/${p.transport}${p.service ? ` (${p.service})` : ''}`
    const evidenceOf = (s: (typeof open)[number]): string =>
      `${label(s)} open${s.banner ? `; banner: ${s.banner.slice(0, 200)}` : ''}`
    if (ledger.declaredPorts.length === 0) {
      const list = open.map(label).join(', ')
      return [
        draft(
          'undeclared-open-port',
          'info',
          host,
          null,
          {
            titleJa: '使用ポートの一覧が台帳に登録されていません',
            titleEn: 'The ledger has no list of the ports this device uses',
            detailJa: `この機器では次のポートが開いていました: ${list}。台帳には製造販売業者が示した使用ポートが登録されていないため、想定どおりか判断できません。`,
            detailEn: `These ports were open on this device: ${list}. The ledger has no port list from the manufacturer, so we cannot tell whether they are expected.`,
            recommendationJa:
              '製造販売業者に使用するポートの一覧(MDS2 の記載や技術資料)を依頼し、台帳の「使用ポート」に登録してください。次回の確認から、想定外のポートを自動で指摘できるようになります。',
            recommendationEn:
              "Ask the manufacturer for the device's port list (in its MDS2 form or technical documentation) and enter it in the ledger; later scans will then flag unexpected ports automatically.",
          },
          open.map(evidenceOf).join('\n'),
          !host.complete,
        ),
      ]
    }
    const declared = new Set(ledger.declaredPorts)
    const out: AddressedFindingDraft[] = []
    for (const s of open) {
      if (declared.has(s.port)) continue
      out.push(
        draft(
          'undeclared-open-port',
          'medium',
          host,
          s,
          {
            titleJa: `製造販売業者が示していないポート ${s.port} が開いています`,
            titleEn: `Port ${s.port} is open but was not declared by the manufacturer`,
            detailJa: `ポート ${label(s)} が開いていましたが、台帳に登録された使用ポート(${[...declared].sort((a, b) => a - b).join(', ')})に含まれていません。想定外のサービスは、設定の不備や不要な機能の可能性があります。`,
            detailEn: `Port ${label(s)} is open but is not among the declared ports in the ledger (${[...declared].sort((a, b) => a - b).join(', ')}). An unexpected service may be a misconfiguration or an unneeded feature.`,
            recommendationJa:
              'このポートが何に使われているか製造販売業者に確認してください。不要なら無効にしてもらい、必要なら台帳の使用ポートに追加してください。確認できるまでは、このポートへの接続をネットワーク機器で制限することを検討してください。',
            recommendationEn:
              'Ask the manufacturer what this port is for. Have it disabled if it is not needed, or add it to the ledger if it is. Until then consider restricting access to it on the network.',
          },
          evidenceOf(s),
          !host.complete,
        ),
      )
    }
    return out
  },
}
