import type { AddressedFindingDraft } from '../../findings/finding.js'
import type { ServiceObservation } from '../observation.js'
import { bool, type HttpInfoFacts, hitsOf } from './facts.js'
import { draft, type FindingRule, findingText } from './rule.js'

/** Services that never encrypt: seeing one of these on a port is seeing cleartext. */
const CLEARTEXT_SERVICES = new Set(['telnet', 'ftp', 'http'])

/** How the scan saw the service: a probe's answer first, else the service name. */
function cleartextSeen(service: ServiceObservation, httpTls: Map<number, boolean>): string | null {
  const tls = httpTls.get(service.port)
  if (tls === false) return 'http (no TLS)'
  if (tls === true) return null
  if (service.probes.some((p) => p.probeId === 'tls-info' && p.outcome === 'observed')) return null
  const name = service.service?.toLowerCase() ?? ''
  return CLEARTEXT_SERVICES.has(name) ? name : null
}

/**
 * cleartext-where-tls-declared: the manufacturer's disclosure says a port is encrypted (TLS), but the scan saw it
 * answer in cleartext (plain HTTP, Telnet, FTP). Either the device is configured differently from its disclosure, or
 * the disclosure is wrong; both are for the manufacturer to answer. Only for devices with a confirmed catalog model.
 */
export const cleartextWhereTlsDeclared: FindingRule = {
  id: 'cleartext-where-tls-declared',
  evaluate(host, ledger) {
    const tlsPorts = new Set(ledger?.model?.tlsPorts ?? [])
    if (tlsPorts.size === 0) return []
    const httpTls = new Map<number, boolean>()
    for (const { service, probe } of hitsOf(host, 'http-info')) {
      const tls = bool<HttpInfoFacts>(probe.facts, 'tls')
      if (tls !== null) httpTls.set(service.port, tls)
    }
    const out: AddressedFindingDraft[] = []
    for (const s of host.services) {
      if (s.state !== 'open' || !tlsPorts.has(s.port)) continue
      const seen = cleartextSeen(s, httpTls)
      if (!seen) continue
      out.push(
        draft(
          'cleartext-where-tls-declared',
          'high',
          host,
          s,
          findingText('cleartext-where-tls-declared', {
            port: s.port,
            service: seen,
            model: ledger?.model?.name ?? '',
          }),
          `${s.port}/${s.transport} answered as ${seen}${s.banner ? `; banner: ${s.banner.slice(0, 200)}` : ''}`,
          !host.complete,
        ),
      )
    }
    return out
  },
}
