import type { ServicePorts } from '../index.js'
import type { ModuleCommon } from '../module-common.js'

/** The operations module's services (issue 11 part 3: calendar, reminders, re-scan cadence, timeline). */
export function operationsModule(_ports: ServicePorts, _common: ModuleCommon) {
  return {}
}
