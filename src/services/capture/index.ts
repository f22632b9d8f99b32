import type { ServicePorts } from '../index.js'
import type { ModuleCommon } from '../module-common.js'
import type { ScanService } from '../scan-service.js'
import { CaptureService } from './capture-service.js'

export { CaptureService } from './capture-service.js'

/**
 * Passive discovery (issue 12, ADR 0044), spread into `buildServices`: `captures` (file and live capture imports,
 * through the scan service's reconciliation and finding rules) and the communications map.
 */
export function captureModule(ports: ServicePorts, common: ModuleCommon, deps: { scans: ScanService }) {
  return {
    captures: new CaptureService({
      store: ports.captureStore,
      jobs: common.jobs,
      scans: deps.scans,
      clock: common.clock,
      audit: common.audit,
    }),
  }
}
