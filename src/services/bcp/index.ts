import type { ServicePorts } from '../index.js'
import type { ModuleCommon } from '../module-common.js'
import { BcpService } from './bcp-service.js'

export { BcpService } from './bcp-service.js'

/**
 * The continuity module's services (issue 11 part 5: clinical services, dependencies, parties, device plans, impact;
 * ADR 0042), spread into `buildServices`. Its `bcp` service implements `ContinuityReader` (services/module-common.ts).
 */
export function bcpModule(ports: ServicePorts, common: ModuleCommon) {
  return { bcp: new BcpService(ports.bcpStore, common.clock) }
}
