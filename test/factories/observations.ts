import type { ProbeObservation, ServiceObservation } from '../../src/core/discovery/observation.js'

/** An open TCP service on `port`, not yet named, with no banner or probe results. */
export function buildService(port: number, overrides: Partial<ServiceObservation> = {}): ServiceObservation {
  return { port, transport: 'tcp', state: 'open', service: null, banner: null, probes: [], ...overrides }
}

/**
 * One probe's result: observed with these facts by default; evidence names the probe. An incomplete result gets a
 * reason ('peer reset') unless one is given.
 */
export function buildProbeObservation(
  probeId: string,
  facts: Record<string, unknown> = {},
  outcome: ProbeObservation['outcome'] = 'observed',
  overrides: Partial<ProbeObservation> = {},
): ProbeObservation {
  return {
    probeId,
    outcome,
    facts,
    evidence: `evidence of ${probeId}`,
    ...(outcome === 'incomplete' ? { reason: 'peer reset' } : {}),
    ...overrides,
  }
}
