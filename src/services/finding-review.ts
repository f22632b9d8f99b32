import type { Finding } from '../../api/discovery.js'
import { MamoriError } from '../core/errors.js'
import type { Actor, DiscoveryStore, FindingQuery } from '../core/ports.js'

/** A person's decision on a finding: accept the risk (with a reason and an expiry), reopen it or mark it fixed. */
export interface FindingDecision {
  status: Finding['status']
  reason?: string
  expiresAt?: string
}

/** Reading findings from every source and recording people's decisions on them (audited by the store). */
export class FindingReviewService {
  /** Called after this service changed findings or devices (wired to the action plan and risk refresh). */
  afterChange: (actor: Actor) => Promise<void> = async () => {}

  constructor(private readonly discovery: DiscoveryStore) {}

  list = (q: FindingQuery) => this.discovery.findings(q)
  counts = () => this.discovery.findingCounts()

  /** Accepting a risk needs a reason (a 400 FINDING_REASON_REQUIRED otherwise). */
  async decide(id: string, decision: FindingDecision, actor: Actor): Promise<Finding> {
    if (decision.status === 'accepted' && !decision.reason) {
      throw MamoriError.of('FINDING_REASON_REQUIRED')
    }
    const finding = await this.discovery.updateFinding(id, decision, actor)
    await this.afterChange(actor)
    return finding
  }
}
