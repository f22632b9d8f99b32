import type { ComponentInput, FeedProblem, ParsedSbom } from '../../core/vulns/model.js'
import { fileProblem } from '../feeds/input.js'
import { SPDX_PURPOSES, SPDX_VERSIONS, spdxSupplier } from './spdx-json.js'

/**
 * SPDX 2.2 / 2.3 tag-value (`Tag: value` lines, `<text>…</text>` spanning lines): a package starts at
 * `PackageName:`; PackageVersion, PackageSupplier, PrimaryPackagePurpose and `ExternalRef: SECURITY cpe23Type …` /
 * `ExternalRef: PACKAGE-MANAGER purl …` fill it. Problems carry the line number.
 */
export function readSpdxTagValue(source: string, file: string): ParsedSbom {
  const problems: FeedProblem[] = []
  const result: ParsedSbom = {
    format: 'spdx',
    specVersion: '',
    serialNumber: null,
    subject: null,
    components: [],
    vex: [],
    problems,
  }
  const lines = source.split(/\r?\n/)
  let current: (ComponentInput & { line: number; id: string | null }) | null = null
  const packages: (ComponentInput & { line: number; id: string | null })[] = []
  let describes: string | null = null
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!
    if (line.trim() === '' || line.startsWith('#')) continue
    const colon = line.indexOf(':')
    if (colon < 0) {
      problems.push({
        severity: 'warning',
        code: 'tagValueLine',
        file,
        path: `line ${i + 1}`,
        params: { file, line: i + 1, value: line.slice(0, 80) },
      })
      continue
    }
    const tag = line.slice(0, colon).trim()
    let value = line.slice(colon + 1).trim()
    if (value.startsWith('<text>')) {
      // A multi-line value: read on to </text>.
      let j = i
      while (!value.includes('</text>') && j + 1 < lines.length) value += `\n${lines[++j]}`
      i = j
      value = value.replace(/^<text>|<\/text>$/g, '')
    }
    if (tag === 'SPDXVersion') result.specVersion = value
    else if (tag === 'DocumentName') result.subject = value
    else if (tag === 'DocumentNamespace') result.serialNumber = value
    else if (tag === 'Relationship' && / DESCRIBES /.test(value)) describes ??= value.split(/\s+/)[2] ?? null
    else if (tag === 'PackageName') {
      current = {
        kind: 'other',
        name: value,
        supplier: null,
        version: null,
        cpe: null,
        purl: null,
        line: i + 1,
        id: null,
      }
      packages.push(current)
    } else if (!current) continue
    else if (tag === 'SPDXID') current.id = value
    else if (tag === 'PackageVersion') current.version = value === 'NOASSERTION' ? null : value || null
    else if (tag === 'PackageSupplier') current.supplier = spdxSupplier(value)
    else if (tag === 'PackageOriginator') current.supplier ??= spdxSupplier(value)
    else if (tag === 'PrimaryPackagePurpose') current.kind = SPDX_PURPOSES[value] ?? 'other'
    else if (tag === 'ExternalRef') {
      const [, type, locator] = value.split(/\s+/)
      if (type === 'cpe23Type' && locator) current.cpe ??= locator
      else if (type === 'purl' && locator) current.purl ??= locator
    }
  }
  if (!(SPDX_VERSIONS as readonly string[]).includes(result.specVersion)) {
    problems.push(
      fileProblem(file, 'sbomVersion', {
        format: 'SPDX',
        version: result.specVersion || '(missing)',
        supported: '2.2, 2.3',
      }),
    )
    return result
  }
  for (const p of packages) {
    if (!p.name) {
      problems.push({
        severity: 'warning',
        code: 'missing',
        file,
        path: `line ${p.line}`,
        params: { file, path: `line ${p.line}` },
      })
      continue
    }
    const { line: _line, id: _id, ...component } = p
    result.components.push(component)
  }
  const described = packages.find((p) => p.id !== null && p.id === describes)
  if (described) result.subject = described.version ? `${described.name} ${described.version}` : described.name
  return result
}
