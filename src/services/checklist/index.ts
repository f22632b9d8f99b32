import type { ServicePorts } from '../index.js'
import type { ModuleCommon } from '../module-common.js'

/** The checklist module's services, spread into `buildServices`. */
export function checklistModule(_ports: ServicePorts, _common: ModuleCommon) {
  return {}
}
