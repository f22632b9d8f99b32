/**
 * What the continuity: playbooks, contact chain, exercises, downtime cards services need from storage (issue 11). Filled in by src/storage/bcp-plans-repository.ts
 * (`bcpPlansStoragePorts`), spread into the ports by `storagePorts`.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled in by the module (issue 11)
export interface BcpPlansPorts {}
