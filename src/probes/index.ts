import type { Probe } from './probe.js'

/**
 * The probe registry, in the order the engine runs them on a service. Placeholder created by the engine so that it
 * compiles; the probes' owner fills it in.
 */
export const PROBES = [] as const satisfies readonly Probe[]
