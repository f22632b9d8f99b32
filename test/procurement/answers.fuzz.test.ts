/**
 * Fuzz of the returned-sheet reader (ADR 0039): whatever the cells hold or however the bytes are damaged, it answers
 * ok with well-formed answers or a list of located problems — never throws, never returns a half.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { BID_ANSWERS, bidAnswer } from '../../api/procurement.js'
import { parseAnswer } from '../../src/core/procurement/requirements.js'
import { templateSet } from '../../src/core/procurement/template.js'
import { readAnswersXlsx } from '../../src/importers/procurement/answers.js'
import { requirementsXlsx } from '../../src/reports/procurement/requirements.js'
import { sheetOf } from './fill.js'

const cell = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ maxLength: 10, unit: 'binary' }),
  fc.constantFrom('はい', '一部', 'いいえ', '不明', '○', '×', '△', 'ＹＥＳ', '', '=1+1', 'P-01', 'No.', '回答'),
  fc.integer(),
  fc.constant(null),
)

function wellFormed(r: Awaited<ReturnType<typeof readAnswersXlsx>>) {
  if (r.ok) {
    expect(r.answers.length).toBeGreaterThan(0)
    for (const a of r.answers) expect(bidAnswer.safeParse(a).success).toBe(true)
    expect(new Set(r.answers.map((a) => a.itemId.toUpperCase())).size).toBe(r.answers.length)
  } else {
    expect(r.problems.length).toBeGreaterThan(0)
    for (const p of r.problems) {
      expect(p.en.length).toBeGreaterThan(0)
      expect(p.ja.length).toBeGreaterThan(0)
    }
  }
}

describe('answers reader fuzz', () => {
  it('parseAnswer never throws and is one of the answers, null or invalid', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40, unit: 'binary' }), (s) => {
        const a = parseAnswer(s)
        expect(a === null || a === 'invalid' || (BID_ANSWERS as readonly string[]).includes(a)).toBe(true)
      }),
      { numRuns: 2000 },
    )
  })

  it('any grid under a No./回答/備考 header: answers or located problems', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(cell, cell, cell), { maxLength: 25 }), async (rows) => {
        const bytes = await sheetOf([['No.', '回答', '備考'], ...rows])
        const r = await readAnswersXlsx(bytes)
        wellFormed(r)
        if (!r.ok) for (const p of r.problems) if (p.cell) expect(p.cell).toMatch(/^[A-Z]+\d+$/)
      }),
      { numRuns: 60 },
    )
  })

  it('a real sheet with damaged bytes never throws', async () => {
    const base = await requirementsXlsx({
      lang: 'ja',
      ...templateSet(),
      today: '2026-12-03',
      bid: null,
    })
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat(base.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }),
        fc.option(fc.nat(base.length - 1)),
        async (flips, cut) => {
          const b = Buffer.from(base)
          for (const [at, v] of flips) b[at] = v
          const r = await readAnswersXlsx(cut === null ? b : b.subarray(0, cut))
          wellFormed(r)
        },
      ),
      { numRuns: 60 },
    )
  })
})
