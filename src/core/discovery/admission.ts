import { canonicalAddress } from './targets.js'

/**
 * Target admission: the first, pure step of a scan. Decides which of the requested addresses the engine may start
 * on, and records why each of the others is skipped. The engine still re-checks every address right before each
 * connection (the gate); admission only keeps obviously refused hosts out of the queue and the progress totals.
 */

/** A host that was not scanned, and why (outside scope, excluded, fragile, stopped before it). */
export interface SkippedHost {
  address: string
  reason: string
}

/** What admission needs to know; `refusal` is normally `ScopeGuard.refusal` (null when the address is permitted). */
export interface AdmissionRules {
  refusal(address: string): string | null
  /** The profile id, quoted in the fragile-host reason. */
  profileId: string
  /** Whether the profile skips hosts the ledger marks fragile. */
  skipFragile: boolean
  /** Addresses the ledger marks fragile (any spelling; canonicalised here). */
  fragileAddresses?: readonly string[]
}

export interface Admission {
  /** Canonical addresses to scan, each once, in request order. */
  queue: string[]
  skipped: SkippedHost[]
}

/**
 * Canonicalises, de-duplicates and filters the requested targets.
 *
 * @example
 * admitTargets(['10.0.0.1', '10.0.0.01', 'x'], { refusal: () => null, profileId: 'gentle', skipFragile: true })
 * // → { queue: ['10.0.0.1'], skipped: [{ address: 'x', reason: 'not an IP address' }] }
 */
export function admitTargets(targets: readonly string[], rules: AdmissionRules): Admission {
  const fragile = new Set((rules.fragileAddresses ?? []).map((a) => canonicalAddress(a) ?? a))
  const skipped: SkippedHost[] = []
  const queue: string[] = []
  const seen = new Set<string>()
  for (const raw of targets) {
    const address = canonicalAddress(raw)
    if (!address) {
      skipped.push({ address: raw, reason: 'not an IP address' })
      continue
    }
    if (seen.has(address)) continue
    seen.add(address)
    const refusal = rules.refusal(address)
    if (refusal) skipped.push({ address, reason: refusal })
    else if (rules.skipFragile && fragile.has(address)) {
      skipped.push({ address, reason: `marked fragile in the ledger: the ${rules.profileId} profile does not scan it` })
    } else queue.push(address)
  }
  return { queue, skipped }
}
