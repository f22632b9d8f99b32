import net from 'node:net'
import type { SkippedHost } from '../core/discovery/admission.js'
import type { PortSet } from '../core/discovery/ports.js'
import type { ScanProfile } from '../core/discovery/profiles.js'
import type { Exclusion } from '../core/discovery/scope.js'
import type { ConnectionGate } from '../net/gate.js'
import type { EngineNet } from '../net/probe-net.js'
import type { Probe } from '../probes/probe.js'
import type { ProgressTracker } from './progress-tracker.js'

/**
 * What every step of one scan shares: built once by `runScan`, read by the host pipeline and the probe runner.
 * Everything here is fixed for the scan except `skipped` (appended to) and the tracker's counters.
 */
export interface ScanContext {
  readonly profile: ScanProfile
  readonly ports: PortSet
  readonly limits: Pick<ScanProfile, 'perHostConcurrency' | 'perHostRate' | 'globalRate' | 'globalConcurrency'>
  readonly approvedScopes: readonly string[]
  readonly exclusions: readonly (Exclusion | string)[]
  readonly assumeUp: boolean
  readonly icmp: boolean
  readonly gate: ConnectionGate
  /** The scan's own signal: aborted when the caller's fires, and only then. */
  readonly signal: AbortSignal
  readonly net: EngineNet
  /** Neighbour table reader, cached (pass `true` for a fresh read). */
  readonly neighbours: (fresh?: boolean) => Promise<Map<string, string>>
  /** Probes this request may run (ids and safety already filtered). */
  readonly probes: readonly Probe[]
  /** Whether intrusive probes may run against this (canonical) address. */
  intrusiveAllowed(address: string): boolean
  readonly progress: ProgressTracker
  readonly skipped: SkippedHost[]
}

/** 4 or 6, from the address text. */
export function familyOf(address: string): 4 | 6 {
  return net.isIPv6(address) ? 6 : 4
}
