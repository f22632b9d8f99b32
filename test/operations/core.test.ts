/**
 * The pure rules of operations (ADR 0041): calendar dates and ranges, the month strip, which reminders fall due (each
 * lead once, a late first run recording the leads it passed), the digest's words, and the timeline's merge order and
 * cursor. Property tests for the two parsers people type into (`from`/`to`/`months`, `before`).
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { MamoriError } from '../../src/core/errors.js'
import { addDays, addMonths, calendarRange, dayNumber, monthStrip } from '../../src/core/operations/calendar.js'
import { digestLines, dueReminders, type ReminderCandidate, sentKey } from '../../src/core/operations/reminders.js'
import {
  decodeCursor,
  encodeCursor,
  mergeTimeline,
  type TimelineRow,
  toEntry,
} from '../../src/core/operations/timeline.js'

describe('calendar dates', () => {
  it('knows real dates and month ends', () => {
    expect(dayNumber('2024-02-29')).not.toBeNull()
    expect(dayNumber('2023-02-29')).toBeNull()
    expect(dayNumber('2027-1-01')).toBeNull()
    expect(addMonths('2027-01-31', 1)).toBe('2027-02-28')
    expect(addMonths('2026-12-15', 24)).toBe('2028-12-15')
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01')
  })

  it('defaults to today → 24 months and refuses bad ranges naming the field', () => {
    expect(calendarRange({}, '2026-12-01')).toEqual({ from: '2026-12-01', to: '2028-12-01' })
    expect(calendarRange({ months: 3 }, '2026-12-01')).toEqual({ from: '2026-12-01', to: '2027-03-01' })
    const where = (q: Parameters<typeof calendarRange>[0]) => {
      try {
        calendarRange(q, '2026-12-01')
        return null
      } catch (e) {
        expect(e).toBeInstanceOf(MamoriError)
        return (e as MamoriError).details?.[0]?.where
      }
    }
    expect(where({ from: '2026-02-30' })).toBe('from')
    expect(where({ to: 'tomorrow' })).toBe('to')
    expect(where({ months: 0 })).toBe('months')
    expect(where({ months: 121 })).toBe('months')
    expect(where({ from: '2026-01-01', to: '2025-12-31' })).toBe('to')
    expect(where({ from: '2026-01-01', to: '2036-01-02' })).toBe('to')
    expect(where({ from: '2026-01-01', to: '2036-01-01' })).toBeNull()
  })

  it('accepts any real range up to 10 years and refuses anything else with LIFECYCLE_INVALID, never another error', () => {
    fc.assert(
      fc.property(
        fc.option(fc.string({ maxLength: 12 }), { nil: undefined }),
        fc.option(fc.string({ maxLength: 12 }), { nil: undefined }),
        fc.option(fc.integer({ min: -5, max: 200 }), { nil: undefined }),
        (from, to, months) => {
          try {
            const r = calendarRange({ from, to, months }, '2026-12-01')
            expect(dayNumber(r.from)).not.toBeNull()
            expect(dayNumber(r.to)).not.toBeNull()
            expect(r.to >= r.from).toBe(true)
            expect(r.to <= addMonths(r.from, 120)).toBe(true)
          } catch (e) {
            expect(e).toBeInstanceOf(MamoriError)
            expect((e as MamoriError).code).toBe('LIFECYCLE_INVALID')
          }
        },
      ),
    )
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1990-01-01'), max: new Date('2090-01-01'), noInvalidDate: true }),
        fc.integer({ min: 0, max: 3650 }),
        (d, n) => {
          const from = d.toISOString().slice(0, 10)
          const to = addDays(from, n)
          expect(calendarRange({ from, to }, '2026-12-01')).toEqual({ from, to })
        },
      ),
    )
  })

  it('builds a strip of every month with its counts', () => {
    const strip = monthStrip('2027-01-20', '2027-03-05', [
      { date: '2027-01-25', kind: 'support_end' },
      { date: '2027-03-01', kind: 'service_life_end' },
      { date: '2027-03-02', kind: 'rescan_due' },
    ])
    expect(strip).toEqual([
      { month: '2027-01', supportEnd: 1, serviceLifeEnd: 0 },
      { month: '2027-02', supportEnd: 0, serviceLifeEnd: 0 },
      { month: '2027-03', supportEnd: 0, serviceLifeEnd: 1 },
    ])
  })
})

describe('reminders', () => {
  const c = (over: Partial<ReminderCandidate>): ReminderCandidate => ({
    deviceId: 'd1',
    kind: 'support_end',
    eventDate: '2027-03-01',
    label: 'ICU-MON-03',
    name: '生体情報モニタ',
    ...over,
  })

  it('sends the most urgent lead reached once and records every lead reached', () => {
    // 2026-12-01 → 2027-03-01 is 90 days: 365, 180 and 90 are reached.
    const due = dueReminders([c({})], [30, 90, 180, 365], new Set(), '2026-12-01')
    expect(due).toMatchObject([{ leadDays: 90, daysLeft: 90, record: [365, 180, 90] }])
    const sent = new Set([365, 180, 90].map((l) => sentKey('d1', 'support_end', '2027-03-01', l)))
    expect(dueReminders([c({})], [30, 90, 180, 365], sent, '2026-12-01')).toEqual([])
    // 30 days before, the 30-day reminder goes out.
    expect(dueReminders([c({})], [30, 90, 180, 365], sent, '2027-01-30')).toMatchObject([
      { leadDays: 30, record: [30] },
    ])
    // A moved date is a new event.
    expect(dueReminders([c({ eventDate: '2027-02-01' })], [90], sent, '2026-12-01')).toHaveLength(1)
    // Past events and events beyond every lead send nothing.
    expect(dueReminders([c({ eventDate: '2026-11-30' })], [90], new Set(), '2026-12-01')).toEqual([])
    expect(dueReminders([c({ eventDate: '2028-12-01' })], [365], new Set(), '2026-12-01')).toEqual([])
  })

  it('reads as one line per kind and lead, in plain Japanese and English', () => {
    const due = dueReminders(
      [
        c({}),
        ...[2, 3, 4, 5].map((i) => c({ deviceId: `d${i}`, label: `ICU-MON-1${i}`, eventDate: '2027-03-10' })),
        c({ deviceId: 'ct', kind: 'service_life_end', label: 'RAD-CT-01', name: null, eventDate: '2027-04-01' }),
      ],
      [365, 180, 90, 30],
      new Set(),
      '2026-12-01',
    )
    expect(digestLines(due)).toEqual({
      ja: [
        'サポート終了まで 90 日: 生体情報モニタ ICU-MON-03',
        'サポート終了まで 180 日: 生体情報モニタ ICU-MON-12 ほか 3 台',
        '耐用期間満了まで 180 日: RAD-CT-01',
      ],
      en: [
        'End of support within 90 days: 生体情報モニタ ICU-MON-03',
        'End of support within 180 days: 生体情報モニタ ICU-MON-12 and 3 more',
        'End of service life within 180 days: RAD-CT-01',
      ],
    })
  })
})

describe('timeline', () => {
  const audit = (id: number, at: string, action = 'device.update'): TimelineRow => ({
    source: 'audit',
    key: String(id).padStart(15, '0'),
    at,
    action,
    actor: 'alice',
    before: { location: 'A' },
    after: { location: 'B' },
  })
  const scan = (key: string, at: string): TimelineRow => ({
    source: 'scan',
    key,
    at,
    scanId: `scan-${key}`,
    address: '10.0.0.1',
    profile: 'gentle',
    label: null,
  })

  it('maps each source to plain words and a link', () => {
    expect(toEntry(audit(1, 't'), 'dev')).toMatchObject({
      kind: 'ledger',
      titleJa: '台帳を変更',
      detailJa: '変更した項目: location',
      link: '/devices/dev',
    })
    expect(toEntry(audit(2, 't', 'acceptance.signoff'), 'dev')).toMatchObject({
      kind: 'acceptance',
      titleJa: '導入時確認: signoff',
      titleEn: 'Acceptance test: signoff',
    })
    expect(toEntry(audit(3, 't', 'decommission.complete'), 'dev').kind).toBe('decommission')
    expect(toEntry(audit(4, 't', 'bcp.plan.update'), 'dev')).toMatchObject({
      kind: 'continuity',
      link: '/bcp/plans/dev',
    })
    expect(toEntry(scan('h1', 't'), 'dev')).toMatchObject({ kind: 'scan', link: '/discovery/scans/scan-h1' })
  })

  it('merges newest first, ties broken by source and key, and pages through without loss or repeats', () => {
    const rows = [
      audit(1, '2026-01-01T00:00:00.000Z', 'device.create'),
      audit(2, '2026-03-01T00:00:00.000Z'),
      scan('a', '2026-03-01T00:00:00.000Z'),
      scan('b', '2026-03-01T00:00:00.000Z'),
      scan('c', '2026-02-01T00:00:00.000Z'),
    ]
    const all = mergeTimeline(rows, 'dev', 10)
    expect(all.nextBefore).toBeNull()
    expect(all.entries.map((e) => [e.at.slice(0, 7), e.kind])).toEqual([
      ['2026-03', 'scan'],
      ['2026-03', 'scan'],
      ['2026-03', 'ledger'],
      ['2026-02', 'scan'],
      ['2026-01', 'ledger'],
    ])
    const first = mergeTimeline(rows, 'dev', 2)
    expect(first.nextBefore).toBe(encodeCursor({ at: '2026-03-01T00:00:00.000Z', rank: 1, key: 'a' }))
    expect(decodeCursor(first.nextBefore!)).toEqual({ at: '2026-03-01T00:00:00.000Z', rank: 1, key: 'a' })
  })

  it('reads any before a person or a page may send: a cursor, a timestamp, or null for anything else', () => {
    expect(decodeCursor('2026-03-01')).toEqual({ at: '2026-03-01', rank: -1, key: '' })
    expect(decodeCursor('2026-03-01T10:00:00.000Z')?.rank).toBe(-1)
    expect(decodeCursor('yesterday')).toBeNull()
    expect(decodeCursor('2026-03-01|99|x')).toBeNull()
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (s) => {
        const c = decodeCursor(s)
        if (c) expect(c.rank >= -1 && c.rank < 7).toBe(true)
      }),
    )
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 20 }).filter((s) => !s.includes('|')),
        fc.integer({ min: 0, max: 6 }),
        fc.string({ minLength: 1, maxLength: 20 }).filter((s) => !s.includes('|')),
        (at, rank, key) => {
          expect(decodeCursor(encodeCursor({ at, rank, key }))).toEqual({ at, rank, key })
        },
      ),
    )
  })
})
