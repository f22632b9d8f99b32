import type { ImportResult } from '../../../api/import.js'
import { MamoriError, type MessageParams } from '../../core/errors.js'
import type {
  Actor,
  AuditDraft,
  DeviceImportStore,
  DeviceUpdateWrite,
  DeviceWrite,
} from '../../core/ledger/import-store.js'
import { bilingual } from '../../core/messages/translate.js'
import type { ImportPlan, Progress } from './plan.js'

/**
 * Thrown when the ledger changed between the preview and the commit; the user must preview again. `detail` says what
 * changed: a catalog key `import.<key>` with its parameters (rendered in both languages), or a text as it is.
 */
export function staleImport(detail: string | { key: string; params: MessageParams }): MamoriError {
  if (typeof detail === 'string') return MamoriError.of('IMPORT_STALE', { detail })
  return MamoriError.of('IMPORT_STALE', { detail: bilingual(`import.${detail.key}`, detail.params) })
}

export interface CommitOptions {
  actor: Actor
  /** ISO time of the commit (tests pin it). */
  now?: string
  onProgress?: Progress
}

/** Rows per write step (progress granularity); the store chunks further for parameter limits. */
const WRITE_STEP = 5_000

/**
 * Writes a plan in one transaction: creates, updates (only the changed fields differ from what is stored) and audit
 * entries ('device.import' summary, one 'device.create' / 'device.update' per device with before/after). First
 * re-reads, inside the transaction, every device the file's keys match; if any was added, changed or deleted since
 * the preview, it aborts with IMPORT_STALE and nothing is written.
 */
export async function commitDeviceImport(
  store: DeviceImportStore,
  plan: ImportPlan,
  opts: CommitOptions,
): Promise<ImportResult> {
  const { preview } = plan
  if (preview.fatal) {
    throw MamoriError.of('IMPORT_NOT_IMPORTABLE')
  }
  const now = opts.now ?? new Date().toISOString()
  const result: ImportResult = {
    importId: preview.importId,
    created: plan.creates.length,
    updated: plan.updates.length,
    unchanged: preview.unchanged,
    rejected: preview.rejected,
  }
  const total = plan.creates.length + plan.updates.length
  await store.transaction(async (tx) => {
    const current = await tx.findByKeys(plan.keys)
    if (current.length !== plan.snapshot.size) {
      throw staleImport({ key: 'staleAddedOrRemoved', params: { n: Math.abs(current.length - plan.snapshot.size) } })
    }
    for (const d of current) {
      const v = plan.snapshot.get(d.id)
      if (v === undefined) throw staleImport({ key: 'staleAdded', params: { device: d.assetTag ?? d.id } })
      if (v !== d.version) throw staleImport({ key: 'staleEdited', params: { device: d.assetTag ?? d.id } })
    }
    if (plan.missingSites.length > 0) await tx.ensureSites(plan.missingSites, now)
    let done = 0
    opts.onProgress?.('write', 0, total)
    const restoreIndexes = await tx.beginBulkInsert(plan.creates.length)
    for (let i = 0; i < plan.creates.length; i += WRITE_STEP) {
      const part = plan.creates.slice(i, i + WRITE_STEP)
      const writes: DeviceWrite[] = part.map((c) => ({ id: c.id, fields: c.fields }))
      await tx.insertDevices(writes, opts.actor, now)
      await tx.insertAudit(
        part.map((c) => ({
          action: 'device.create',
          targetType: 'device',
          targetId: c.id,
          before: null,
          // Where the device came from, not a copy of it: its state at creation is the `before` of its first later
          // change (or the device as it stands), so a full copy per row would only double what a large import writes.
          after: { importId: preview.importId, file: preview.fileName, row: c.row, assetTag: c.fields.assetTag },
        })),
        opts.actor,
        now,
      )
      done += part.length
      opts.onProgress?.('write', done, total)
    }
    await restoreIndexes()
    for (let i = 0; i < plan.updates.length; i += WRITE_STEP) {
      const part = plan.updates.slice(i, i + WRITE_STEP)
      const writes: DeviceUpdateWrite[] = part.map((u) => ({
        id: u.before.id,
        fields: u.after,
        version: u.before.version + 1,
        createdAt: u.before.createdAt,
        createdBy: u.before.createdBy,
      }))
      await tx.updateDevices(writes, opts.actor, now)
      const audit: AuditDraft[] = part.map((u) => ({
        action: 'device.update',
        targetType: 'device',
        targetId: u.before.id,
        // Whole records, as the device form's audit entries have; `changed` says what the import touched.
        before: u.before,
        after: { ...u.after, id: u.before.id, version: u.before.version + 1, changed: u.changed },
      }))
      await tx.insertAudit(audit, opts.actor, now)
      done += part.length
      opts.onProgress?.('write', done, total)
    }
    await tx.insertAudit(
      [
        {
          action: 'device.import',
          targetType: 'import',
          targetId: preview.importId,
          before: null,
          after: { fileName: preview.fileName, format: preview.format, encoding: preview.encoding, ...result },
        },
      ],
      opts.actor,
      now,
    )
  })
  return result
}
