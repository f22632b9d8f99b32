import { describe, expect, it } from 'vitest'
import { matchRows } from './matching.js'
import { storedDevice, validRow } from './test-rows.js'

const headerFor = (field: string) => field

const A = storedDevice({ id: 'a', assetTag: 'ME-1', serialNumber: 'S1', manufacturer: 'テルモ' })
const B = storedDevice({ id: 'b', assetTag: 'ME-2', macAddresses: ['00:00:00:00:00:02'] })
const C = storedDevice({ id: 'c', assetTag: 'ME-3', macAddresses: ['00:00:00:00:00:02'] })

describe('matchRows', () => {
  it.each([
    ['nothing in the ledger: every row is a create', [], validRow(2, { assetTag: 'ME-1' }), null, null],
    ['by device id first', [A, B], validRow(2, {}, { deviceId: 'b' }), 'b', 'id'],
    ['by asset tag', [A, B], validRow(2, { assetTag: 'ME-1' }), 'a', 'assetTag'],
    [
      'by serial of the same manufacturer',
      [A],
      validRow(2, { serialNumber: 'S1', manufacturer: 'テルモ' }),
      'a',
      'serialNumber',
    ],
    ['by serial when the row has no manufacturer', [A], validRow(2, { serialNumber: 'S1' }), 'a', 'serialNumber'],
    [
      'not by serial of another manufacturer',
      [A],
      validRow(2, { serialNumber: 'S1', manufacturer: '日本光電' }),
      null,
      null,
    ],
    ['by MAC address', [A, B], validRow(2, { macAddresses: ['00:00:00:00:00:02'] }), 'b', 'macAddress'],
    ['no key matches: a create', [A, B], validRow(2, { assetTag: 'NEW' }), null, null],
  ])('%s', (_name, existing, row, id, by) => {
    const r = matchRows([row], existing, headerFor)
    expect(r.rejected).toEqual([])
    expect(r.target.get(row.row)?.id ?? null).toBe(id)
    expect(r.matchedBy.get(row.row) ?? null).toBe(by)
  })

  it.each([
    [
      'a key that finds several devices',
      validRow(2, { macAddresses: ['00:00:00:00:00:02'] }),
      'macAddresses',
      /^2 devices in the ledger have this MAC address/,
      /MACアドレスを持つ機器が 2 台あり/,
    ],
    [
      'a second key that belongs to another device',
      validRow(2, { assetTag: 'ME-1', serialNumber: 'X', macAddresses: ['00:00:00:00:00:02'] }),
      'macAddresses',
      /matches the device with asset tag ME-1 by assetTag, but its macAddress/,
      /別の機器\(資産番号 ME-/,
    ],
  ])('refuses %s', (_name, row, column, message, messageJa) => {
    const r = matchRows([row], [A, B, C], headerFor)
    expect(r.target.has(2)).toBe(false)
    expect(r.rejected).toHaveLength(1)
    expect(r.rejected[0]).toMatchObject({ row: 2, column, severity: 'error' })
    expect(r.rejected[0]!.message).toMatch(message)
    expect(r.rejected[0]!.messageJa).toMatch(messageJa)
  })

  it('refuses every row when two rows find the same device', () => {
    const rows = [validRow(2, { assetTag: 'ME-1' }), validRow(3, { serialNumber: 'S1' })]
    const r = matchRows(rows, [A], headerFor)
    expect(r.rejected.map((p) => p.row)).toEqual([2, 3])
    expect(r.rejected[0]!.message).toBe(
      'rows 2 and 3 all match the same ledger device (asset tag ME-1); each device may appear only once.',
    )
    expect(r.rejected[0]!.messageJa).toBe(
      '2 行目と 3 行目が台帳の同じ機器(資産番号 ME-1)に一致しています。1台の機器につき1行だけにしてください。',
    )
  })
})
