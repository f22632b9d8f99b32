import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ANSWER_VALUES, DISCLOSURE_FORMS, type DisclosureAnswer } from '../../src/core/disclosures/disclosure.js'
import { evaluateDisclosure } from '../../src/core/disclosures/evaluate.js'
import { questionIds } from '../../src/core/disclosures/questions/index.js'
import { answer, EMPTY_HEADER } from './answers.js'

const known = [...questionIds('mds2-2019'), ...questionIds('mds2-2013')]
// Ids and words never hold braces here: a manufacturer's text is quoted as written (tested below), so braces in it
// would look like an unfilled placeholder to the check.
const noBraces = (s: string) => !s.includes('{')
const id = fc.oneof(
  fc.constantFrom(...known),
  fc.constantFrom('MS-1', 'SDS-12', 'X-9'),
  fc.string({ maxLength: 8 }).filter(noBraces),
)
// Manufacturers' words, including the vague ones and Japanese.
const words = fc.oneof(
  fc.constant(null),
  fc.constantFrom('LDAP', 'Optional', 'depends', '要相談', 'contact us', 'TBD', 'No default accounts', '  '),
  fc.string({ maxLength: 40 }).filter(noBraces),
)
const anAnswer: fc.Arbitrary<DisclosureAnswer> = fc.record({
  questionId: id,
  writtenId: fc.constant(null),
  value: fc.option(fc.constantFrom(...ANSWER_VALUES), { nil: null }),
  comment: words,
  noteRefs: fc.array(fc.integer({ min: 0, max: 6 }), { maxLength: 3 }),
  cell: fc.constant(null),
})
const input = fc.record({
  form: fc.constantFrom(...DISCLOSURE_FORMS),
  answers: fc.array(anAnswer, { maxLength: 120 }),
  notes: fc.array(fc.record({ number: fc.integer({ min: 0, max: 6 }), text: fc.string({ maxLength: 20 }) }), {
    maxLength: 4,
  }),
  header: fc.constant(EMPTY_HEADER),
})

const texts = (ev: ReturnType<typeof evaluateDisclosure>): [string, string][] => [
  ...ev.findings.flatMap((f): [string, string][] => [
    [f.titleJa, f.titleEn],
    [f.detailJa, f.detailEn],
    [f.recommendationJa, f.recommendationEn],
  ]),
  ...ev.controls.flatMap((c): [string, string][] => [
    [c.titleJa, c.titleEn],
    [c.detailJa, c.detailEn],
  ]),
  ...ev.questions.map((q): [string, string] => [q.textJa, q.textEn]),
  ...(ev.warnings ?? []).map((w): [string, string] => [w.textJa, w.textEn]),
]

describe('evaluateDisclosure on random answer sets', () => {
  it('never throws, cites only ids it was given or that its question set has, and fills every text', () => {
    fc.assert(
      fc.property(input, (d) => {
        const ev = evaluateDisclosure(d)
        const given = new Set(d.answers.map((a) => a.questionId))
        const set = questionIds(d.form)
        const all = [...ev.findings, ...ev.controls, ...ev.questions]
        for (const out of all)
          for (const c of out.citations)
            expect(given.has(c.questionId) || set.has(c.questionId), c.questionId).toBe(true)
        for (const f of ev.findings) expect(f.citations.length).toBeGreaterThan(0)
        for (const c of ev.controls) expect(c.citations.length).toBeGreaterThan(0)
        for (const [ja, en] of texts(ev)) {
          expect(ja.trim()).not.toBe('')
          expect(en.trim()).not.toBe('')
          expect(ja).not.toMatch(/\{\{[^}]*\}\}/)
          expect(en).not.toMatch(/\{\{[^}]*\}\}/)
        }
        expect(evaluateDisclosure(d)).toEqual(ev)
      }),
      { numRuns: 300 },
    )
  })

  it('quotes a comment with braces as written, without expanding it', () => {
    const ev = evaluateDisclosure({
      form: 'mds2-2019',
      answers: [answer('PAUT-1: No, {{cite}} {{x}}')],
      notes: [],
      header: EMPTY_HEADER,
    })
    expect(ev.findings[0]!.detailEn).toContain('PAUT-1 = No ({{cite}} {{x}})')
    expect(ev.findings[0]!.detailEn.match(/\{\{cite\}\}/g)).toHaveLength(1)
  })
  it('inserts a cited question id that looks like a replace pattern ("$&") as written', () => {
    const ev = evaluateDisclosure({
      form: 'mds-sds',
      answers: [{ questionId: '$&', writtenId: null, value: 'no', comment: '', noteRefs: [], cell: null }],
      notes: [],
      header: EMPTY_HEADER,
    })
    for (const f of ev.findings) {
      expect(f.detailJa).not.toContain('{{cite}}')
      expect(f.detailEn).not.toContain('{{cite}}')
    }
  })
})
