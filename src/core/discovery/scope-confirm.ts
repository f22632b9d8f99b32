import { MamoriError } from '../errors.js'
import { countAddresses, DEFAULT_CONFIRM_THRESHOLD, parseTargets } from './targets.js'

/**
 * Approving a scope is approving every address in it for active scans. A scope larger than the scan confirmation
 * threshold (1,024 addresses: more than a /22 or a few VLANs) needs the same explicit confirmation as a large scan
 * (`confirmLarge` in the API, `--yes` in the CLI), IPv4 and IPv6 alike: 0.0.0.0/0 (all of IPv4), ::/0 (all of IPv6)
 * and any IPv6 /64 are far past it.
 * @throws MamoriError `SCOPE_NEEDS_CONFIRMATION` (400) when not confirmed, `TARGET_INVALID` for a bad target.
 */
export function checkScopeApproval(target: string, confirmed: boolean, threshold = DEFAULT_CONFIRM_THRESHOLD): bigint {
  const ranges = parseTargets(target)
  const count = countAddresses(ranges)
  if (count <= BigInt(threshold) || confirmed) return count
  const whole = ranges.some((r) => r.family === 4 && r.first === 0n && r.last === 0xffffffffn)
    ? {
        en: ' That is every IPv4 address, the whole Internet included.',
        ja: 'これはインターネット全体を含む、すべての IPv4 アドレスです。',
      }
    : ranges.some((r) => r.family === 6 && r.first === 0n && r.last === (1n << 128n) - 1n)
      ? {
          en: ' That is every IPv6 address, the whole Internet included.',
          ja: 'これはインターネット全体を含む、すべての IPv6 アドレスです。',
        }
      : { en: '', ja: '' }
  const n = count.toLocaleString('en-US')
  throw MamoriError.of('SCOPE_NEEDS_CONFIRMATION', { target, count: n, threshold, whole }, [
    { where: 'target', message: `${n} addresses` },
  ])
}
