/**
 * `mamori lifecycle` on the demo hospital (ADR 0041): the calendar as JSON (the demo's support ends, the saved
 * defaults), a date that does not exist named, the reminders sent once, the re-scan list, and a device's timeline in
 * Japanese with the cursor to page on.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DeviceTimeline, LifecycleCalendar, RescanDueList } from '../../api/operations.js'
import { mamori } from '../helpers/cli.js'

describe('mamori lifecycle', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'mamori-lifecycle-cli-'))
  let tag = ''

  beforeAll(async () => {
    const demo = await mamori(dataDir, ['demo', '--json'])
    expect(demo.code, demo.stderr).toBe(0)
  }, 120_000)
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

  it('prints the calendar as JSON, soonest first, and names a date that does not exist', async () => {
    const r = await mamori(dataDir, ['lifecycle', 'calendar', '--months', '12', '--kind', 'support_end', '--json'])
    expect(r.code, r.stderr).toBe(0)
    const cal = JSON.parse(r.stdout) as LifecycleCalendar
    expect(cal.events.length).toBeGreaterThan(0)
    expect(cal.events.every((e) => e.kind === 'support_end' && e.date >= cal.from && e.date <= cal.to)).toBe(true)
    expect(cal.events.map((e) => e.date)).toEqual(cal.events.map((e) => e.date).sort())
    expect(cal.months).toHaveLength(13)
    expect(cal.alreadyPast.supportEnd).toBeGreaterThan(0)
    tag = cal.events[0]!.assetTag!
    const bad = await mamori(dataDir, ['lifecycle', 'calendar', '--from', '2027-02-30'])
    expect(bad.code).not.toBe(0)
    expect(bad.stderr).toContain('from: "2027-02-30" is not a date')
    expect(bad.stderr).not.toMatch(/at .*\.ts:\d+/)
  }, 60_000)

  it('sends the due reminders once and lists the devices due a scan', async () => {
    const first = await mamori(dataDir, ['lifecycle', 'reminders', 'run', '--lang', 'ja'])
    expect(first.code, first.stderr).toBe(0)
    expect(first.stdout).toMatch(/件のお知らせを送りました/)
    expect(first.stdout).toMatch(/サポート終了まで \d+ 日: /)
    const second = await mamori(dataDir, ['lifecycle', 'reminders', 'run', '--lang', 'en'])
    expect(second.stdout.trim()).toBe('No reminder is due.')
    const due = await mamori(dataDir, ['lifecycle', 'rescan-due', '--json'])
    expect(due.code, due.stderr).toBe(0)
    const list = JSON.parse(due.stdout) as RescanDueList
    expect(list.total).toBeGreaterThan(0)
    // Never-scan devices come last, excluded rather than overdue.
    const firstExcluded = list.items.findIndex((d) => d.excluded)
    if (firstExcluded >= 0)
      expect(list.items.slice(firstExcluded).every((d) => d.excluded && d.overdueDays === 0)).toBe(true)
  }, 60_000)

  it('prints a device’s timeline in Japanese and pages on with --before', async () => {
    const ja = await mamori(dataDir, ['lifecycle', 'timeline', tag, '--limit', '3', '--lang', 'ja'])
    expect(ja.code, ja.stderr).toBe(0)
    expect(ja.stdout).toContain('日時')
    expect(ja.stdout).toContain('続き: --before')
    const json = JSON.parse(
      (await mamori(dataDir, ['lifecycle', 'timeline', tag, '--json', '--limit', '3'])).stdout,
    ) as DeviceTimeline
    expect(json.entries).toHaveLength(3)
    const next = await mamori(dataDir, [
      'lifecycle',
      'timeline',
      tag,
      '--json',
      '--limit',
      '100',
      '--before',
      json.nextBefore!,
    ])
    const rest = JSON.parse(next.stdout) as DeviceTimeline
    expect(rest.entries.length).toBeGreaterThan(0)
    expect(
      rest.entries.some((e) => e.titleEn === 'Imported into the ledger' || e.titleEn === 'Added to the ledger'),
    ).toBe(true)
    expect(rest.entries[0]!.at <= json.entries[2]!.at).toBe(true)
    const missing = await mamori(dataDir, ['lifecycle', 'timeline', 'NO-SUCH-TAG'])
    expect(missing.code).not.toBe(0)
    expect(missing.stderr).toContain('NO-SUCH-TAG')
  }, 60_000)
})
