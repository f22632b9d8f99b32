/**
 * What the actions services need from storage (issue 10). Filled in by the module's repository
 * (src/storage/actions-repository.ts → `actionsStoragePorts`), spread into the ports by `storagePorts`.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled in as the module grows
export interface ActionPorts {}
