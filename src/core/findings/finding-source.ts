import type { FindingDraft } from './finding.js'

/**
 * A finding source: one producer of findings (a plugin family like probes, Kysely's dialects). Each source is one
 * file in `sources/` and one line in `sources/index.ts`; the store and the contract tests work from this interface.
 *
 * @example
 * export const advisoryFindings = {
 *   id: 'advisory',
 *   label: bilingual('findings.source.advisory'),
 *   needsAddress: false,
 *   key: (d) => d.ruleId,
 * } satisfies FindingSource
 */
export interface FindingSource<D extends FindingDraft = FindingDraft> {
  /** Stored in `findings.source`; part of the identity `(source, key)`, so it never changes. */
  readonly id: string
  /** Shown in the UI and reports: the catalog's `findings.source.<id>` (src/core/messages/{ja,en}/findings.ts). */
  readonly label: { readonly ja: string; readonly en: string }
  /** Drafts of this source must carry an address (the store refuses those without). */
  readonly needsAddress: boolean
  /**
   * The identity of a finding within the source: the same weakness seen again gives the same key. Pure; never
   * include what changes between runs (evidence, time).
   */
  key(draft: D): string
}

/** Why a draft cannot be stored for this source, or null when it can. */
export function draftProblem(source: FindingSource, draft: FindingDraft): string | null {
  if (source.needsAddress && !draft.address)
    return `Finding source "${source.id}" needs an address, but the draft for rule "${draft.ruleId}" has none.`
  return null
}
