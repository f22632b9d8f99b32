import type { ServicePorts } from '../index.js'
import type { ModuleCommon } from '../module-common.js'
import { ActionService } from './action-service.js'

/** The actions module's services, spread into `buildServices`: `actions` implements ActionReader. */
export function actionsModule(ports: ServicePorts, common: ModuleCommon) {
  return { actions: new ActionService(ports.actionStore, common.clock) }
}
