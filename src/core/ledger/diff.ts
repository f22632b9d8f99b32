import { type Device, type DeviceFields, fieldsOf } from './device.js'
import type { ValidRow } from './import-row.js'

/**
 * The field diff between a device in the ledger and an import row that matched it: only the fields the row sets
 * (blank cells of fields with a default leave them alone), and custom columns merged key by key.
 */

/** The device as the row would leave it, and which fields that changes (in the row's column order). */
export interface FieldDiff {
  before: DeviceFields
  after: DeviceFields
  changed: (keyof DeviceFields)[]
}

/** Equal ledger values: same primitive, or same list/record contents in the same order. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (Array.isArray(a) || Array.isArray(b) || (typeof a === 'object' && a !== null)) {
    return JSON.stringify(a) === JSON.stringify(b)
  }
  return false
}

function sortedRecord(r: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(r).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
}

/** Diffs a row against the device it matched; `changed` is empty when the row would change nothing. */
export function diffRow(device: Device, v: ValidRow): FieldDiff {
  const before = fieldsOf(device)
  const after: DeviceFields = { ...before }
  const changed: (keyof DeviceFields)[] = []
  for (const f of v.given) {
    if (!sameValue(before[f], v.fields[f])) {
      changed.push(f)
      Object.assign(after, { [f]: v.fields[f] })
    }
  }
  if (Object.keys(v.custom).length > 0) {
    const merged: Record<string, string> = { ...before.customFields }
    for (const [k, val] of Object.entries(v.custom)) {
      if (val === null) delete merged[k]
      else merged[k] = val
    }
    // Key order of a record is not a change.
    if (!sameValue(sortedRecord(merged), sortedRecord(before.customFields))) {
      changed.push('customFields')
      after.customFields = merged
    }
  }
  return { before, after, changed }
}

const fmt = (v: unknown) =>
  v === null ? '—' : Array.isArray(v) ? v.join(', ') || '—' : typeof v === 'object' ? JSON.stringify(v) : String(v)

/** The first three changes as text for the preview ("status: in_use → in_storage; +2 more"). */
export function describeDiff({ before, after, changed }: FieldDiff): string {
  return (
    changed
      .slice(0, 3)
      .map((f) => `${f}: ${fmt(before[f])} → ${fmt(after[f])}`)
      .join('; ') + (changed.length > 3 ? `; +${changed.length - 3} more` : '')
  )
}
