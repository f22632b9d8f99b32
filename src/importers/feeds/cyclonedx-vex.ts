import type { ParsedFeed } from '../../core/vulns/model.js'
import { cycloneDxComponents, cycloneDxVex } from '../sbom/cyclonedx-json.js'
import { fileProblem, found, type InputOptions, isObj, readJson } from './input.js'

/**
 * A standalone CycloneDX VEX document (a BOM whose `vulnerabilities[]` carry `analysis`): the manufacturer's
 * statements, each `affects[].ref` resolved to the component it names (name, version, CPE, purl) when the document
 * lists it. States fold to four: not_affected / false_positive → not_affected, resolved(_with_pedigree) → fixed,
 * exploitable → affected, in_triage → under_investigation. Never throws.
 */

export type CycloneDxVexFeed = Extract<ParsedFeed, { kind: 'cyclonedx-vex' }>

export function readCycloneDxVex(bytes: Uint8Array, file: string, options: InputOptions = {}): CycloneDxVexFeed {
  const result: CycloneDxVexFeed = { kind: 'cyclonedx-vex', file, statements: [], problems: [] }
  const json = readJson(bytes, file, options)
  if (!json.ok) {
    result.problems.push(json.problem)
    return result
  }
  return cycloneDxVexFromJson(json.value, file)
}

/** The same from a parsed document (readFeed parses once). */
export function cycloneDxVexFromJson(root: unknown, file: string): CycloneDxVexFeed {
  const result: CycloneDxVexFeed = { kind: 'cyclonedx-vex', file, statements: [], problems: [] }
  if (!isObj(root) || root.bomFormat !== 'CycloneDX' || !Array.isArray(root.vulnerabilities)) {
    result.problems.push(fileProblem(file, 'notCycloneDxVex', { found: found(root) }))
    return result
  }
  const warn = (code: string, path: string, params: Record<string, string | number>) =>
    result.problems.push({ severity: 'warning', code, file, path, params: { file, path, ...params } })
  const { byRef } = cycloneDxComponents(root, warn)
  result.statements = cycloneDxVex(root, byRef, warn)
  return result
}
