import { describe, expect, it } from 'vitest'
import { keysOf, sameManufacturer, serialKey } from './keys.js'
import { validRow } from './test-rows.js'

describe('device keys', () => {
  it.each([
    ['S-1', 'S-1'],
    [null, null],
    ['不明', null],
    ['N/A', null],
    ['-', null],
    ['？', null],
  ])('serialKey(%s) = %s', (serialNumber, key) => expect(serialKey({ serialNumber })).toBe(key))

  it.each([
    ['テルモ', 'テルモ', true],
    ['ＴＥＲＵＭＯ', 'terumo', true],
    [null, 'テルモ', true],
    ['テルモ', '日本光電', false],
  ])('sameManufacturer(%s, %s) = %s', (a, b, same) => expect(sameManufacturer(a, b)).toBe(same))

  it('keysOf collects every key of every row for one batch lookup', () => {
    const rows = [
      validRow(2, { assetTag: 'A', serialNumber: '不明' }, { deviceId: 'd1' }),
      validRow(3, { serialNumber: 'S', macAddresses: ['00:00:00:00:00:01'] }),
    ]
    expect(keysOf(rows)).toEqual({ ids: ['d1'], assetTags: ['A'], serials: ['S'], macs: ['00:00:00:00:00:01'] })
  })
})
