/**
 * A manufacturer's VEX statement (CSAF VEX, CycloneDX VEX) against the engine's answers: "not affected" and "fixed"
 * override a match for the devices the statement is about, with the statement and its justification shown;
 * "under investigation" leaves the match and says so; "affected" confirms it. A statement is about a device when
 * it names the device's catalog model (statement.modelId), or the same maker (through the alias table) and the same
 * product — the model name, the matched component's name, CPE vendor:product or purl package. A statement that
 * gives a version applies only to devices (or components) at that version. Pure.
 */
import { normaliseModel } from '../catalog/normalise.js'
import type { VendorResolver } from '../catalog/vendor-resolver.js'
import { compareVersions } from '../catalog/version.js'
import { parseCpe } from './cpe.js'
import { namesModel } from './match-product.js'
import type { DeviceForVulnMatch, Reason, VexStatement, VulnMatch } from './model.js'
import { parsePurl, purlPackageKey } from './purl.js'

type DeviceComponent = DeviceForVulnMatch['components'][number]

const STATUS_WORDS: Record<VexStatement['status'], { ja: string; en: string }> = {
  not_affected: { ja: '影響なし', en: 'not affected' },
  fixed: { ja: '修正済み', en: 'fixed' },
  under_investigation: { ja: '調査中', en: 'under investigation' },
  affected: { ja: '影響あり', en: 'affected' },
}

function purlKey(text: string | null): string | null {
  if (!text) return null
  const p = parsePurl(text)
  return 'purl' in p ? purlPackageKey(p.purl) : null
}

function cpeKey(text: string | null): string | null {
  const c = text ? parseCpe(text) : null
  return c ? `${c.vendor}:${c.product}` : null
}

/** Whether the statement names this device (and its component, when the match came through one). */
function about(
  s: VexStatement,
  d: DeviceForVulnMatch,
  component: DeviceComponent | null,
  vendors: VendorResolver,
): boolean {
  const version = component?.version ?? d.softwareVersion
  // A statement for version X is about devices at X only; a device without a version is not known to be at X.
  if (s.version && (!version || compareVersions(version, s.version) !== 0)) return false
  if (s.modelId && d.catalogModel && s.modelId === d.catalogModel.id) return true
  const sc = cpeKey(s.cpe)
  if (sc && component && sc === cpeKey(component.cpe)) return true
  const sp = purlKey(s.purl)
  if (sp && component && sp === purlKey(component.purl)) return true
  if (!s.vendor || !s.product) return false
  const sv = vendors.resolve(s.vendor)
  const dv = vendors.resolve(d.catalogModel?.vendor ?? d.manufacturer)
  const cv = component?.supplier ? vendors.resolve(component.supplier) : null
  const product = normaliseModel(s.product)
  if (!sv || product.length < 2) return false
  const model = d.catalogModel?.name ?? d.model
  // The same test an advisory's product gets: the model named in the product on word boundaries ("Xhibit Telemetry
  // Receiver" in "Xhibit Telemetry Receiver (XTR) Model number 96280"), so a VEX reaches the devices its advisory did.
  if (dv?.vendorKey === sv.vendorKey && model && (normaliseModel(model) === product || namesModel(s.product, model)))
    return true
  return !!component && (cv ?? dv)?.vendorKey === sv.vendorKey && normaliseModel(component.name) === product
}

function vexReason(s: VexStatement): Reason {
  const w = STATUS_WORDS[s.status]
  const just = s.justification ? ` — ${s.justification}` : ''
  const detail = s.detail ? `(${s.detail})` : ''
  return {
    ja: `製造業者の VEX(${s.sourceId}): ${w.ja}${just}${detail}`,
    en: `manufacturer's VEX (${s.sourceId}): ${w.en}${just}${s.detail ? ` (${s.detail})` : ''}`,
  }
}

/** Which statement speaks when several name the same device and CVE: a ruling out before a confirmation. */
const ORDER: Record<VexStatement['status'], number> = { not_affected: 0, fixed: 1, affected: 2, under_investigation: 3 }

/**
 * Applies VEX statements to the engine's answers (a new array; the answers given are not changed). Matches already
 * ruled out by version stay as they are: a statement cannot make them more affected than their version is.
 */
export function applyVex(
  matches: VulnMatch[],
  statements: readonly VexStatement[],
  devices: ReadonlyMap<string, DeviceForVulnMatch>,
  vendors: VendorResolver,
): VulnMatch[] {
  const byCve = new Map<string, VexStatement[]>()
  for (const s of statements) {
    const key = s.cve.toUpperCase()
    const list = byCve.get(key)
    if (list) list.push(s)
    else byCve.set(key, [s])
  }
  for (const list of byCve.values()) list.sort((a, b) => ORDER[a.status] - ORDER[b.status])
  return matches.map((m) => {
    const list = m.cve ? byCve.get(m.cve.toUpperCase()) : undefined
    const d = devices.get(m.deviceId)
    if (!list || !d || m.decision === 'ruled-out-by-version') return m
    const component = m.componentId ? (d.components.find((c) => c.id === m.componentId) ?? null) : null
    const s = list.find((x) => about(x, d, component, vendors))
    if (!s) return m
    const vex = {
      sourceKind: s.sourceKind,
      sourceId: s.sourceId,
      status: s.status,
      justification: s.justification,
      detail: s.detail,
    }
    const reasons = [...m.reasons, vexReason(s)]
    if (s.status === 'not_affected' || s.status === 'fixed') return { ...m, decision: 'not-affected', reasons, vex }
    if (s.status === 'affected')
      return { ...m, decision: 'affected', confidence: Math.max(m.confidence, 0.99), reasons, vex }
    return { ...m, reasons, vex }
  })
}
