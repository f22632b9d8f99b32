import type { ServicePorts } from '../index.js'
import type { AssessmentReaders, ModuleCommon } from '../module-common.js'
import { BenchmarkService } from './benchmark-service.js'

/**
 * The benchmark module's services, spread into `buildServices`. `benchmark` also implements the BenchmarkReader
 * (indicators, position) that reports and the home page read. The checklist reader is looked up when used, so a
 * checklist module that is not ready yet leaves checklist completion unmeasured (null) instead of failing.
 */
export function benchmarkModule(
  ports: ServicePorts,
  common: ModuleCommon,
  readers: Omit<AssessmentReaders, 'benchmark'>,
) {
  return {
    benchmark: new BenchmarkService(ports.benchmark, common.audit, common.clock, () => readers.checklist),
  }
}
