import type { RowProblem, ValidRow } from './import-row.js'
import { importText, listRows, listRowsJa } from './import-row.js'
import { foldManufacturer, KEY_LABEL, KEY_LABEL_JA, type KeyField, serialKey } from './keys.js'

/**
 * Duplicate detection inside one file: two rows with the same device id, asset tag, serial number (of the same
 * manufacturer) or MAC address describe the same device, and which one should win is a guess, so both are refused.
 */

/** Rows of a file that share one key value. */
export interface DuplicateGroup {
  field: KeyField
  value: string
  rows: number[]
}

/** Every key value that two or more rows share, in the order first seen. */
export function findDuplicates(rows: readonly ValidRow[]): DuplicateGroup[] {
  const groups = new Map<string, DuplicateGroup>()
  const add = (field: KeyField, key: string, value: string, row: number) => {
    const k = `${field}\u0000${key}`
    const g = groups.get(k)
    if (g) g.rows.push(row)
    else groups.set(k, { field, value, rows: [row] })
  }
  for (const v of rows) {
    if (v.deviceId !== null) add('id', v.deviceId, v.deviceId, v.row)
    if (v.fields.assetTag !== null) add('assetTag', v.fields.assetTag, v.fields.assetTag, v.row)
    const serial = serialKey(v.fields)
    if (serial !== null) add('serialNumber', `${foldManufacturer(v.fields.manufacturer)}\u0000${serial}`, serial, v.row)
    for (const mac of v.fields.macAddresses) add('macAddresses', mac, mac, v.row)
  }
  return [...groups.values()].filter((g) => g.rows.length >= 2)
}

/** One error per row of each group, naming the other rows; `headerFor` gives the file's header of a field. */
export function duplicateProblems(
  groups: readonly DuplicateGroup[],
  headerFor: (field: string) => string | null,
): (RowProblem & { row: number })[] {
  return groups.flatMap((g) =>
    g.rows.map((row) => ({
      row,
      column: headerFor(g.field),
      value: g.value,
      severity: 'error' as const,
      // Two rows: keep "either one" (どちらか一方); more: keep "one of them" (いずれか1行).
      ...importText(g.rows.length === 2 ? 'rowDuplicateKey' : 'rowDuplicateKeyMany', {
        key: { en: KEY_LABEL[g.field] ?? g.field, ja: KEY_LABEL_JA[g.field] ?? g.field },
        value: g.value,
        rows: { en: listRows(g.rows), ja: listRowsJa(g.rows) },
      }),
    })),
  )
}
