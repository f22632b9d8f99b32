import { stringify } from 'csv-stringify/sync'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { CsvRecordReader, parseCsvRecords } from './csv-records.js'

describe('parseCsvRecords', () => {
  it.each([
    [
      'a,b\nc,d',
      [
        ['a', 'b'],
        ['c', 'd'],
      ],
    ],
    [
      'a,b\r\nc,d\r\n',
      [
        ['a', 'b'],
        ['c', 'd'],
      ],
    ],
    ['a\rb', [['a'], ['b']]],
    ['"x,1","say ""hi"""', [['x,1', 'say "hi"']]],
    ['"multi\nline",z\nnext', [['multi\nline', 'z'], ['next']]],
    [
      'a,\n,b',
      [
        ['a', ''],
        ['', 'b'],
      ],
    ],
    ['a,', [['a', '']]],
    ['a\n\nb', [['a'], [''], ['b']]],
    ['\na', [[''], ['a']]],
    ['5"0,x', [['5"0', 'x']]],
    ['"ab"cd,e', [['abcd', 'e']]],
    ['', []],
  ])('reads %j', (text, records) => {
    expect(parseCsvRecords(text)).toEqual({ records })
  })

  it('reads tab-separated text', () => {
    expect(parseCsvRecords('a\tb\n"c\td"\te', '\t')).toEqual({
      records: [
        ['a', 'b'],
        ['c\td', 'e'],
      ],
    })
  })

  it('reports an unclosed quote with the line where the cell starts', () => {
    expect(parseCsvRecords('a,b\nc,"unfinished\nmore')).toEqual({
      error: expect.stringContaining('never closed'),
      errorJa: expect.stringContaining('引用符(")が閉じられていません'),
      line: 2,
    })
  })

  it('counts lines inside quoted cells for later errors', () => {
    const r = parseCsvRecords('"x\ny",1\n"open')
    expect(r).toMatchObject({ line: 3 })
  })

  it('round-trips anything csv-stringify writes', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'あ', ',', '"', '\n', '\r', ' ', '\t', '1') })
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 2, maxLength: 5 }), { minLength: 1, maxLength: 8 }),
        (records) => {
          // quoted: csv-stringify leaves a lone CR unquoted, which every reader (Excel too) takes as a line end.
          const text = stringify(records, { record_delimiter: '\r\n', quoted: true })
          expect(parseCsvRecords(text)).toEqual({ records })
        },
      ),
      { numRuns: 300 },
    )
  })

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', '"', ',', '\n', '\r', 'x') }), (text) => {
        const r = parseCsvRecords(text)
        if ('records' in r) for (const rec of r.records) expect(rec.length).toBeGreaterThan(0)
        else expect(r.line).toBeGreaterThan(0)
      }),
      { numRuns: 1000 },
    )
  })

  it('reads the same records and errors when the text arrives in pieces, wherever it is cut', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'あ', '"', ',', '\n', '\r', 'x', ' ') })
    fc.assert(
      fc.property(text, fc.array(fc.nat(), { maxLength: 6 }), (t, cuts) => {
        const at = [...new Set(cuts.map((c) => c % (t.length + 1)))].sort((a, b) => a - b)
        const reader = new CsvRecordReader(',')
        const records: string[][] = []
        let from = 0
        let err = null
        for (const c of [...at, t.length]) {
          err = reader.push(t.slice(from, c), records)
          from = c
          if (err) break
        }
        err ??= reader.end(records)
        expect(err ?? { records }).toEqual(parseCsvRecords(t))
      }),
      { numRuns: 2000 },
    )
  })
})
