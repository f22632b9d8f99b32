/**
 * The ledger import use case: plan (a dry run that writes nothing) and commit (one transaction).
 *
 * Planning matches each valid row to an existing device by device id (from an earlier export), then asset tag, then
 * serial number, then MAC address, and decides create / update (only the fields that differ) / unchanged / reject.
 * Committing re-reads the same devices inside the transaction and aborts if any of them changed since the preview.
 *
 * The steps live in `./import/` (plan, commit, preview, rejected rows, ids) and the rules they apply in
 * `core/ledger/` (duplicates, matching, diff, decide); this module is the entry point the server, the CLI, the job
 * runner and the tests import from.
 */

export { type CommitOptions, commitDeviceImport, staleImport } from './import/commit.js'
export {
  type ImportAction,
  type ImportPlan,
  type PlannedCreate,
  type PlannedUpdate,
  type PlanOptions,
  type Progress,
  planDeviceImport,
} from './import/plan.js'
export { collapseRepeated } from './import/preview.js'
export { REJECTED_REASON_HEADER, rejectedRowsTable } from './import/rejected-rows.js'
export { uuidV7Sequence } from './import/uuid-v7.js'
