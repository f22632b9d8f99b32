import type { ServicePorts } from '../index.js'
import type { ModuleCommon } from '../module-common.js'
import { ProcurementService } from './procurement-service.js'

/** The procurement module's services (issue 11 part 1), spread into `buildServices`: `procurement`. */
export function procurementModule(ports: ServicePorts, common: ModuleCommon) {
  return {
    procurement: new ProcurementService(
      ports.procurementStore,
      common.clock,
      common.audit,
      common.catalog,
      ports.disclosures,
    ),
  }
}
