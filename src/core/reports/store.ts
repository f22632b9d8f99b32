/**
 * What the reports services need from storage (issue 10). Filled in by the module's repository
 * (src/storage/reports-repository.ts → `reportsStoragePorts`), spread into the ports by `storagePorts`.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled in as the module grows
export interface ReportPorts {}
