import { describe, expect, it } from 'vitest'
import { listRows, listRowsJa, Rejections, type RowProblem } from './import-row.js'

const p = (row: number, message: string): RowProblem => ({
  row,
  column: null,
  value: null,
  message,
  messageJa: message,
  severity: 'error',
})

describe('import rows', () => {
  it.each([
    [[6, 7], 'rows 6 and 7', '6 行目と 7 行目'],
    [[6, 7, 9], 'rows 6, 7 and 9', '6、7、9 行目'],
  ])('listRows(%j)', (rows, en, ja) => {
    expect(listRows(rows)).toBe(en)
    expect(listRowsJa(rows)).toBe(ja)
  })

  it('Rejections keeps every problem of a row in order and lists rows ascending', () => {
    const r = new Rejections()
    r.add(9, p(9, 'a'))
    r.add(3, p(3, 'b'))
    r.add(9, p(9, 'c'))
    expect(r.rows()).toEqual([3, 9])
    expect(r.has(9)).toBe(true)
    expect(r.has(4)).toBe(false)
    expect(r.byRow.get(9)!.map((x) => x.message)).toEqual(['a', 'c'])
  })
})
