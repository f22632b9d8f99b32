import type { ServicePorts } from '../index.js'
import type { ModuleCommon } from '../module-common.js'
import type { ScanService } from '../scan-service.js'

/**
 * Passive discovery (issue 12, ADR 0044), spread into `buildServices`: `captures` (file and live capture imports,
 * through the scan service's reconciliation and finding rules) and the communications map.
 */
export function captureModule(ports: ServicePorts, _common: ModuleCommon, _deps: { scans: ScanService }) {
  return { captures: { list: (limit = 50) => ports.captureStore.listCaptures(limit) } }
}
