/**
 * The finding-rule contract: one pure function per weakness, from a host's observations (and the ledger's
 * declared ports, when the host matched a ledger device) to finding drafts. Texts are written for a clinical
 * engineer: what was seen, why it matters, what to do next, in Japanese first and English. They live in the
 * message catalog (`findings.<ruleId>.*`, src/core/messages/{ja,en}/findings.ts) and a rule renders them with
 * {@link findingText}, so the server, the reports and the web say the same thing.
 */
import type { AddressedFindingDraft, FindingText } from '../../findings/finding.js'
import type { en } from '../../messages/en.js'
import { type Bilingual, bilingual, type MessageParam, type MessageParams } from '../../messages/translate.js'
import type { HostObservation, ServiceObservation } from '../observation.js'

/** What the ledger says about the matched device; null when the host is not in the ledger. */
export interface LedgerContext {
  /** Ports the manufacturer declared (MDS2, manuals). Empty when nothing was declared. */
  declaredPorts: number[]
  /**
   * Set when the ports come from the device's confirmed catalog model (its disclosure or declared-ports list)
   * rather than the ledger row: the model's name, and the ports it declares as TLS.
   */
  model?: { name: string; tlsPorts: number[] } | null
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

/** A key of the catalog's findings section (`findings.<key>`), e.g. `'dicom-any-aet.impl'`. */
export type FindingKey = keyof typeof en.findings

/**
 * A group of title + detail + recommendation in the catalog: a rule's id, or `<ruleId>.<variant>` for a rule with
 * several findings (`'undeclared-open-port.noPortList'`). A misspelt group does not compile.
 */
export type FindingGroup = FindingKey extends infer K ? (K extends `${infer G}.title` ? G : never) : never

/** No text in either language: what an optional part renders to when it has nothing to say. */
export const NO_TEXT: Bilingual = { ja: '', en: '' }

/**
 * A finding's title, detail and recommendation from the catalog: `findings.<key>.title`, `.detail` and
 * `.recommendation`, each in both languages with the same `params`.
 *
 * @example findingText('ftp-anonymous', { port: 21, note: incompleteNote(false, undefined) })
 */
export function findingText(key: FindingGroup, params: MessageParams = {}): FindingText {
  const title = bilingual(`findings.${key}.title`, params)
  const detail = bilingual(`findings.${key}.detail`, params)
  const recommendation = bilingual(`findings.${key}.recommendation`, params)
  return {
    titleJa: title.ja,
    titleEn: title.en,
    detailJa: detail.ja,
    detailEn: detail.en,
    recommendationJa: recommendation.ja,
    recommendationEn: recommendation.en,
  }
}

/** One part of a finding's text from the catalog (`findings.<key>`) in both languages, e.g. a reason or a risk. */
export function findingPart(key: FindingKey, params: MessageParams = {}): Bilingual {
  return bilingual(`findings.${key}`, params)
}

/**
 * An optional part of a finding's text (`findings.<key>`, e.g. ` (login prompt "{{prompt}}")`) with `value` as its
 * `{{name}}`, or {@link NO_TEXT} when there is no value.
 */
export function optionalPart(key: FindingKey, name: string, value: string | null | undefined): Bilingual {
  return value ? findingPart(key, { [name]: value }) : NO_TEXT
}

/**
 * Sentence added to details when the check stopped part-way (`findings.partial.note`), with the reason when known.
 * A reason may be bilingual (a catalog text); a probe's own reason is the same in both languages.
 */
export function incompleteNote(incomplete: boolean, reason: MessageParam | undefined): Bilingual {
  if (!incomplete) return NO_TEXT
  const why = reason ? findingPart('partial.why', { reason }) : NO_TEXT
  return findingPart('partial.note', { why })
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
