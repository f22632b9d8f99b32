import { describe, expect, it } from 'vitest'
import type { DeviceFields } from './device.js'
import { describeDiff, diffRow, sameValue } from './diff.js'
import { storedDevice, validRow } from './test-rows.js'

const ledger = storedDevice({
  assetTag: 'ME-1',
  status: 'in_use',
  tags: ['ICU'],
  ipAddresses: ['10.0.0.1'],
  customFields: { 予算: '100', 色: '白' },
})

describe('diffRow', () => {
  it.each<[string, Partial<DeviceFields>, (keyof DeviceFields)[] | undefined, (keyof DeviceFields)[]]>([
    ['the same values change nothing', { assetTag: 'ME-1', status: 'in_use', tags: ['ICU'] }, undefined, []],
    ['a changed status', { status: 'in_storage' }, undefined, ['status']],
    ['a changed list', { ipAddresses: ['10.0.0.2'] }, undefined, ['ipAddresses']],
    ['a field the row does not set is left alone', { status: 'in_storage' }, [], []],
    ['a cleared text field', { notes: null }, undefined, []],
    ['a cleared list', { tags: [] }, undefined, ['tags']],
  ])('%s', (_name, fields, given, changed) => {
    const d = diffRow(
      ledger,
      validRow(2, { assetTag: 'ME-1', ...fields }, { given: given ?? (Object.keys(fields) as (keyof DeviceFields)[]) }),
    )
    expect(d.changed).toEqual(changed)
    for (const f of changed) expect(d.after[f]).toEqual(fields[f])
  })

  it.each<[string, Record<string, string | null>, Record<string, string> | null]>([
    ['same custom values in another order', { 色: '白', 予算: '100' }, null],
    ['a changed custom value', { 予算: '200' }, { 予算: '200', 色: '白' }],
    ['a blank custom cell removes the key', { 色: null }, { 予算: '100' }],
    ['a new custom column adds a key', { 担当: '山田' }, { 予算: '100', 色: '白', 担当: '山田' }],
  ])('custom columns: %s', (_name, custom, after) => {
    const d = diffRow(ledger, validRow(2, {}, { custom }))
    expect(d.changed).toEqual(after === null ? [] : ['customFields'])
    expect(d.after.customFields).toEqual(after ?? ledger.customFields)
  })

  it('describeDiff shows three changes and counts the rest', () => {
    const d = diffRow(ledger, validRow(2, { status: 'in_storage', tags: [], notes: 'x', model: 'M', name: 'N' }))
    expect(describeDiff(d)).toBe('status: in_use → in_storage; tags: ICU → —; notes: — → x; +2 more')
  })
})

describe('sameValue', () => {
  it.each([
    [1, 1, true],
    [null, null, true],
    ['a', 'b', false],
    [['a'], ['a'], true],
    [['a', 'b'], ['b', 'a'], false],
    [{ k: 'v' }, { k: 'v' }, true],
    [null, [], false],
  ])('sameValue(%j, %j) = %s', (a, b, same) => expect(sameValue(a, b)).toBe(same))
})
