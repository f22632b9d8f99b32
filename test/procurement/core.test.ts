/** The template, validation (every problem located), scoring and answer words (ADR 0039). */
import { describe, expect, it } from 'vitest'
import { requirementItem, requirementSetInput } from '../../api/procurement.js'
import {
  bidScore,
  comparisonRows,
  parseAnswer,
  validateRequirementSet,
} from '../../src/core/procurement/requirements.js'
import { TEMPLATE_NAME, TEMPLATE_VERSION, templateSet } from '../../src/core/procurement/template.js'

describe('procurement template', () => {
  const t = templateSet()

  it('is a valid set of 20–25 requirements with unique ids and both languages filled', () => {
    expect(t.name).toBe(TEMPLATE_NAME)
    expect(t.name).toBe('Mamori 調達要件テンプレート')
    expect(t.version).toBe(TEMPLATE_VERSION)
    expect(t.version).toBe('2026.1')
    expect(t.items.length).toBeGreaterThanOrEqual(20)
    expect(t.items.length).toBeLessThanOrEqual(25)
    expect(requirementSetInput.safeParse(t).success).toBe(true)
    expect(validateRequirementSet(t).ok).toBe(true)
    expect(new Set(t.items.map((i) => i.id.toUpperCase())).size).toBe(t.items.length)
    for (const i of t.items) {
      expect(requirementItem.parse(i)).toEqual(i)
      expect(i.textJa).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/)
      expect(i.textEn).toMatch(/^[A-Z][a-z]/)
      expect(i.rationaleJa.length).toBeGreaterThan(5)
      expect(i.rationaleEn.length).toBeGreaterThan(5)
    }
  })

  it('covers what the brief asks a tender to require', () => {
    const all = t.items.map((i) => `${i.textJa} ${i.textEn} ${i.refs.join(' ')}`).join('\n')
    for (const word of [
      'MDS2',
      'MDS/SDS',
      'SBOM',
      'CycloneDX',
      '耐用期間',
      'ハードコード',
      'リモートメンテナンス',
      'JVN',
      'CSAF',
      'NTP',
      '消去証明書',
      '事業者確認用',
      '受入確認',
    ])
      expect(all).toContain(word)
    expect(t.items.some((i) => i.refs.includes('MDS2 SBOM-1'))).toBe(true)
    expect(t.items.filter((i) => i.mandatory).length).toBeGreaterThan(5)
  })

  it('is a fresh copy each call (editing one does not change the template)', () => {
    const a = templateSet()
    a.items[0]!.refs.push('x')
    a.items.pop()
    expect(templateSet().items).toHaveLength(t.items.length)
    expect(templateSet().items[0]!.refs).not.toContain('x')
  })
})

describe('requirement set validation', () => {
  it('lists every problem with its field path', () => {
    const t = templateSet()
    const bad = {
      name: '',
      version: 'v',
      items: [
        { ...t.items[0]!, id: 'P 1' },
        { ...t.items[1]!, weight: 9 },
        { ...t.items[2]!, id: 'p-04' },
        { ...t.items[3]! },
        { ...t.items[4]!, textEn: '' },
      ],
    }
    const r = validateRequirementSet(bad)
    expect(r.ok).toBe(false)
    if (r.ok) return
    const paths = r.problems.map((p) => p.path)
    expect(paths).toEqual(
      expect.arrayContaining(['name', 'items[0].id', 'items[1].weight', 'items[3].id', 'items[4].textEn']),
    )
    const dup = r.problems.find((p) => p.path === 'items[3].id')!
    expect(dup.en).toContain('items[2]')
    expect(dup.ja).toContain('重複')
  })

  it('refuses an empty set and more than 200 items', () => {
    const t = templateSet()
    const empty = validateRequirementSet({ name: 'x', version: '1', items: [] })
    expect(empty.ok).toBe(false)
    if (!empty.ok) expect(empty.problems[0]!.path).toBe('items')
    const many = Array.from({ length: 201 }, (_, i) => ({ ...t.items[0]!, id: `R-${i}` }))
    const r = validateRequirementSet({ name: 'x', version: '1', items: many })
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.problems.map((p) => p.path)).toContain('items')
  })

  it('accepts a non-object without crashing, naming the set', () => {
    for (const v of [null, 3, 'x', []]) {
      const r = validateRequirementSet(v)
      expect(r.ok).toBe(false)
    }
  })
})

describe('bid score', () => {
  const items = [
    { ...templateSet().items[0]!, id: 'A', weight: 4, mandatory: true },
    { ...templateSet().items[0]!, id: 'B', weight: 2, mandatory: false },
    { ...templateSet().items[0]!, id: 'C', weight: 3, mandatory: true },
    { ...templateSet().items[0]!, id: 'D', weight: 1, mandatory: true },
  ]

  it('yes = weight, partial = half, no/unknown = 0; mandatory gaps for no, unknown and unanswered', () => {
    const s = bidScore(items, [
      { itemId: 'a', answer: 'yes', note: '' },
      { itemId: 'B', answer: 'partial', note: '' },
      { itemId: 'C', answer: 'unknown', note: '' },
    ])
    expect(s).toEqual({ points: 5, max: 10, percent: 50, answered: 3, total: 4, mandatoryGaps: ['C', 'D'] })
  })

  it('is 100% with no gaps when everything is yes, 0% with no answers', () => {
    const all = bidScore(
      items,
      items.map((i) => ({ itemId: i.id, answer: 'yes' as const, note: '' })),
    )
    expect(all.percent).toBe(100)
    expect(all.mandatoryGaps).toEqual([])
    const none = bidScore(items, [])
    expect(none).toMatchObject({ points: 0, percent: 0, answered: 0, mandatoryGaps: ['A', 'C', 'D'] })
    const partial = bidScore(items, [{ itemId: 'A', answer: 'partial', note: '' }])
    expect(partial.mandatoryGaps).toEqual(['C', 'D']) // partial is not a gap
  })

  it('compares bids row by row in the order given', () => {
    const rows = comparisonRows(items, [
      { answers: [{ itemId: 'A', answer: 'yes', note: '' }] },
      { answers: [{ itemId: 'b', answer: 'no', note: '' }] },
    ])
    expect(rows.map((r) => [r.item.id, ...r.answers])).toEqual([
      ['A', 'yes', null],
      ['B', null, 'no'],
      ['C', null, null],
      ['D', null, null],
    ])
  })
})

describe('answer words', () => {
  it('reads Japanese, English, symbols and full-width forms', () => {
    const cases: [string, string | null][] = [
      ['はい', 'yes'],
      [' Yes ', 'yes'],
      ['ＹＥＳ', 'yes'],
      ['○', 'yes'],
      ['一部', 'partial'],
      ['△', 'partial'],
      ['Partial', 'partial'],
      ['いいえ', 'no'],
      ['×', 'no'],
      ['ｎｏ', 'no'],
      ['不明', 'unknown'],
      ['unknown', 'unknown'],
      ['', null],
      ['　', null],
    ]
    for (const [t, want] of cases) expect([t, parseAnswer(t)]).toEqual([t, want])
    expect(parseAnswer('たぶん')).toBe('invalid')
    expect(parseAnswer('=1+1')).toBe('invalid')
  })
})
