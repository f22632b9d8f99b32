import { FIRST_STEPS, type FirstSteps, SEVERITIES } from '../../api/discovery.js'
import type { DiscoveryStore, LedgerReader } from '../core/ports.js'
import type { FindingReviewService } from './finding-review.js'
import type { ReconciliationService } from './reconciliation.js'

/**
 * The dashboard's first steps (import, scope, scan, findings, reconciliation) with their state, and the open
 * findings per severity; and what discovery last saw of one device.
 */
export class FirstStepsService {
  constructor(
    private readonly ledger: Pick<LedgerReader, 'count'>,
    private readonly discovery: Pick<DiscoveryStore, 'scopes' | 'finishedScanCount' | 'lastSeen'>,
    private readonly findings: Pick<FindingReviewService, 'counts'>,
    private readonly reconciliation: Pick<ReconciliationService, 'unknownHostCount'>,
  ) {}

  /** When a scan last saw the device (linked to it or at one of its addresses), with the ports open then. */
  lastSeen(device: { id: string; ipAddresses: readonly string[] }) {
    return this.discovery.lastSeen(device.id, device.ipAddresses)
  }

  async steps(): Promise<FirstSteps> {
    const [deviceCount, scopes, scanCount, counts, unknownHosts] = await Promise.all([
      this.ledger.count(),
      this.discovery.scopes(),
      this.discovery.finishedScanCount(),
      this.findings.counts(),
      this.reconciliation.unknownHostCount(),
    ])
    const urgent = (counts.open.critical ?? 0) + (counts.open.high ?? 0)
    const done = [
      deviceCount > 0,
      scopes.length > 0,
      scanCount > 0,
      scanCount > 0 && urgent === 0,
      scanCount > 0 && unknownHosts === 0,
    ]
    const counts5 = [deviceCount, scopes.length, scanCount, urgent, unknownHosts]
    // The first step not done is "todo"; later ones wait for it, except import and scope, which do not depend
    // on each other (a hospital may approve a scope before its ledger is ready).
    const firstOpen = done.indexOf(false)
    const steps = FIRST_STEPS.map((id, i) => ({
      id,
      state: done[i]
        ? ('done' as const)
        : i === firstOpen || (i <= 1 && firstOpen <= 1)
          ? ('todo' as const)
          : ('waiting' as const),
      count: counts5[i]!,
    }))
    const openFindings = Object.fromEntries(SEVERITIES.map((s) => [s, counts.open[s] ?? 0])) as Record<
      (typeof SEVERITIES)[number],
      number
    >
    return { steps, openFindings }
  }
}
