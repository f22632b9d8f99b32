import type { ServicePorts } from '../index.js'
import type { ModuleCommon } from '../module-common.js'
import { ChecklistService } from './checklist-service.js'

/** The checklist module's services, spread into `buildServices`; `checklist` implements ChecklistReader. */
export function checklistModule(ports: ServicePorts, common: ModuleCommon) {
  return { checklist: new ChecklistService(ports.checklist, common.audit, common.clock) }
}
