import { describe, expect, it } from 'vitest'
import { decideRow, summaryOf } from './decide.js'
import { defaultFields } from './device.js'
import { storedDevice, validRow } from './test-rows.js'

describe('decideRow', () => {
  const device = storedDevice({ assetTag: 'ME-1', status: 'in_use' })
  it.each([
    ['no match: create', validRow(2, { assetTag: 'NEW' }), undefined, 'create'],
    ['a match that the row leaves as it is: unchanged', validRow(2, { assetTag: 'ME-1' }), device, 'unchanged'],
    ['a match with a different value: update', validRow(2, { status: 'in_storage' }), device, 'update'],
  ] as const)('%s', (_name, row, matched, action) => {
    expect(decideRow(row, matched).action).toBe(action)
  })
})

describe('summaryOf', () => {
  it.each([
    [
      { name: '輸液ポンプ', manufacturer: 'テルモ', model: 'TE-171', department: 'ICU' },
      '輸液ポンプ / テルモ / TE-171 / ICU',
    ],
    [{ ipAddresses: ['10.0.0.1'], hostname: 'pump-1' }, '10.0.0.1'],
    [{ hostname: 'pump-1' }, 'pump-1'],
    [{ category: 'ct' as const }, 'ct'],
  ])('summaryOf(%j) = %s', (fields, summary) => {
    expect(summaryOf({ ...defaultFields(), ...fields })).toBe(summary)
  })
})
