import { describe, expect, it } from 'vitest'
import type { ChecklistAnswer } from '../../api/checklist.js'
import {
  answerProblems,
  assertAnswer,
  completion,
  emptyAnswer,
  isCalendarDate,
  normalizeItemId,
  todayInJapan,
} from '../../src/core/checklist/answers.js'
import { BUILT_IN_EDITIONS } from '../../src/core/checklist/editions/index.js'
import { MamoriError } from '../../src/core/errors.js'

const TODAY = '2026-12-02'
const items = BUILT_IN_EDITIONS[0]!.items

describe('checklist answers', () => {
  it('knows calendar dates', () => {
    expect(isCalendarDate('2026-02-28')).toBe(true)
    expect(isCalendarDate('2028-02-29')).toBe(true)
    expect(isCalendarDate('2026-02-29')).toBe(false)
    expect(isCalendarDate('2026-13-01')).toBe(false)
    expect(isCalendarDate('2026-04-31')).toBe(false)
    expect(isCalendarDate('2026-4-1')).toBe(false)
  })

  it('takes today in Japan (UTC+9): 2026-12-01 20:00 UTC is 2026-12-02 there', () => {
    expect(todayInJapan(new Date('2026-12-01T20:00:00Z'))).toBe('2026-12-02')
    expect(todayInJapan(new Date('2026-12-01T10:00:00Z'))).toBe('2026-12-01')
  })

  it.each([
    [{ answer: 'yes', checkedOn: '2026-02-30' }, 'checkedOn', '2026-02-30', '実在する日付ではありません'],
    [{ answer: 'yes', checkedOn: '2026-12-03' }, 'checkedOn', '2026-12-03', '未来の日付'],
    [
      { answer: 'yes', checkedOn: '2026-12-01', targetOn: '2027-03-31' },
      'targetOn',
      '2027-03-31',
      '「いいえ」の場合だけ',
    ],
    [
      { answer: 'no', checkedOn: '2026-12-01', targetOn: '2026-11-30' },
      'targetOn',
      '2026-11-30',
      '確認日 2026-12-01 より前',
    ],
    [
      { answer: 'no', checkedOn: '2026-12-01', targetOn: '2027-02-29' },
      'targetOn',
      '2027-02-29',
      '実在する日付ではありません',
    ],
  ] as const)('refuses %j naming %s', (input, field, value, ja) => {
    const p = answerProblems(input, TODAY)
    expect(p).toHaveLength(1)
    expect(p[0]).toMatchObject({ field, value })
    expect(p[0]!.ja).toContain(ja)
    expect(p[0]!.en).toContain(value)
    try {
      assertAnswer('2-⑥', input, TODAY)
      expect.unreachable()
    } catch (e) {
      expect(e).toBeInstanceOf(MamoriError)
      const err = e as MamoriError
      expect(err.code).toBe('CHECKLIST_ANSWER_INVALID')
      expect(err.status).toBe(400)
      expect(err.message).toContain('2-⑥')
      expect(err.messageJa).toContain('項目 2-⑥ の回答を保存しませんでした')
      expect(err.details![0]!.where).toBe(field)
    }
  })

  it('accepts today, a いいえ with or without a target, a target on the check date', () => {
    expect(answerProblems({ answer: 'yes', checkedOn: TODAY }, TODAY)).toEqual([])
    expect(answerProblems({ answer: 'no', checkedOn: TODAY }, TODAY)).toEqual([])
    expect(answerProblems({ answer: 'no', checkedOn: TODAY, targetOn: TODAY }, TODAY)).toEqual([])
    expect(answerProblems({ answer: 'yes', checkedOn: TODAY, targetOn: null }, TODAY)).toEqual([])
  })

  const a = (itemId: string, answer: 'yes' | 'no', targetOn: string | null = null): ChecklistAnswer => ({
    ...emptyAnswer(itemId),
    answer,
    checkedOn: '2026-11-01',
    targetOn,
  })

  it('counts completion, overdue いいえ, and 確認不要 when 前提 is いいえ', () => {
    const answers = new Map([
      ['前提', a('前提', 'yes')],
      ['2-①', a('2-①', 'yes')],
      ['2-⑥', a('2-⑥', 'no', '2026-11-30')],
      ['2-⑩', a('2-⑩', 'no', '2027-03-31')],
    ])
    expect(completion(items, answers, TODAY)).toEqual({ total: 19, answered: 4, yes: 2, no: 2, overdue: 1 })
    answers.set('前提', a('前提', 'no'))
    expect(completion(items, answers, TODAY)).toEqual({ total: 1, answered: 1, yes: 0, no: 1, overdue: 0 })
  })

  it('reads item ids as people type them (circled numbers are hard to type)', () => {
    expect(normalizeItemId('2-6')).toBe('2-⑥')
    expect(normalizeItemId('２－１３')).toBe('2-⑬')
    expect(normalizeItemId(' 2-⑥ ')).toBe('2-⑥')
    expect(normalizeItemId('1 - 2')).toBe('1-②')
    expect(normalizeItemId('premise')).toBe('前提')
    expect(normalizeItemId('(前提)')).toBe('前提')
    expect(normalizeItemId('2-21')).toBe('2-21')
    expect(normalizeItemId('x')).toBe('x')
  })
})
