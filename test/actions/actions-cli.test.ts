import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ActionList } from '../../api/actions.js'
import { mamori } from '../helpers/cli.js'

describe('mamori actions', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'mamori-actions-cli-'))

  beforeAll(async () => {
    // The demo hospital with its recorded (fictional) gentle scan: Telnet, SMBv1, SNMP public… on many devices.
    const demo = await mamori(dataDir, ['demo', '--json'])
    expect(demo.code, demo.stderr).toBe(0)
  }, 120_000)
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

  it('lists the action plan as JSON, most urgent first', async () => {
    const r = await mamori(dataDir, ['actions', 'list', '--json'])
    expect(r.code, r.stderr).toBe(0)
    const list = JSON.parse(r.stdout) as ActionList
    const telnet = list.items.find((a) => a.kind === 'scan:telnet-cleartext')
    expect(telnet?.deviceCount).toBeGreaterThan(1)
    expect(telnet?.titleEn).toMatch(/^Turn off Telnet \(or move into an isolated segment\) — \d+ devices$/)
    expect(list.counts.open).toBe(list.total)
    const ranks = list.items.map((a) => ['critical', 'high', 'medium', 'low', 'info'].indexOf(a.severity))
    expect(ranks).toEqual([...ranks].sort((x, y) => x - y))
  }, 60_000)

  it('prints status, due date, owner, devices and what to do, in Japanese or English', async () => {
    const ja = await mamori(dataDir, ['actions', 'list', '--lang', 'ja'])
    expect(ja.code, ja.stderr).toBe(0)
    expect(ja.stdout).toMatch(/未完了 \d+ 件（うち期限超過 0 件）、リスク受容 0 件/)
    expect(ja.stdout).toContain('状態')
    expect(ja.stdout).toMatch(
      /未着手\s+\d{4}-\d{2}-\d{2}\s+\d+\s+高\s+.*Telnet を停止する（または隔離区画へ移す）— \d+ 台/,
    )
    const en = await mamori(dataDir, ['actions', 'list', '--lang', 'en', '--status', 'open'])
    expect(en.stdout).toContain('STATUS')
    expect(en.stdout).toMatch(/open\s+\d{4}-\d{2}-\d{2}\s+\d+\s+high\s+.*Turn off Telnet/)
  }, 60_000)

  it('regroups on demand: a second sync creates nothing new', async () => {
    const r = await mamori(dataDir, ['actions', 'sync', '--json'])
    expect(r.code, r.stderr).toBe(0)
    expect(JSON.parse(r.stdout)).toMatchObject({ created: 0, closed: 0 })
    const ja = await mamori(dataDir, ['actions', 'sync', '--lang', 'ja'])
    expect(ja.stdout).toMatch(/新規 0 件、更新 \d+ 件、完了 0 件。未完了の対策は \d+ 件です。/)
  }, 60_000)

  it('refuses an unknown status with a usage error naming it', async () => {
    const r = await mamori(dataDir, ['actions', 'list', '--status', 'finished'])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('--status "finished" is not a status')
  }, 60_000)
})

describe('mamori restore with an action plan in place', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'mamori-actions-restore-'))
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

  it('restores a backup over a database with actions, and the next read regroups the plan', async () => {
    expect((await mamori(dataDir, ['demo', '--json'])).code).toBe(0)
    const before = JSON.parse((await mamori(dataDir, ['actions', 'list', '--json'])).stdout) as ActionList
    expect(before.total).toBeGreaterThan(0)
    const file = join(dataDir, 'backup.jsonl.gz')
    expect((await mamori(dataDir, ['backup', file])).code).toBe(0)
    const restored = await mamori(dataDir, ['restore', '--yes', file])
    expect(restored.code, restored.stderr).toBe(0)
    const after = JSON.parse((await mamori(dataDir, ['actions', 'list', '--json'])).stdout) as ActionList
    // Same plan, same order (ties broken by devices helped, then kind).
    expect(after.items.map((a) => [a.kind, a.deviceCount])).toEqual(before.items.map((a) => [a.kind, a.deviceCount]))
    expect(after.items.map((a) => a.dueOn)).toEqual(before.items.map((a) => a.dueOn))
  }, 180_000)
})
