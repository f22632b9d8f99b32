import type { ServicePorts } from '../index.js'
import type { ModuleCommon } from '../module-common.js'

/** The actions module's services, spread into `buildServices`. */
export function actionsModule(_ports: ServicePorts, _common: ModuleCommon) {
  return {}
}
