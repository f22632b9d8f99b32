import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { mamori } from '../helpers/cli.js'

describe('mamori CLI', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'mamori-cli-'))

  beforeAll(async () => {
    const init = await mamori(dataDir, ['init', '--json'], { MAMORI_ADMIN_PASSWORD: 'Cli-Test-Password-1' })
    expect(init.code).toBe(0)
    expect(JSON.parse(init.stdout)).toMatchObject({ created: true, username: 'admin', database: 'sqlite' })
  }, 120_000)

  it('loads the demo hospital and lists it as JSON and as a table', async () => {
    const demo = await mamori(dataDir, ['demo', '--json'])
    expect(demo.code).toBe(0)
    const list = await mamori(dataDir, ['devices', 'list', '--kind', 'server', '--json'])
    const page = JSON.parse(list.stdout)
    expect(page.total).toBeGreaterThan(0)
    expect(page.items.every((d: { kind: string }) => d.kind === 'server')).toBe(true)
    const human = await mamori(dataDir, ['devices', 'list', '--limit', '3'])
    expect(human.stdout).toContain('ASSET TAG')
    expect(human.stdout).toMatch(/3 of \d+ devices/)
  }, 120_000)

  it('exits 3 with a located message on invalid input, without a stack trace', async () => {
    const r = await mamori(dataDir, ['devices', 'list', '--kind', 'toaster'])
    expect(r.code).toBe(3)
    expect(r.stderr).toContain('kind')
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+/)
  }, 60_000)

  it('refuses a scan outside the approved scope with exit code 5', async () => {
    const r = await mamori(dataDir, ['scan', '127.0.0.1', '--json'])
    expect(r.code).toBe(5)
    expect(JSON.parse(r.stdout).error.code).toBe('SCAN_OUT_OF_SCOPE')
  }, 60_000)

  it('imports nmap XML as a scan with findings, and refuses a file that is not nmap XML', async () => {
    const fixture = join(import.meta.dirname, '..', 'fixtures', 'nmap', 'sample.xml')
    const ok = await mamori(dataDir, ['import', 'nmap', fixture, '--json'])
    expect(ok.code).toBe(0)
    const out = JSON.parse(ok.stdout)
    expect(out.scan).toMatchObject({ status: 'completed', profile: 'nmap-import' })
    const findings = JSON.parse((await mamori(dataDir, ['findings', 'list', '--json'])).stdout)
    expect(findings.items.map((f: { ruleId: string }) => f.ruleId)).toContain('telnet-cleartext')
    const bad = await mamori(dataDir, ['import', 'nmap', join(import.meta.dirname, 'cli.test.ts')])
    expect(bad.code).toBe(3)
    expect(bad.stderr).toContain('not nmap XML')
  }, 60_000)

  it('answers --help for every command', async () => {
    for (const cmd of [[], ['devices'], ['scan'], ['scope'], ['backup']]) {
      const r = await mamori(dataDir, [...cmd, '--help'])
      expect(r.code).toBe(0)
      expect(r.stdout).toContain('Usage: mamori')
    }
  }, 120_000)
})
