import type { DeviceFields } from '../../api/device.js'
import { normalizeAddressLists } from '../core/address.js'
import { type ErrorDetail, MamoriError } from '../core/errors.js'
import type { DuplicateLookup } from '../core/ports.js'

/**
 * The rules a device saved through the API (device form, scripts) obeys, the same as the ledger import: addresses
 * are real IP/MAC addresses in canonical form, a device has something that identifies it, an asset tag belongs to
 * one device. A serial number or MAC address that another device already has is allowed (a shared spare, a
 * typo being fixed) but comes back as a warning.
 */

/** A warning about a saved device: the field, the value, and why, in English and Japanese. */
export interface SaveWarning {
  field: string
  value: string
  message: string
  messageJa: string
}

const FIELD_JA: Record<string, string> = {
  ipAddresses: 'IPアドレス',
  macAddresses: 'MACアドレス',
  assetTag: '資産番号',
  serialNumber: '製造番号',
}

/** Text fields that identify a device; at least one of these (or an address) must be filled in. */
const IDENTIFIERS = ['assetTag', 'serialNumber', 'hostname'] as const

/**
 * Checks and normalises a device's complete fields before a create or an update (`selfId` = the device being
 * updated, left out of the duplicate checks). Throws a 400 DEVICE_INVALID listing every bad field, or a 409
 * DEVICE_DUPLICATE_ASSET_TAG; returns the normalised fields and the warnings.
 */
export async function checkDeviceFields(
  ledger: DuplicateLookup,
  input: DeviceFields,
  selfId: string | null = null,
): Promise<{ fields: DeviceFields; warnings: SaveWarning[] }> {
  const fields: DeviceFields = { ...input }
  // An empty text box is "no value", as a blank cell is in the import.
  for (const [k, v] of Object.entries(fields)) {
    if (typeof v === 'string' && v.trim() === '' && k !== 'siteId') Object.assign(fields, { [k]: null })
  }
  const addr = normalizeAddressLists(fields)
  fields.ipAddresses = addr.ipAddresses
  fields.macAddresses = addr.macAddresses
  const details: ErrorDetail[] = addr.problems.map((p) => ({
    where: `${p.field}.${p.index}`,
    message: p.message,
    messageJa: `${FIELD_JA[p.field]}: ${p.messageJa}`,
  }))
  const hasIdentifier =
    IDENTIFIERS.some((k) => fields[k] !== null) || fields.ipAddresses.length > 0 || fields.macAddresses.length > 0
  if (!hasIdentifier && addr.problems.length === 0) {
    details.push({
      where: 'assetTag',
      message:
        'Fill in at least one of asset tag, serial number, host name, IP address or MAC address, so that the device can be found again.',
      messageJa:
        '資産番号・製造番号・ホスト名・IPアドレス・MACアドレスのうち、少なくとも一つを入力してください(機器を特定できなくなるため)。',
    })
  }
  if (details.length > 0) {
    const problems = { en: details.map((d) => d.message).join(' '), ja: details.map((d) => d.messageJa).join(' ') }
    throw MamoriError.of('DEVICE_INVALID', { problems }, details)
  }

  if (fields.assetTag !== null) {
    if (await ledger.idWithAssetTag(fields.assetTag, selfId)) {
      throw MamoriError.of('DEVICE_DUPLICATE_ASSET_TAG', { assetTag: fields.assetTag }, [
        { where: 'assetTag', message: 'duplicate asset tag', messageJa: '資産番号が重複しています' },
      ])
    }
  }

  const warnings: SaveWarning[] = []
  if (fields.serialNumber !== null) {
    const same = (await ledger.withSerialNumber(fields.serialNumber, selfId)).filter(
      (d) =>
        d.manufacturer === null ||
        fields.manufacturer === null ||
        d.manufacturer.normalize('NFKC').toLowerCase() === fields.manufacturer.normalize('NFKC').toLowerCase(),
    )
    if (same.length > 0) {
      const other = same[0]!.assetTag ?? '—'
      warnings.push({
        field: 'serialNumber',
        value: fields.serialNumber,
        message: `Serial number "${fields.serialNumber}" is also recorded for device ${other}. Check that they are not the same device.`,
        messageJa: `製造番号「${fields.serialNumber}」は機器 ${other} にも登録されています。同じ機器の二重登録でないか確認してください。`,
      })
    }
  }
  if (fields.macAddresses.length > 0) {
    for (const r of await ledger.withMacAddresses(fields.macAddresses, selfId)) {
      warnings.push({
        field: 'macAddresses',
        value: r.value,
        message: `MAC address ${r.value} is also recorded for device ${r.assetTag ?? '—'}. Scans match hosts by MAC address, so only one device should have it.`,
        messageJa: `MACアドレス ${r.value} は機器 ${r.assetTag ?? '—'} にも登録されています。スキャン結果はMACアドレスで機器と照合するため、1台だけに登録してください。`,
      })
    }
  }
  return { fields, warnings }
}
