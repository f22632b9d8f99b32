import type { ServicePorts } from '../index.js'
import type { ContinuityReader, ModuleCommon } from '../module-common.js'

/**
 * The continuity module's services (issue 11 part 5: clinical services, dependencies, parties, device plans, impact),
 * spread into `buildServices`. Its `bcp` service implements `ContinuityReader` (services/module-common.ts).
 */
export function bcpModule(_ports: ServicePorts, _common: ModuleCommon) {
  // Placeholder until the module lands: an empty plan.
  const bcp: ContinuityReader = {
    services: async () => ({ items: [], warnings: [] }),
    devicePlans: async () => [],
    plannedDeviceIds: async () => [],
    servicesDependingOn: async () => [],
  }
  return { bcp }
}
