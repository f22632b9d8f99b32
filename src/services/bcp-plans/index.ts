import type { ServicePorts } from '../index.js'
import type { ContinuityReader, ModuleCommon } from '../module-common.js'
import { BcpPlansService } from './plans-service.js'

export { BcpPlansService, type CardsFile, type CardsQuery } from './plans-service.js'

/**
 * Playbooks, the contact chain, exercises and downtime cards (issue 11 part 5; ADR 0043), spread into
 * `buildServices` as `bcpPlans`. Reads services and device plans through `continuity` (the bcp module).
 */
export function bcpPlansModule(ports: ServicePorts, common: ModuleCommon, continuity: ContinuityReader) {
  return { bcpPlans: new BcpPlansService(ports.bcpPlansStore, ports.reports, common, continuity) }
}
