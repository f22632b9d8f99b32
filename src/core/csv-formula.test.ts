import { describe, expect, it } from 'vitest'
import { guardFormula, isFormulaLike, unguardFormula } from './csv-formula.js'

describe('guardFormula (OWASP CSV injection)', () => {
  const guarded = [
    "=cmd|' /C calc'!A0",
    '+1+1',
    '-2+3',
    '-5',
    '@SUM(A1)',
    '\t=1',
    '\r=1',
    '\n=1',
    '＝cmd|',
    '＋1',
    '－1',
    '＠SUM(A1)',
    ' =1+1',
    '  @x',
    '\u00a0=1',
    '\u3000＝1+1',
    '\u3000=1',
  ]
  it.each(guarded)('guards %j with a leading apostrophe and unguards it exactly', (v) => {
    expect(isFormulaLike(v)).toBe(true)
    expect(guardFormula(v)).toBe(`'${v}`)
    expect(unguardFormula(guardFormula(v))).toBe(v)
  })

  const plain = ['ME-ICU-0001', 'a=b', '1+1', '5', '輸液ポンプ', '', ' ', "'already text", 'x@example.jp']
  it.each(plain)('leaves %j alone', (v) => {
    expect(isFormulaLike(v)).toBe(false)
    expect(guardFormula(v)).toBe(v)
    expect(unguardFormula(v)).toBe(v)
  })

  it('strips only the apostrophe it added', () => {
    expect(unguardFormula("'plain")).toBe("'plain")
    expect(unguardFormula("''=1")).toBe("''=1")
  })
})
