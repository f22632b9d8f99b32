import type { AddressedFindingDraft } from '../../findings/finding.js'
import { draft, type FindingRule, findingText } from './rule.js'

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
            findingText('probe-incomplete', {
              probe: probe.probeId,
              port: service.port,
              transport: service.transport,
              reason,
            }),
            probe.evidence || reason,
            true,
          ),
        )
      }
    }
    return out
  },
}
