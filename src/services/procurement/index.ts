import type { ServicePorts } from '../index.js'
import type { ModuleCommon } from '../module-common.js'

/** The procurement module's services (issue 11 part 1), spread into `buildServices`. */
export function procurementModule(_ports: ServicePorts, _common: ModuleCommon) {
  return {}
}
