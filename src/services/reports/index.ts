import type { ServicePorts } from '../index.js'
import type { AssessmentReaders, ModuleCommon } from '../module-common.js'
import { ReportService } from './report-service.js'

export type { ReportFile, ReportFormat, ReportLang } from './report-service.js'
export { ReportService } from './report-service.js'

/**
 * The reports module's services, spread into `buildServices`: `reports` (downloads, the home page, schedules) and
 * `reportsOnClose`, the hook that stops the schedule timer (for `onClose`). `reports.start()` starts the timer (serve).
 */
export function reportsModule(ports: ServicePorts, common: ModuleCommon, readers: AssessmentReaders) {
  const reports = new ReportService(ports.reports, readers, common)
  return { reports, reportsOnClose: () => reports.stop() }
}
