import type { DeviceFields } from './device.js'
import type { ValidRow } from './import-row.js'
import type { DeviceKeys } from './import-store.js'

/**
 * The keys that identify a device across imports (device id of an earlier export, asset tag, serial number, MAC
 * address), and how people name them in messages.
 */

/** A key a row is matched or de-duplicated by. */
export type KeyField = 'id' | 'assetTag' | 'serialNumber' | 'macAddresses'

/** Values ledgers write when the serial number is not known; never matched on. */
const PLACEHOLDERS = new Set([
  '-',
  '－',
  'ー',
  'n/a',
  'na',
  'none',
  'unknown',
  '不明',
  'なし',
  '無し',
  '未確認',
  '?',
  '？',
])

/** A serial number worth matching on: not empty and not a placeholder like "不明" or "N/A". */
export function serialKey(d: Pick<DeviceFields, 'serialNumber'>): string | null {
  const s = d.serialNumber
  if (s === null || PLACEHOLDERS.has(s.toLowerCase())) return null
  return s
}

/** Folds a manufacturer name for comparison (width and case). */
export const foldManufacturer = (m: string | null): string => (m ?? '').normalize('NFKC').toLowerCase()

/** Serial numbers are unique per manufacturer only: an unknown manufacturer on either side does not rule a match out. */
export const sameManufacturer = (a: string | null, b: string | null): boolean =>
  a === null || b === null || foldManufacturer(a) === foldManufacturer(b)

/** English name of a key, as messages write it. */
export const KEY_LABEL: Record<string, string> = {
  id: 'device ID',
  assetTag: 'asset tag',
  serialNumber: 'serial number',
  macAddresses: 'MAC address',
  macAddress: 'MAC address',
}

/** Japanese name of a key (what the ledger's own headers call it). */
export const KEY_LABEL_JA: Record<string, string> = {
  id: '機器ID',
  assetTag: '資産番号',
  serialNumber: '製造番号',
  macAddresses: 'MACアドレス',
  macAddress: 'MACアドレス',
}

/** Every key of the rows, to look the matching devices up in one batch. */
export function keysOf(rows: readonly ValidRow[]): DeviceKeys {
  const ids: string[] = []
  const assetTags: string[] = []
  const serials: string[] = []
  const macs: string[] = []
  for (const v of rows) {
    if (v.deviceId !== null) ids.push(v.deviceId)
    if (v.fields.assetTag !== null) assetTags.push(v.fields.assetTag)
    const s = serialKey(v.fields)
    if (s !== null) serials.push(s)
    for (const m of v.fields.macAddresses) macs.push(m)
  }
  return { ids, assetTags, serials, macs }
}
