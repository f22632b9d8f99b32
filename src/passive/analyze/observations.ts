import type { HostObservation } from '../../core/discovery/observation.js'
import type { CaptureSource, PassiveResult } from '../contract.js'

/** Placeholder (issue 12): what was heard, as the active scan's model. */
export function toHostObservations(_result: PassiveResult, _source: CaptureSource): HostObservation[] {
  return []
}
