import type { ServicePorts } from '../index.js'
import type { LifecycleDeps, ModuleCommon } from '../module-common.js'

/** The acceptance and decommissioning services (issue 11 parts 2 and 4), spread into `buildServices`. */
export function acceptanceModule(_ports: ServicePorts, _common: ModuleCommon, _deps: LifecycleDeps) {
  return {}
}
