import type { HostObservation } from './observation.js'

/** The ledger facts reconciliation needs about one device. */
export interface LedgerEntry {
  id: string
  assetTag: string | null
  department: string | null
  ipAddresses: readonly string[]
  macAddresses: readonly string[]
  hostname: string | null
  status: string
}

export interface HostMatch {
  address: string
  deviceId: string
  /** How the match was made; MAC is the strongest (DHCP moves IPs, never MACs). */
  matchedBy: 'mac' | 'ip' | 'hostname'
}

export interface ReconcileResult {
  matched: HostMatch[]
  /** Hosts that answered but are not in the ledger: to review and add. */
  unknown: HostObservation[]
  /** In-use ledger devices with an address inside the scanned targets that did not answer. */
  missing: LedgerEntry[]
}

const shortName = (h: string) => h.toLowerCase().split('.')[0] ?? ''

/**
 * Matches discovered hosts to ledger devices by MAC, then IP, then host name (first label, case-insensitive).
 * Each device matches at most one host. `scanned` is the set of addresses the scan covered: only devices with an
 * address in it can be reported missing. Pure.
 */
export function reconcile(
  hosts: readonly HostObservation[],
  ledger: readonly LedgerEntry[],
  scanned: ReadonlySet<string>,
): ReconcileResult {
  const byMac = new Map<string, LedgerEntry>()
  const byIp = new Map<string, LedgerEntry>()
  const byName = new Map<string, LedgerEntry>()
  for (const d of ledger) {
    for (const m of d.macAddresses) byMac.set(m.toLowerCase(), d)
    for (const ip of d.ipAddresses) byIp.set(ip, d)
    if (d.hostname) byName.set(shortName(d.hostname), d)
  }
  const used = new Set<string>()
  const matched: HostMatch[] = []
  const unknown: HostObservation[] = []
  for (const h of hosts) {
    if (h.state !== 'up') continue
    const candidates: [HostMatch['matchedBy'], LedgerEntry | undefined][] = [
      ['mac', h.mac ? byMac.get(h.mac.toLowerCase()) : undefined],
      ['ip', byIp.get(h.address)],
      ['hostname', h.hostname ? byName.get(shortName(h.hostname)) : undefined],
    ]
    const hit = candidates.find(([, d]) => d && !used.has(d.id))
    if (hit?.[1]) {
      used.add(hit[1].id)
      matched.push({ address: h.address, deviceId: hit[1].id, matchedBy: hit[0] })
    } else unknown.push(h)
  }
  const missing = ledger.filter(
    (d) => d.status === 'in_use' && !used.has(d.id) && d.ipAddresses.some((ip) => scanned.has(ip)),
  )
  return { matched, unknown, missing }
}
