import type { Reconciliation, Scan } from '../../api/discovery.js'
import { reconcile } from '../core/discovery/reconcile.js'
import { parseAddress, parseTargets, rangeContains } from '../core/discovery/targets.js'
import type { DeviceRepository } from '../storage/device-repository.js'
import type { DiscoveryRepository } from '../storage/discovery-repository.js'
import { toObservation } from './scan-service.js'

/**
 * A finished scan against the ledger (devices in use): hosts matched to a device, hosts nobody registered, and
 * ledger devices inside the scan's targets that did not answer. With no scan (`scan` null) nothing can be compared:
 * the answer says so with `scanId: null` rather than pretending every host is registered.
 */
export async function reconciliationOf(
  scan: Scan | null,
  deps: { discovery: DiscoveryRepository; devices: DeviceRepository },
): Promise<Reconciliation> {
  if (!scan) return { scanId: null, scanFinishedAt: null, matched: [], unknownHosts: [], missingDevices: [] }
  const hosts = await deps.discovery.hosts(scan.id)
  // The whole ledger, every status (as the scan that stored the hosts used): reconcile() itself only reports
  // in-use devices as missing, and a host that matches a decommissioned device is still that device.
  const ledger = await deps.devices.ledgerEntries()
  const scanned = new Set<string>()
  for (const h of hosts) scanned.add(h.address)
  const inScan = inTargets(scan.targets)
  for (const d of ledger) for (const ip of d.ipAddresses) if (inScan(ip)) scanned.add(ip)
  const r = reconcile(hosts.map(toObservation), ledger, scanned)
  const byAddress = new Map(hosts.map((h) => [h.address, h]))
  const tags = new Map(ledger.map((d) => [d.id, d.assetTag]))
  return {
    scanId: scan.id,
    scanFinishedAt: scan.finishedAt,
    matched: r.matched.map((m) => ({
      hostId: byAddress.get(m.address)!.id,
      address: m.address,
      deviceId: m.deviceId,
      assetTag: tags.get(m.deviceId) ?? null,
      matchedBy: m.matchedBy,
    })),
    unknownHosts: r.unknown.map((h) => byAddress.get(h.address)!),
    missingDevices: r.missing.map((d) => ({
      deviceId: d.id,
      assetTag: d.assetTag,
      department: d.department,
      ipAddresses: [...d.ipAddresses],
    })),
  }
}

/** A predicate: does an address lie inside a scan's targets (for "not seen" devices)? Targets parsed once. */
function inTargets(targets: string[]): (ip: string) => boolean {
  let ranges: ReturnType<typeof parseTargets> = []
  try {
    ranges = parseTargets(targets)
  } catch {
    // Stored targets were valid when the scan started; an unparsable one matches nothing.
  }
  return (ip) => {
    const a = parseAddress(ip)
    return a !== null && ranges.some((r) => rangeContains(r, a.family, a.value))
  }
}
