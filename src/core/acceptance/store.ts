/**
 * What the acceptance tests and decommissioning services need from storage (issue 11). Filled in by src/storage/acceptance-repository.ts
 * (`acceptanceStoragePorts`), spread into the ports by `storagePorts`.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled in by the module (issue 11)
export interface AcceptancePorts {}
