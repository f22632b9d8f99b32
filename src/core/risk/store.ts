/**
 * What the risk services need from storage (issue 10). Filled in by the module's repository
 * (src/storage/risk-repository.ts → `riskStoragePorts`), spread into the ports by `storagePorts`.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled in as the module grows
export interface RiskPorts {}
