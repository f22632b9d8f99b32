import type { ScanCreate } from '../../api/discovery.js'
import { scanCreate } from '../../api/discovery.js'
import { refusalReasonJa } from '../../api/refusal-reasons.js'
import { normalizeIp } from '../core/address.js'
import { parsePortSpec } from '../core/discovery/ports.js'
import { checkScope, type Exclusion } from '../core/discovery/scope.js'
import { countAddresses, DEFAULT_CONFIRM_THRESHOLD, parseTargets } from '../core/discovery/targets.js'
import { MamoriError } from '../core/errors.js'

/** What a scan will touch, decided before any packet is sent. */
export interface ScanPlan {
  targets: string[]
  allowed: string[]
  refused: { target: string; reason: string }[]
  approvedScopes: string[]
  exclusions: Exclusion[]
  fragileAddresses: string[]
  profile: ScanCreate['profile'] & string
  ports: string
}

/** What planning reads: approved scopes, exclusions, and the ledger's "never scan" and fragile devices. */
export interface ScanPlanSources {
  scopes(): Promise<{ target: string }[]>
  exclusions(): Promise<{ address: string; reason: string | null }[]>
  /** Devices marked never-scan or fragile, with their IP addresses as written in the ledger. */
  scanFlagged(): Promise<{ assetTag: string | null; ipAddresses: string[]; neverScan: boolean }[]>
}

interface Refusal {
  target: string
  reason: string
}

/** Refused targets as one bilingual list (English items written by `en`) and as one located detail each. */
function refusals(refused: Refusal[], en: (r: Refusal) => string) {
  return {
    list: {
      en: refused.map(en).join('; '),
      ja: refused.map((r) => `${r.target}（${refusalReasonJa(r.reason)}）`).join('、'),
    },
    details: refused.map((r) => ({ where: r.target, message: r.reason, messageJa: refusalReasonJa(r.reason) })),
  }
}

/**
 * Checks targets against scopes, exclusions and "never scan" devices. Throws with the reason when refused
 * (SCAN_CONFIRMATION_REQUIRED, SCAN_OUT_OF_SCOPE, SCAN_NOTHING_TO_SCAN, PORTS_INVALID) before anything starts.
 */
export async function planScan(
  raw: ScanCreate,
  sources: ScanPlanSources,
  confirmThreshold = DEFAULT_CONFIRM_THRESHOLD,
): Promise<ScanPlan> {
  const input = scanCreate.parse(raw)
  const approvedScopes = (await sources.scopes()).map((s) => s.target)
  const ranges = parseTargets(input.targets)
  const count = countAddresses(ranges)
  if (count > BigInt(confirmThreshold) && !input.confirmLarge) {
    throw MamoriError.of('SCAN_CONFIRMATION_REQUIRED', { count: String(count), threshold: confirmThreshold })
  }
  const outside = checkScope(input.targets, approvedScopes, []).refused
  if (outside.length > 0) {
    const r = refusals(outside, (o) => `${o.target} is ${o.reason}`)
    throw MamoriError.of('SCAN_OUT_OF_SCOPE', { refused: r.list }, r.details)
  }
  const exclusions: Exclusion[] = (await sources.exclusions()).map((e) => ({
    target: e.address,
    reason: e.reason ? `exclusion list: ${e.reason}` : 'exclusion list',
  }))
  const fragileAddresses: string[] = []
  // A ledger row saved before addresses were checked (a host name such as "pump-7.local" in its IP list) must not
  // block every scan: it is skipped and named in the scan's refused list, so that someone fixes the device.
  const ledgerProblems: { target: string; reason: string }[] = []
  for (const d of await sources.scanFlagged()) {
    const tag = d.assetTag ?? 'no asset tag'
    const ips: string[] = []
    for (const raw of d.ipAddresses) {
      const ip = normalizeIp(raw)
      if (ip !== null) ips.push(ip)
      else
        ledgerProblems.push({
          target: raw,
          reason: `ledger device ${tag} has "${raw}" as an IP address, which is not one; skipped (fix the device in the ledger)`,
        })
    }
    if (d.neverScan) for (const ip of ips) exclusions.push({ target: ip, reason: `ledger: never scan (${tag})` })
    else fragileAddresses.push(...ips)
  }
  const scope = checkScope(input.targets, approvedScopes, exclusions)
  const { allowed } = scope
  const refused = [...scope.refused, ...ledgerProblems]
  if (allowed.length === 0) {
    const r = refusals(refused, (o) => `${o.target} (${o.reason})`)
    throw MamoriError.of('SCAN_NOTHING_TO_SCAN', { refused: r.list }, r.details)
  }
  const ports = input.ports ?? 'top'
  parsePortSpec(ports) // throws PORTS_INVALID with the accepted forms before anything starts
  return {
    targets: input.targets,
    allowed,
    refused,
    approvedScopes,
    exclusions,
    fragileAddresses,
    profile: input.profile,
    ports,
  }
}
