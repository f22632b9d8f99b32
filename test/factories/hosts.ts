import type { HostObservation } from '../../src/core/discovery/observation.js'

/**
 * A host as the engine reports it: up (it answered a TCP connect), fully scanned, no MAC or name, no services.
 * Override what the test is about.
 *
 * @example buildHost({ address: '10.0.0.9', services: [buildService(23)] })
 */
export function buildHost(overrides: Partial<HostObservation> = {}): HostObservation {
  return {
    address: '10.0.0.5',
    mac: null,
    hostname: null,
    state: 'up',
    upReason: 'tcp-connect',
    services: [],
    complete: true,
    ...overrides,
  }
}
