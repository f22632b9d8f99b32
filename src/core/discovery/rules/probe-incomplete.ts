import type { AddressedFindingDraft } from '../../findings/finding.js'
import { draft, type FindingRule } from './rule.js'

/**
 * probe-incomplete: a check started but did not finish (the device stopped answering, reset the connection
 * or replied with something malformed). The partial result is kept; this finding makes sure nobody reads the
 * silence of the other rules as "no weakness".
 */
export const probeIncomplete: FindingRule = {
  id: 'probe-incomplete',
  evaluate(host) {
    const out: AddressedFindingDraft[] = []
    for (const service of host.services) {
      for (const probe of service.probes) {
        if (probe.outcome !== 'incomplete') continue
        const reason = probe.reason ?? 'unknown'
        out.push(
          draft(
            'probe-incomplete',
            'info',
            host,
            service,
            {
              titleJa: `確認「${probe.probeId}」が途中で終わりました`,
              titleEn: `The check "${probe.probeId}" did not finish`,
              detailJa: `ポート${service.port}/${service.transport}での確認「${probe.probeId}」が最後まで完了しませんでした(理由: ${reason})。得られた部分的な結果は保存されていますが、弱点がないとは言い切れません。`,
              detailEn: `The check "${probe.probeId}" on port ${service.port}/${service.transport} did not complete (reason: ${reason}). The partial result is kept, but it does not prove the absence of weaknesses.`,
              recommendationJa:
                '機器の負荷が低い時間帯に、穏やかなプロファイル(gentle)で再度確認してください。繰り返し途中で終わる場合は、機器が想定外の通信に弱い可能性があるため製造販売業者に相談してください。',
              recommendationEn:
                'Re-run the check at a quiet time with the gentle profile. If it keeps stopping part-way, the device may not cope well with unexpected traffic; discuss this with the manufacturer.',
            },
            probe.evidence || reason,
            true,
          ),
        )
      }
    }
    return out
  },
}
