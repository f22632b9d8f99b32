/**
 * What the operations (calendar, reminders, re-scan cadence, timeline) services need from storage (issue 11). Filled in by src/storage/operations-repository.ts
 * (`operationsStoragePorts`), spread into the ports by `storagePorts`.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled in by the module (issue 11)
export interface OperationsPorts {}
