import { type Device, type DeviceFields, defaultFields } from './device.js'
import type { ValidRow } from './import-row.js'

/**
 * Builders for the ledger's table-driven tests (not used by production code): a stored device and a valid import
 * row, each from the defaults plus overrides.
 */

/** A stored device: defaults, id `d-<assetTag or 1>`, version 1. */
export function storedDevice(overrides: Partial<Device> = {}): Device {
  return {
    ...defaultFields(),
    id: `d-${overrides.assetTag ?? '1'}`,
    version: 1,
    createdAt: '2024-04-01T00:00:00.000Z',
    createdBy: 'engineer',
    updatedAt: '2024-04-01T00:00:00.000Z',
    updatedBy: 'engineer',
    ...overrides,
  }
}

/** A valid import row: `fields` over the defaults, `given` = the keys of `fields` unless stated. */
export function validRow(
  row: number,
  fields: Partial<DeviceFields> = {},
  extra: { deviceId?: string | null; custom?: Record<string, string | null>; given?: (keyof DeviceFields)[] } = {},
): ValidRow {
  const given = extra.given ?? (Object.keys(fields) as (keyof DeviceFields)[])
  return {
    row,
    fields: { ...defaultFields(), ...fields },
    given: new Set(given),
    custom: extra.custom ?? {},
    deviceId: extra.deviceId ?? null,
  }
}
