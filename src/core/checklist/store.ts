/**
 * What the checklist services need from storage (issue 10). Filled in by the module's repository
 * (src/storage/checklist-repository.ts → `checklistStoragePorts`), spread into the ports by `storagePorts`.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled in as the module grows
export interface ChecklistPorts {}
