import type { ServicePorts } from '../index.js'
import type { AssessmentReaders, ModuleCommon } from '../module-common.js'

/** The reports module's services, spread into `buildServices`. */
export function reportsModule(_ports: ServicePorts, _common: ModuleCommon, _readers: AssessmentReaders) {
  return {}
}
