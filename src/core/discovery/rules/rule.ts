/**
 * The finding-rule contract: one pure function per weakness, from a host's observations (and the ledger's
 * declared ports, when the host matched a ledger device) to finding drafts. Texts are written for a clinical
 * engineer: what was seen, why it matters, what to do next, in Japanese first and English.
 */
import type { AddressedFindingDraft, FindingText } from '../../findings/finding.js'
import type { HostObservation, ServiceObservation } from '../observation.js'

/** What the ledger says about the matched device; null when the host is not in the ledger. */
export interface LedgerContext {
  /** Ports the manufacturer declared (MDS2, manuals). Empty when nothing was declared. */
  declaredPorts: number[]
}

/** One finding rule. */
export interface FindingRule {
  readonly id: string
  evaluate(host: HostObservation, ledger: LedgerContext | null): AddressedFindingDraft[]
}

export type { FindingText }

/** Evidence is kept whole up to this size; beyond it is cut with a note (stored findings stay small). */
export const MAX_EVIDENCE = 8192

/** Builds a draft with the common fields filled from the host and service. */
export function draft(
  ruleId: string,
  severity: AddressedFindingDraft['severity'],
  host: HostObservation,
  service: ServiceObservation | null,
  text: FindingText,
  evidence: string,
  incomplete: boolean,
): AddressedFindingDraft {
  const ev =
    evidence.length > MAX_EVIDENCE
      ? `${evidence.slice(0, MAX_EVIDENCE)}…(+${evidence.length - MAX_EVIDENCE} characters)`
      : evidence
  return { ruleId, severity, address: host.address, port: service?.port ?? null, ...text, evidence: ev, incomplete }
}

/** Sentence added to details when the check stopped part-way. */
export function incompleteNote(incomplete: boolean, reason: string | undefined): { ja: string; en: string } {
  if (!incomplete) return { ja: '', en: '' }
  const why = reason ? `(${reason})` : ''
  return {
    ja: ` なお、この確認は途中で終わっています${why}。結果は部分的なものです。`,
    en: ` Note: this check stopped part-way${reason ? ` (${reason})` : ''}; the result is partial.`,
  }
}

/** Open (or answering UDP) services that a probe did not look at but whose port or name says what they are. */
export function servicesNamed(
  host: HostObservation,
  names: readonly string[],
  ports: readonly number[],
): ServiceObservation[] {
  return host.services.filter(
    (s) => s.state === 'open' && ((s.service !== null && names.includes(s.service)) || ports.includes(s.port)),
  )
}
