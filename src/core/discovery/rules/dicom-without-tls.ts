import type { AddressedFindingDraft } from '../../findings/finding.js'
import { arr, isRecord, type PassiveFacts, passiveFactsOf } from './facts.js'
import { draft, type FindingRule, findingText } from './rule.js'

/**
 * dicom-without-tls (passive only): DICOM associations this host took part in crossed the network without
 * encryption (AE titles were readable), so the images and the patient data in them could be read on the way.
 * One finding per host, naming the AE titles and peers.
 */
export const dicomWithoutTls: FindingRule = {
  id: 'dicom-without-tls',
  evaluate(host) {
    const out: AddressedFindingDraft[] = []
    for (const { probe } of passiveFactsOf(host)) {
      const capture = typeof probe.facts.capture === 'string' ? probe.facts.capture : 'capture'
      const clear = arr<PassiveFacts>(probe.facts, 'dicomAssociations').filter(
        (a): a is Record<string, unknown> => isRecord(a) && a.tls === false,
      )
      if (clear.length === 0) continue
      const ae = (v: unknown) => (typeof v === 'string' && v ? v : '?')
      const pairs = [
        ...new Set(clear.map((a) => `${ae(a.callingAeTitle)} → ${ae(a.calledAeTitle)} (${String(a.peer)})`)),
      ]
      const called = clear.find((a) => a.role === 'called')
      const port = called && typeof called.port === 'number' ? called.port : null
      const service =
        port !== null ? (host.services.find((s) => s.port === port && s.transport === 'tcp') ?? null) : null
      const evidence = clear
        .slice(0, 20)
        .map(
          (a) =>
            `capture ${capture}, packet ${String(a.packet)}, ${String(a.time)}: DICOM association in clear, calling AE "${ae(a.callingAeTitle)}" → called AE "${ae(a.calledAeTitle)}", ${a.role === 'called' ? `from ${String(a.peer)} to this host` : `from this host to ${String(a.peer)}`} port ${String(a.port)}`,
        )
        .join('\n')
      out.push(
        draft(
          'dicom-without-tls',
          'medium',
          host,
          service,
          findingText('dicom-without-tls', { pairs: pairs.slice(0, 10).join(', '), count: clear.length }),
          evidence,
          false,
        ),
      )
    }
    return out
  },
}
