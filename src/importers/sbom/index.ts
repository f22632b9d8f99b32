import type { ParsedSbom } from '../../core/vulns/model.js'
import { decodeText, fileProblem, found, type InputOptions, isObj, parseJsonText } from '../feeds/input.js'
import { sbomFromCycloneDx } from './cyclonedx-json.js'
import { readCycloneDxXml } from './cyclonedx-xml.js'
import { sbomFromSpdxJson } from './spdx-json.js'
import { readSpdxTagValue } from './spdx-tag-value.js'

/**
 * An SBOM file, its format told by its content: CycloneDX JSON (`bomFormat`), CycloneDX XML (`<bom`), SPDX JSON
 * (`spdxVersion`), SPDX tag-value (`SPDXVersion:`). gzip accepted. Never throws; a file it cannot read is one error
 * problem naming what it found, and no component.
 */
export function readSbom(bytes: Uint8Array, file: string, options: InputOptions = {}): ParsedSbom {
  const none = (problem: ParsedSbom['problems'][number], format: ParsedSbom['format'] = 'cyclonedx'): ParsedSbom => ({
    format,
    specVersion: '',
    serialNumber: null,
    subject: null,
    components: [],
    vex: [],
    problems: [problem],
  })
  const text = decodeText(bytes, file, options)
  if (!text.ok) return none(text.problem)
  const head = text.text.slice(0, 4096).trimStart()
  if (head.startsWith('{')) {
    const json = parseJsonText(text.text, file)
    if (!json.ok) return none(json.problem)
    const root = json.value
    if (isObj(root) && root.bomFormat === 'CycloneDX') return sbomFromCycloneDx(root, file)
    if (isObj(root) && typeof root.spdxVersion === 'string') return sbomFromSpdxJson(root, file)
    if (isObj(root) && (root['@context'] !== undefined || root['@graph'] !== undefined))
      return none(
        fileProblem(file, 'sbomVersion', { format: 'SPDX', version: '3.0 (JSON-LD)', supported: '2.2, 2.3' }),
        'spdx',
      )
    return none(fileProblem(file, 'notSbom', { found: `JSON with ${found(root)}` }))
  }
  if (head.startsWith('<')) return readCycloneDxXml(text.text, file)
  if (/^SPDXVersion:/m.test(head)) return readSpdxTagValue(text.text, file)
  return none(fileProblem(file, 'notSbom', { found: JSON.stringify(head.slice(0, 40)) }))
}
