import type { Exclusion, Scope } from '../../api/discovery.js'
import { checkScopeApproval } from '../core/discovery/scope-confirm.js'
import { parseTargets } from '../core/discovery/targets.js'
import type { Actor, DiscoveryStore } from '../core/ports.js'

/**
 * Approved scan scopes and exclusions (admin's decisions; every change is audited by the store). A scope larger
 * than the confirmation threshold needs `confirmLarge`; a target that does not parse is refused before anything
 * is stored.
 */
export class ScopeService {
  constructor(private readonly discovery: DiscoveryStore) {}

  scopes = (): Promise<Scope[]> => this.discovery.scopes()
  exclusions = (): Promise<Exclusion[]> => this.discovery.exclusions()

  /** Approves a scope (CIDR, range or address); TARGET_INVALID or SCOPE_NEEDS_CONFIRMATION otherwise. */
  async approve(target: string, opts: { label?: string | null; confirmLarge?: boolean }, actor: Actor): Promise<Scope> {
    checkScopeApproval(target, opts.confirmLarge === true)
    return this.discovery.addScope(target, opts.label ?? null, actor)
  }

  withdraw = (idOrTarget: string, actor: Actor): Promise<void> => this.discovery.removeScope(idOrTarget, actor)

  /** Never scan this address or range (e.g. life support). */
  async exclude(address: string, reason: string | null, actor: Actor): Promise<Exclusion> {
    parseTargets(address)
    return this.discovery.addExclusion(address, reason, actor)
  }

  include = (idOrAddress: string, actor: Actor): Promise<void> => this.discovery.removeExclusion(idOrAddress, actor)
}
