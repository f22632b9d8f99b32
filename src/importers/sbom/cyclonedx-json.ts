import type {
  ComponentInput,
  ComponentKind,
  FeedProblem,
  ParsedSbom,
  VexStatementInput,
  VexStatus,
} from '../../core/vulns/model.js'
import { fileProblem, isObj, type Json, show, str } from '../feeds/input.js'

/**
 * CycloneDX 1.4–1.6 as parsed JSON (the XML reader hands its document over in this same shape): components found
 * recursively (nested `components`, metadata.component as the subject — an HBOM's hardware included), and the
 * `vulnerabilities[].analysis` the BOM carries as VEX, each `affects[].ref` resolved to its component. Pure.
 */

export const CYCLONEDX_VERSIONS = ['1.4', '1.5', '1.6'] as const

const KINDS: Record<string, ComponentKind> = {
  'operating-system': 'operating-system',
  firmware: 'firmware',
  application: 'application',
  library: 'library',
  framework: 'library',
  'device-driver': 'library',
  device: 'device',
}

type Warn = (code: string, path: string, params: Record<string, string | number>) => void

const MAX_DEPTH = 32

function supplierOf(c: Json): string | null {
  for (const key of ['supplier', 'manufacturer']) {
    const s = c[key]
    if (isObj(s) && str(s.name)) return str(s.name)
  }
  return str(c.publisher) ?? str(c.author) ?? (isObj(c.manufacture) ? str(c.manufacture.name) : null)
}

/** Every component, depth first, with bom-ref → component for VEX; a component without a name is a warning. */
export function cycloneDxComponents(
  root: Json,
  warn: Warn,
): { components: ComponentInput[]; byRef: Map<string, ComponentInput>; subject: string | null } {
  const components: ComponentInput[] = []
  const byRef = new Map<string, ComponentInput>()
  const read = (c: unknown, path: string): ComponentInput | null => {
    if (!isObj(c)) {
      warn('notEntry', path, { value: show(c) })
      return null
    }
    const name = str(c.name)
    if (!name) {
      warn('missing', `${path}.name`, {})
      return null
    }
    const kind = KINDS[String(c.type)] ?? 'other'
    const component: ComponentInput = {
      kind,
      name,
      supplier: supplierOf(c),
      version: str(c.version),
      cpe: str(c.cpe),
      purl: str(c.purl),
    }
    const ref = str(c['bom-ref'])
    if (ref) byRef.set(ref, component)
    return component
  }
  const walk = (list: unknown, path: string, depth: number) => {
    if (list === undefined) return
    if (!Array.isArray(list)) return warn('notList', path, { value: show(list) })
    if (depth > MAX_DEPTH) return warn('tooDeep', path, { depth: MAX_DEPTH })
    for (let i = 0; i < list.length; i++) {
      const at = `${path}[${i}]`
      const c = read(list[i], at)
      if (c) components.push(c)
      if (isObj(list[i])) walk((list[i] as Json).components, `${at}.components`, depth + 1)
    }
  }
  const meta = isObj(root.metadata) ? root.metadata : null
  let subject: string | null = null
  if (meta && meta.component !== undefined) {
    const s = read(meta.component, 'metadata.component')
    if (s) {
      subject = s.version ? `${s.name} ${s.version}` : s.name
      // The subject is matchable itself (a device's firmware, an application with its CPE).
      components.push(s)
    }
    if (isObj(meta.component)) walk(meta.component.components, 'metadata.component.components', 1)
  }
  walk(root.components, 'components', 0)
  return { components, byRef, subject }
}

const STATES: Record<string, { status: VexStatus; justification?: string }> = {
  not_affected: { status: 'not_affected' },
  false_positive: { status: 'not_affected', justification: 'false_positive' },
  resolved: { status: 'fixed' },
  resolved_with_pedigree: { status: 'fixed' },
  exploitable: { status: 'affected' },
  in_triage: { status: 'under_investigation' },
}

/** VEX statements of `vulnerabilities[]`: one per CVE × affected ref; entries without analysis state say nothing. */
export function cycloneDxVex(root: Json, byRef: Map<string, ComponentInput>, warn: Warn): VexStatementInput[] {
  const out: VexStatementInput[] = []
  const list = root.vulnerabilities
  if (list === undefined) return out
  if (!Array.isArray(list)) {
    warn('notList', 'vulnerabilities', { value: show(list) })
    return out
  }
  for (let i = 0; i < list.length; i++) {
    const v = list[i]
    const at = `vulnerabilities[${i}]`
    if (!isObj(v)) {
      warn('notEntry', at, { value: show(v) })
      continue
    }
    const cve = str(v.id)
    if (!cve || !/^CVE-\d{4}-\d{4,}$/.test(cve)) {
      // GHSA-, OSV ids are legitimate in CycloneDX but cannot be matched to a CVE: say so and go on.
      warn('notCveId', `${at}.id`, { value: show(v.id) })
      continue
    }
    const analysis = isObj(v.analysis) ? v.analysis : null
    if (!analysis || analysis.state === undefined) continue
    const state = STATES[String(analysis.state)]
    if (!state) {
      warn('vexState', `${at}.analysis.state`, { value: show(analysis.state) })
      continue
    }
    const responses = Array.isArray(analysis.response) ? analysis.response.filter((r) => typeof r === 'string') : []
    const detail = [str(analysis.detail), responses.length ? `response: ${responses.join(', ')}` : null]
      .filter(Boolean)
      .join(' — ')
    const affects = Array.isArray(v.affects) ? v.affects : []
    if (affects.length === 0) warn('missing', `${at}.affects`, {})
    for (let j = 0; j < affects.length; j++) {
      const ref = isObj(affects[j]) ? str((affects[j] as Json).ref) : null
      if (!ref) {
        warn('missing', `${at}.affects[${j}].ref`, {})
        continue
      }
      const c = byRef.get(ref)
      out.push({
        vendor: c?.supplier ?? null,
        product: c?.name ?? null,
        version: c?.version ?? null,
        cpe: c?.cpe ?? null,
        purl: c?.purl ?? (ref.startsWith('pkg:') ? ref : null),
        cve,
        status: state.status,
        justification: state.justification ?? str(analysis.justification),
        detail: detail || null,
        issuedAt: str(analysis.lastUpdated) ?? str(analysis.firstIssued) ?? str(v.updated) ?? str(v.published),
      })
      if (!c && !ref.startsWith('pkg:')) warn('unknownRef', `${at}.affects[${j}].ref`, { value: show(ref) })
    }
  }
  return out
}

/** A parsed CycloneDX document as an SBOM. */
export function sbomFromCycloneDx(root: Json, file: string): ParsedSbom {
  const problems: FeedProblem[] = []
  const specVersion = str(root.specVersion) ?? '(missing)'
  const base: ParsedSbom = {
    format: 'cyclonedx',
    specVersion,
    serialNumber: str(root.serialNumber),
    subject: null,
    components: [],
    vex: [],
    problems,
  }
  if (!(CYCLONEDX_VERSIONS as readonly string[]).includes(specVersion)) {
    problems.push(
      fileProblem(file, 'sbomVersion', { format: 'CycloneDX', version: specVersion, supported: '1.4, 1.5, 1.6' }),
    )
    return base
  }
  const warn: Warn = (code, path, params) =>
    problems.push({ severity: 'warning', code, file, path, params: { file, path, ...params } })
  const { components, byRef, subject } = cycloneDxComponents(root, warn)
  return { ...base, subject, components, vex: cycloneDxVex(root, byRef, warn) }
}
