import type { AddressedFindingDraft } from '../../findings/finding.js'
import { bool, type DicomEchoFacts, hitsOf, str } from './facts.js'
import { draft, type FindingRule, findingText, incompleteNote, optionalPart } from './rule.js'

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
      out.push(
        draft(
          'dicom-any-aet',
          'medium',
          host,
          service,
          // Heard in a capture, the words must not say we sent a C-ECHO with a made-up title.
          findingText(host.upReason === 'passive' ? 'dicom-any-aet.heard' : 'dicom-any-aet', {
            port: service.port,
            called,
            impl: optionalPart('dicom-any-aet.impl', 'impl', impl),
            note: incompleteNote(incomplete, probe.reason),
          }),
          probe.evidence,
          incomplete,
        ),
      )
    }
    return out
  },
}
