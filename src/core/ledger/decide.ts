import type { Device, DeviceFields } from './device.js'
import { diffRow, type FieldDiff } from './diff.js'
import type { ValidRow } from './import-row.js'

/**
 * What the import does with a valid row that no rule refused: create a device (no match), update the device it
 * matched (only the fields that differ), or leave it unchanged.
 */

export type ImportAction = 'create' | 'update' | 'unchanged' | 'reject'

export type RowDecision =
  | { action: 'create'; row: number; fields: DeviceFields }
  | { action: 'update'; row: number; device: Device; diff: FieldDiff }
  | { action: 'unchanged'; row: number; device: Device; diff: FieldDiff }

/** Decides one row from the device it matched (undefined: none). */
export function decideRow(v: ValidRow, matched: Device | undefined): RowDecision {
  if (!matched) return { action: 'create', row: v.row, fields: v.fields }
  const diff = diffRow(matched, v)
  return diff.changed.length === 0
    ? { action: 'unchanged', row: v.row, device: matched, diff }
    : { action: 'update', row: v.row, device: matched, diff }
}

/** One line that says which device a row is about (name / manufacturer / model / department / address). */
export function summaryOf(f: DeviceFields): string {
  const parts = [f.name, f.manufacturer, f.model, f.department, f.ipAddresses[0] ?? f.hostname].filter(
    (p): p is string => typeof p === 'string' && p.length > 0,
  )
  return parts.join(' / ') || f.category
}
