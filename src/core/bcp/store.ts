/**
 * What the continuity: clinical services, dependencies, parties, device plans, impact services need from storage (issue 11). Filled in by src/storage/bcp-repository.ts
 * (`bcpStoragePorts`), spread into the ports by `storagePorts`.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled in by the module (issue 11)
export interface BcpPorts {}
