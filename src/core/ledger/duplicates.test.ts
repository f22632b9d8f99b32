import { describe, expect, it } from 'vitest'
import { duplicateProblems, findDuplicates } from './duplicates.js'
import { validRow } from './test-rows.js'

const headerFor = (field: string) => ({ assetTag: '資産番号', macAddresses: 'MACアドレス' })[field] ?? null

describe('findDuplicates', () => {
  it.each([
    ['no shared key', [validRow(2, { assetTag: 'A' }), validRow(3, { assetTag: 'B' })], []],
    [
      'the same asset tag',
      [validRow(2, { assetTag: 'A' }), validRow(3, { assetTag: 'A' })],
      [{ field: 'assetTag', value: 'A', rows: [2, 3] }],
    ],
    [
      'the same device id',
      [validRow(2, {}, { deviceId: 'x' }), validRow(5, {}, { deviceId: 'x' })],
      [{ field: 'id', value: 'x', rows: [2, 5] }],
    ],
    [
      'the same serial of the same manufacturer (width and case folded)',
      [
        validRow(2, { serialNumber: 'S1', manufacturer: 'ＴＥＲＵＭＯ' }),
        validRow(3, { serialNumber: 'S1', manufacturer: 'terumo' }),
      ],
      [{ field: 'serialNumber', value: 'S1', rows: [2, 3] }],
    ],
    [
      'the same serial of different manufacturers',
      [
        validRow(2, { serialNumber: 'S1', manufacturer: 'A社' }),
        validRow(3, { serialNumber: 'S1', manufacturer: 'B社' }),
      ],
      [],
    ],
    ['a placeholder serial', [validRow(2, { serialNumber: '不明' }), validRow(3, { serialNumber: '不明' })], []],
    [
      'a shared MAC among others, on three rows',
      [
        validRow(2, { macAddresses: ['00:00:00:00:00:01', '00:00:00:00:00:02'] }),
        validRow(3, { macAddresses: ['00:00:00:00:00:02'] }),
        validRow(4, { macAddresses: ['00:00:00:00:00:02'] }),
      ],
      [{ field: 'macAddresses', value: '00:00:00:00:00:02', rows: [2, 3, 4] }],
    ],
  ])('%s', (_name, rows, groups) => {
    expect(findDuplicates(rows)).toEqual(groups)
  })
})

describe('duplicateProblems', () => {
  it.each([
    [
      [2, 3],
      'The same asset tag "A" appears on rows 2 and 3; each device may appear only once. Keep one of these rows.',
      '資産番号 "A" が 2 行目と 3 行目に重複しています。どちらか一方だけを残してください。',
    ],
    [
      [2, 3, 7],
      'The same asset tag "A" appears on rows 2, 3 and 7; each device may appear only once. Keep one of these rows.',
      '資産番号 "A" が 2、3、7 行目に重複しています。いずれか1行だけを残してください。',
    ],
  ])('rows %j: one error per row, naming the others', (rows, message, messageJa) => {
    const ps = duplicateProblems([{ field: 'assetTag', value: 'A', rows }], headerFor)
    expect(ps.map((p) => p.row)).toEqual(rows)
    for (const p of ps)
      expect(p).toEqual({ row: p.row, column: '資産番号', value: 'A', severity: 'error', message, messageJa })
  })
})
