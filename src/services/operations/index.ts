import type { ServicePorts } from '../index.js'
import type { ModuleCommon } from '../module-common.js'
import { OperationsService } from './operations-service.js'

/** The operations module's services (issue 11 part 3: calendar, reminders, re-scan cadence, timeline). */
export function operationsModule(ports: ServicePorts, common: ModuleCommon) {
  const operations = new OperationsService(ports.operations, ports.vulns, common)
  return {
    operations,
    /** Stops the daily reminder timer (started by `operations.start()` in `serve`); for `onClose`. */
    operationsOnClose: () => operations.stop(),
  }
}
