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
  // One map per key (no key strings built per row). A value seen once is only its first row and when it was seen;
  // a group is made on the second sighting (most values are unique), and groups keep the order of first sightings.
  const maps = {
    id: new Map<string, number | DuplicateGroup>(),
    assetTag: new Map<string, number | DuplicateGroup>(),
    serialNumber: new Map<string, number | DuplicateGroup>(),
    macAddresses: new Map<string, number | DuplicateGroup>(),
  }
  const groups: { at: number; group: DuplicateGroup }[] = []
  const firstRow: number[] = []
  const add = (field: KeyField, key: string, value: string, row: number) => {
    const m = maps[field]
    const seen = m.get(key)
    if (seen === undefined) {
      m.set(key, firstRow.length)
      firstRow.push(row)
    } else if (typeof seen === 'number') {
      const group = { field, value, rows: [firstRow[seen]!, row] }
      m.set(key, group)
      groups.push({ at: seen, group })
    } else seen.rows.push(row)
  }
  // Folding a manufacturer name (NFKC) once per distinct name, not once per row.
  const folded = new Map<string | null, string>()
  const fold = (m: string | null) => {
    let f = folded.get(m)
    if (f === undefined) {
      f = foldManufacturer(m)
      if (folded.size < 10_000) folded.set(m, f)
    }
    return f
  }
  for (const v of rows) {
    if (v.deviceId !== null) add('id', v.deviceId, v.deviceId, v.row)
    if (v.fields.assetTag !== null) add('assetTag', v.fields.assetTag, v.fields.assetTag, v.row)
    const serial = serialKey(v.fields)
    if (serial !== null) add('serialNumber', `${fold(v.fields.manufacturer)}\u0000${serial}`, serial, v.row)
    for (const mac of v.fields.macAddresses) add('macAddresses', mac, mac, v.row)
  }
  return groups.sort((a, b) => a.at - b.at).map((g) => g.group)
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
