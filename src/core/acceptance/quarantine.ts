import { checkScope } from '../discovery/scope.js'
import { MamoriError } from '../errors.js'

/**
 * The acceptance scan's guard: every address of the device must lie inside the one quarantine scope chosen for the
 * test (not merely inside some approved scope). Returns the first address that is not, or null when all are inside.
 * An address that cannot be parsed counts as outside. Throws ACCEPTANCE_NO_ADDRESS when there is none.
 */
export function addressOutsideQuarantine(
  device: string,
  addresses: readonly string[],
  scopeTarget: string,
): string | null {
  if (addresses.length === 0) throw MamoriError.of('ACCEPTANCE_NO_ADDRESS', { device })
  for (const address of addresses) {
    // One address at a time, as a single target: a CIDR or range in the ledger would widen the scan.
    if (address.includes('/') || address.includes('-')) return address
    try {
      const check = checkScope([address], [scopeTarget])
      if (check.refused.length > 0 || check.allowed.length !== 1) return address
    } catch {
      return address
    }
  }
  return null
}
