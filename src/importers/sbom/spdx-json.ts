import type { ComponentInput, ComponentKind, FeedProblem, ParsedSbom } from '../../core/vulns/model.js'
import { fileProblem, isObj, type Json, show, str } from '../feeds/input.js'

/**
 * SPDX 2.2 / 2.3 JSON: each package a component (name, versionInfo, supplier "Organization: X", externalRefs cpe23Type
 * / purl, primaryPackagePurpose). The subject is the package the document describes, else the document's name.
 * SPDX 3.0 (JSON-LD, another model) is refused with its version named. Pure.
 */

export const SPDX_VERSIONS = ['SPDX-2.2', 'SPDX-2.3'] as const

export const SPDX_PURPOSES: Record<string, ComponentKind> = {
  'OPERATING-SYSTEM': 'operating-system',
  FIRMWARE: 'firmware',
  APPLICATION: 'application',
  LIBRARY: 'library',
  FRAMEWORK: 'library',
  DEVICE: 'device',
}

/** "Organization: Acme (acme@example.com)" → "Acme"; NOASSERTION → null. */
export function spdxSupplier(v: unknown): string | null {
  const s = str(v)
  if (!s || s === 'NOASSERTION') return null
  return s.replace(/^(?:Organization|Person|Tool):\s*/, '').replace(/\s*\([^)]*\)\s*$/, '') || null
}

/** SPDX's "NOASSERTION"/"NONE" mean no value. */
const value = (v: unknown) => {
  const s = str(v)
  return s === 'NOASSERTION' || s === 'NONE' ? null : s
}

export function sbomFromSpdxJson(root: Json, file: string): ParsedSbom {
  const problems: FeedProblem[] = []
  const specVersion = str(root.spdxVersion) ?? '(missing)'
  const base: ParsedSbom = {
    format: 'spdx',
    specVersion,
    serialNumber: str(root.documentNamespace),
    subject: str(root.name),
    components: [],
    vex: [],
    problems,
  }
  if (!(SPDX_VERSIONS as readonly string[]).includes(specVersion)) {
    problems.push(fileProblem(file, 'sbomVersion', { format: 'SPDX', version: specVersion, supported: '2.2, 2.3' }))
    return base
  }
  const warn = (code: string, path: string, params: Record<string, string | number>) =>
    problems.push({ severity: 'warning', code, file, path, params: { file, path, ...params } })
  const packages = root.packages
  if (packages !== undefined && !Array.isArray(packages)) warn('notList', 'packages', { value: show(packages) })
  const list = Array.isArray(packages) ? packages : []
  const components: ComponentInput[] = []
  const byId = new Map<string, ComponentInput>()
  for (let i = 0; i < list.length; i++) {
    const p = list[i]
    const at = `packages[${i}]`
    if (!isObj(p)) {
      warn('notEntry', at, { value: show(p) })
      continue
    }
    const name = str(p.name)
    if (!name) {
      warn('missing', `${at}.name`, {})
      continue
    }
    let cpe: string | null = null
    let purl: string | null = null
    for (const r of Array.isArray(p.externalRefs) ? p.externalRefs : []) {
      if (!isObj(r)) continue
      const loc = str(r.referenceLocator)
      if (r.referenceType === 'cpe23Type' && loc) cpe ??= loc
      else if (r.referenceType === 'purl' && loc) purl ??= loc
    }
    const c: ComponentInput = {
      kind: SPDX_PURPOSES[String(p.primaryPackagePurpose)] ?? 'other',
      name,
      supplier: spdxSupplier(p.supplier) ?? spdxSupplier(p.originator),
      version: value(p.versionInfo),
      cpe,
      purl,
    }
    components.push(c)
    if (str(p.SPDXID)) byId.set(str(p.SPDXID)!, c)
  }
  const described = Array.isArray(root.documentDescribes) ? byId.get(String(root.documentDescribes[0])) : undefined
  return {
    ...base,
    subject: described ? (described.version ? `${described.name} ${described.version}` : described.name) : base.subject,
    components,
  }
}
