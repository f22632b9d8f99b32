/**
 * What the procurement (requirements, bids, comparison) services need from storage (issue 11). Filled in by src/storage/procurement-repository.ts
 * (`procurementStoragePorts`), spread into the ports by `storagePorts`.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled in by the module (issue 11)
export interface ProcurementPorts {}
