import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { mamori } from '../helpers/cli.js'

describe('mamori jobs (CLI work runs on the job runner)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mamori-jobs-cli-'))
  const dataDir = join(dir, 'data')
  const ledger = join(dir, 'ledger.csv')
  writeFileSync(ledger, '資産番号,種別,IPアドレス\nCLI-1,医療機器,10.7.0.1\nCLI-2,医療機器,10.7.0.2\n')

  it('an import from the command line is a device-import job with trigger cli, listed and shown', async () => {
    const none = await mamori(dataDir, ['jobs', 'list'])
    expect(none.code).toBe(0)
    expect(none.stdout).toContain('No jobs yet.')

    const imported = await mamori(dataDir, ['--json', 'devices', 'import', ledger, '--yes'])
    expect(imported.code).toBe(0)
    // No progress bar when stdout is not a terminal: the output is the JSON alone.
    expect(JSON.parse(imported.stdout).result).toMatchObject({ created: 2 })

    const list = await mamori(dataDir, ['--json', 'jobs', 'list', '--kind', 'device-import'])
    expect(list.code).toBe(0)
    const page = JSON.parse(list.stdout)
    expect(page.total).toBe(1)
    expect(page.items[0]).toMatchObject({
      kind: 'device-import',
      state: 'succeeded',
      trigger: 'cli',
      progress: { done: 2, total: 2, phase: 'write' },
      result: { created: 2 },
    })
    expect(page.items[0].createdBy.name).toMatch(/^cli:/)

    const show = await mamori(dataDir, ['jobs', 'show', page.items[0].id])
    expect(show.code).toBe(0)
    expect(show.stdout).toContain(`Job ${page.items[0].id} (device-import) succeeded`)
    expect(show.stdout).toContain('progress: 2/2 write')

    const text = await mamori(dataDir, ['jobs'])
    expect(text.stdout).toMatch(/device-import\s+succeeded\s+2\/2 write/)
  }, 120_000)

  it('an unknown job exits 4 with the reason', async () => {
    const r = await mamori(dataDir, ['jobs', 'show', 'no-such-job'])
    expect(r.code).toBe(4)
    expect(r.stderr).toContain('no-such-job')
  }, 60_000)

  it('refuses an unknown state with the accepted values', async () => {
    const r = await mamori(dataDir, ['jobs', 'list', '--state', 'sleeping'])
    expect(r.code).toBe(3)
  }, 60_000)
})
