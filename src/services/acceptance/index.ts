import type { ServicePorts } from '../index.js'
import type { LifecycleDeps, ModuleCommon } from '../module-common.js'
import { AcceptanceService } from './acceptance-service.js'
import { DecommissionService } from './decommission-service.js'

export { AcceptanceService, DecommissionService }

/** The acceptance and decommissioning services (issue 11 parts 2 and 4, ADR 0040), spread into `buildServices`. */
export function acceptanceModule(ports: ServicePorts, common: ModuleCommon, deps: LifecycleDeps) {
  return {
    acceptance: new AcceptanceService(ports, ports.discovery, common, deps),
    decommission: new DecommissionService(ports, common, deps),
  }
}
