import type { ServicePorts } from '../index.js'
import type { ModuleCommon } from '../module-common.js'
import { RiskService } from './risk-service.js'

/** The risk module's services, spread into `buildServices`: `risk` implements RiskReader (module-common.ts). */
export function riskModule(ports: ServicePorts, common: ModuleCommon) {
  return { risk: new RiskService(ports.risk, common.clock) }
}
