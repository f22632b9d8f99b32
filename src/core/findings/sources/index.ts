import type { FindingSource } from '../finding-source.js'
import { disclosureFindings } from './disclosure.js'
import { scanFindings } from './scan.js'
import { vulnerabilityFindings } from './vulnerability.js'

/**
 * Every finding source, in display order. To add one (disclosure, advisory, passive, checklist): write
 * `sources/<id>.ts` exporting a `FindingSource` and list it here; the contract tests
 * (`test/findings/finding-sources.test.ts`) then cover it on both databases.
 */
export const FINDING_SOURCES = [
  scanFindings,
  disclosureFindings,
  vulnerabilityFindings,
] as const satisfies readonly FindingSource[]

/** The id of a registered source. */
export type FindingSourceId = (typeof FINDING_SOURCES)[number]['id']

/** The registered source with this id, or undefined. */
export function findingSource(id: string): FindingSource | undefined {
  return FINDING_SOURCES.find((s) => s.id === id)
}
