import type { Device } from '../../api/device.js'
import type { Reconciliation, Scan } from '../../api/discovery.js'
import { reconcile } from '../core/discovery/reconcile.js'
import { parseAddress, parseTargets, rangeContains } from '../core/discovery/targets.js'
import { MamoriError } from '../core/errors.js'
import type { Actor, DiscoveryStore, LedgerReader } from '../core/ports.js'
import { deviceFromHost } from './add-host-to-ledger.js'
import type { DeviceService } from './devices.js'
import { toObservation } from './scan-service.js'

/**
 * Observations against the ledger: reconciliation proposes, a person accepts. Reads the whole ledger (every
 * status, never a page) so that a registered device is never reported as unknown however large the ledger.
 */
export class ReconciliationService {
  constructor(
    private readonly discovery: DiscoveryStore,
    private readonly ledger: Pick<LedgerReader, 'ledgerEntries'>,
    private readonly devices: Pick<DeviceService, 'createLinkedToHost'>,
  ) {}

  /** A scan (the latest finished one when no id is given) against the ledger. */
  async ofScan(scanId?: string): Promise<Reconciliation> {
    const scan = scanId ? await this.discovery.scan(scanId) : await this.discovery.latestFinishedScan()
    return reconciliationOf(scan, { discovery: this.discovery, devices: this.ledger })
  }

  /** How many hosts of the latest finished scan nobody registered (the dashboard's count). */
  async unknownHostCount(): Promise<number> {
    const latest = await this.discovery.latestFinishedScan()
    return latest
      ? (await reconciliationOf(latest, { discovery: this.discovery, devices: this.ledger })).unknownHosts.length
      : 0
  }

  /**
   * Adds a discovered host to the ledger in one step (identification prefilled) and links the host to the new
   * device in the same transaction. A 409 HOST_ALREADY_IN_LEDGER when the host is already linked.
   */
  async addHost(hostId: string, extra: { department: string | null }, actor: Actor): Promise<Device> {
    const host = await this.discovery.host(hostId)
    if (host.deviceId) throw MamoriError.of('HOST_ALREADY_IN_LEDGER', { address: host.address })
    return this.devices.createLinkedToHost(deviceFromHost(host, extra), host.id, actor)
  }
}

/**
 * A finished scan against the ledger (devices in use): hosts matched to a device, hosts nobody registered, and
 * ledger devices inside the scan's targets that did not answer. With no scan (`scan` null) nothing can be compared:
 * the answer says so with `scanId: null` rather than pretending every host is registered.
 */
export async function reconciliationOf(
  scan: Scan | null,
  deps: { discovery: Pick<DiscoveryStore, 'hosts'>; devices: Pick<LedgerReader, 'ledgerEntries'> },
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
