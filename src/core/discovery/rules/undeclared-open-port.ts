import type { AddressedFindingDraft } from '../../findings/finding.js'
import { draft, type FindingRule, findingText } from './rule.js'

/**
 * undeclared-open-port: open ports the manufacturer did not declare: the device's confirmed catalog model's
 * declaration (its MDS2 CONN answers, the declared-ports template, or typed in) when there is one, else the ledger
 * device's own declaredPorts. Each one is a service nobody planned for. When the device declares nothing, one
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
      return [
        draft(
          'undeclared-open-port',
          'info',
          host,
          null,
          findingText('undeclared-open-port.noPortList', { ports: open.map(label).join(', ') }),
          open.map(evidenceOf).join('\n'),
          !host.complete,
        ),
      ]
    }
    const declared = new Set(ledger.declaredPorts)
    const declaredList = [...declared].sort((a, b) => a - b).join(', ')
    const out: AddressedFindingDraft[] = []
    for (const s of open) {
      if (declared.has(s.port)) continue
      out.push(
        draft(
          'undeclared-open-port',
          'medium',
          host,
          s,
          ledger.model
            ? findingText('undeclared-open-port.undeclaredByModel', {
                port: s.port,
                service: label(s),
                declared: declaredList,
                model: ledger.model.name,
              })
            : findingText('undeclared-open-port.undeclared', {
                port: s.port,
                service: label(s),
                declared: declaredList,
              }),
          evidenceOf(s),
          !host.complete,
        ),
      )
    }
    return out
  },
}
