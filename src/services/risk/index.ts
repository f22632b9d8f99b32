import type { ServicePorts } from '../index.js'
import type { ModuleCommon } from '../module-common.js'

/** The risk module's services, spread into `buildServices`. */
export function riskModule(_ports: ServicePorts, _common: ModuleCommon) {
  return {}
}
