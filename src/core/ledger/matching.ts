import type { Device } from './device.js'
import type { RowProblem, ValidRow } from './import-row.js'
import { importText, listRows, listRowsJa } from './import-row.js'
import { KEY_LABEL_JA, sameManufacturer, serialKey } from './keys.js'

/**
 * Matching import rows to devices already in the ledger: by device id (from an earlier export), then asset tag, then
 * serial number (same manufacturer), then MAC address; the first key that finds something decides. A row is refused
 * when its key finds several devices, when another of its keys belongs to a different device, or when two rows find
 * the same device.
 */

/** Where each row goes: the device it updates and the key that found it. Rows not in `target` are creates. */
export interface MatchResult {
  target: Map<number, Device>
  /** Row → 'id' | 'assetTag' | 'serialNumber' | 'macAddress'. */
  matchedBy: Map<number, string>
  rejected: (RowProblem & { row: number })[]
}

interface Tier {
  by: string
  field: string
  value: string
  found: Device[]
}

/** English names of the keys in the "several devices" message (as it has always read). */
const BY_LABEL: Record<string, string> = { macAddress: 'MAC address', assetTag: 'asset tag' }

/** A device named by its best key, in both languages ("asset tag ME-1" / 資産番号 ME-1). */
const describe = (d: Device) => ({
  en: d.assetTag ? `asset tag ${d.assetTag}` : d.serialNumber ? `serial ${d.serialNumber}` : `id ${d.id}`,
  ja: d.assetTag ? `資産番号 ${d.assetTag}` : d.serialNumber ? `製造番号 ${d.serialNumber}` : `機器ID ${d.id}`,
})

function indexBy(devices: readonly Device[], key: (d: Device) => readonly string[]): Map<string, Device[]> {
  const m = new Map<string, Device[]>()
  for (const d of devices) {
    for (const k of key(d)) {
      const list = m.get(k)
      if (list) list.push(d)
      else m.set(k, [d])
    }
  }
  return m
}

/** Indexes of the existing devices by each key, built once per import. */
class LedgerIndex {
  readonly byId: Map<string, Device>
  readonly byTag: Map<string, Device[]>
  readonly bySerial: Map<string, Device[]>
  readonly byMac: Map<string, Device[]>

  constructor(existing: readonly Device[]) {
    this.byId = new Map(existing.map((d) => [d.id, d]))
    this.byTag = indexBy(existing, (d) => (d.assetTag === null ? [] : [d.assetTag]))
    this.bySerial = indexBy(existing, (d) => (d.serialNumber === null ? [] : [d.serialNumber]))
    this.byMac = indexBy(existing, (d) => d.macAddresses)
  }

  /** Candidates from each key of the row, in priority order. */
  tiers(v: ValidRow): Tier[] {
    const tiers: Tier[] = []
    if (v.deviceId !== null) {
      const d = this.byId.get(v.deviceId)
      tiers.push({ by: 'id', field: 'id', value: v.deviceId, found: d ? [d] : [] })
    }
    if (v.fields.assetTag !== null) {
      const found = this.byTag.get(v.fields.assetTag) ?? []
      tiers.push({ by: 'assetTag', field: 'assetTag', value: v.fields.assetTag, found })
    }
    const serial = serialKey(v.fields)
    if (serial !== null) {
      const found = (this.bySerial.get(serial) ?? []).filter((d) =>
        sameManufacturer(d.manufacturer, v.fields.manufacturer),
      )
      tiers.push({ by: 'serialNumber', field: 'serialNumber', value: serial, found })
    }
    for (const mac of v.fields.macAddresses) {
      tiers.push({ by: 'macAddress', field: 'macAddresses', value: mac, found: this.byMac.get(mac) ?? [] })
    }
    return tiers
  }
}

/**
 * Matches rows to `existing` (every device any row's keys point at). `headerFor` gives the file's header of a
 * field, to point problems at the right column.
 */
export function matchRows(
  rows: readonly ValidRow[],
  existing: readonly Device[],
  headerFor: (field: string) => string | null,
): MatchResult {
  const result: MatchResult = { target: new Map(), matchedBy: new Map(), rejected: [] }
  // An empty match (e.g. a first import into an empty ledger) makes every row a create: skip the per-row lookups.
  if (existing.length === 0) return result
  const index = new LedgerIndex(existing)
  const rowsByDevice = new Map<string, number[]>()
  const reject = (row: number, field: string | null, value: string | null, text: ReturnType<typeof importText>) =>
    result.rejected.push({ row, column: field === null ? null : headerFor(field), value, severity: 'error', ...text })
  for (const v of rows) {
    const tiers = index.tiers(v)
    const first = tiers.find((t) => t.found.length > 0)
    if (!first) continue
    if (first.found.length > 1) {
      reject(
        v.row,
        first.field,
        first.value,
        importText('matchSeveralDevices', {
          devices: first.found.length,
          key: { en: BY_LABEL[first.by] ?? first.by, ja: KEY_LABEL_JA[first.by] ?? first.by },
        }),
      )
      continue
    }
    const match = first.found[0]!
    // Another key pointing at a different device would leave two devices sharing a tag, serial or MAC.
    const clash = tiers.find((t) => t.found.length > 0 && t.found.some((d) => d.id !== match.id))
    if (clash) {
      const other = clash.found.find((d) => d.id !== match.id)!
      reject(
        v.row,
        clash.field,
        clash.value,
        // The English names the keys by their ids (assetTag), as it always has.
        importText('matchKeyClash', {
          match: describe(match),
          by: { en: first.by, ja: KEY_LABEL_JA[first.by] ?? first.by },
          clashKey: { en: clash.by, ja: KEY_LABEL_JA[clash.by] ?? clash.by },
          value: clash.value,
          other: describe(other),
        }),
      )
      continue
    }
    result.target.set(v.row, match)
    result.matchedBy.set(v.row, first.by)
    const list = rowsByDevice.get(match.id)
    if (list) list.push(v.row)
    else rowsByDevice.set(match.id, [v.row])
  }
  for (const [id, rs] of rowsByDevice) {
    if (rs.length < 2) continue
    const d = index.byId.get(id)!
    for (const row of rs) {
      reject(
        row,
        null,
        null,
        importText('matchSameDevice', { rows: { en: listRows(rs), ja: listRowsJa(rs) }, device: describe(d) }),
      )
    }
  }
  return result
}
