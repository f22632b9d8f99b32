import type { ServicePorts } from '../index.js'
import type { AssessmentReaders, ModuleCommon } from '../module-common.js'

/** The benchmark module's services, spread into `buildServices`. */
export function benchmarkModule(_ports: ServicePorts, _common: ModuleCommon, _readers: AssessmentReaders) {
  return {}
}
