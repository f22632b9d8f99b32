/**
 * MAC vendor lookup from the IEEE registries (MA-L, MA-M, MA-S) as packaged by `oui-data`. The 5 MB table
 * is read on first use only, once, so commands that never identify hosts do not pay for it.
 */
import { createRequire } from 'node:module'
import { normalizeMac as parseMac } from '../core/address.js'

let table: Record<string, string> | null = null

function load(): Record<string, string> {
  if (table === null) {
    const require = createRequire(import.meta.url)
    const data: unknown = require('oui-data')
    const out: Record<string, string> = {}
    if (typeof data === 'object' && data !== null) {
      for (const [k, v] of Object.entries(data)) if (typeof v === 'string') out[k] = v
    }
    table = out
  }
  return table
}

/** Normalises a MAC in any common spelling (aa:bb:cc:dd:ee:ff, AA-BB-…, aabb.ccdd.eeff) to 12 upper-case hex digits. */
export function normalizeMac(mac: string): string | null {
  return parseMac(mac)?.replaceAll(':', '').toUpperCase() ?? null
}

/**
 * The organisation registered for a MAC address, or null. Tries the longest assignment first: MA-S (36-bit,
 * 9 hex digits), MA-M (28-bit, 7), then MA-L (24-bit, 6). Locally administered addresses (bit 1 of the first
 * octet set: randomised Wi-Fi MACs, virtual machines) belong to no vendor and return null.
 *
 * @example
 * ```ts
 * lookupVendor('00:09:5c:12:34:56') // 'Philips Medical Systems - Cardiac and Monitoring Systems (CM\n3000 Minuteman Road…'
 * ```
 */
export function lookupVendor(mac: string): string | null {
  const hex = normalizeMac(mac)
  if (hex === null) return null
  if ((Number.parseInt(hex.slice(0, 2), 16) & 0x02) !== 0) return null
  const t = load()
  return t[hex.slice(0, 9)] ?? t[hex.slice(0, 7)] ?? t[hex.slice(0, 6)] ?? null
}
