/**
 * The one Finding model, whatever produced it: an active scan today; disclosures (MDS2/SBOM), advisories, passive
 * capture and checklists next. A source hands the store *drafts*; the store keeps one row per `(source, key)`, so a
 * re-run updates what it found before instead of duplicating it, and a person's decision (accepted, with a reason)
 * survives the re-run.
 */

/** How serious a finding is, most severe first. */
export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const
export type Severity = (typeof SEVERITIES)[number]

/** The six texts of a finding, Japanese and English. */
export interface FindingText {
  titleJa: string
  titleEn: string
  detailJa: string
  detailEn: string
  recommendationJa: string
  recommendationEn: string
}

/**
 * A weakness ready to become a stored finding. `address`/`port` are where it was observed: a scan always has them
 * ({@link AddressedFindingDraft}); a disclosure, an advisory or a checklist answer is about a device, not an address,
 * and leaves them out. Whether a source must give them is the source's `needsAddress`.
 */
export interface FindingDraft extends FindingText {
  /** The rule (or advisory, checklist item…) that produced it: stable, shown to users, used in filters. */
  ruleId: string
  severity: Severity
  address?: string | null
  port?: number | null
  /** What was seen, as text (hex-escaped where binary). */
  evidence: string
  /** The check stopped part-way; the finding may be partial. */
  incomplete: boolean
}

/** A draft observed at a network address (every scan finding). */
export interface AddressedFindingDraft extends FindingDraft {
  address: string
  port: number | null
}

/** One draft as handed to the store: `key` defaults to the source's own key; `deviceId` is the matched device. */
export interface FindingItem<D extends FindingDraft = FindingDraft> {
  draft: D
  key?: string
  deviceId: string | null
  siteId: string
}

/** What an upsert did. */
export interface UpsertCounts {
  created: number
  updated: number
}

/**
 * Where findings are kept (implemented by `storage/finding-repository.ts`; the ports file re-exports it). One
 * transaction per call; a re-run updates by `(source, key)` and keeps status and accepted reason, except that a
 * "fixed" finding seen again is reopened.
 */
export interface FindingStore {
  /** `run` is the scan (or other run) that produced the drafts, or null. */
  upsertFindings(source: string, run: string | null, items: readonly FindingItem[]): Promise<UpsertCounts>
}
