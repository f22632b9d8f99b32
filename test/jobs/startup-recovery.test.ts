/**
 * Startup recovery (jobs a dead process left running fail with JOB_INTERRUPTED) is awaited at one point: before a
 * CLI command runs and before the app answers its first request, so a short command never closes the database
 * while recovery still writes to it.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Command } from 'commander'
import { describe, expect, it } from 'vitest'
import { withServices } from '../../src/cli/context.js'
import { loadConfig } from '../../src/config.js'
import { buildServices } from '../../src/services/index.js'
import { migrate, openStorage } from '../../src/storage/database.js'
import { JobRepository } from '../../src/storage/job-repository.js'
import { storagePorts } from '../../src/storage/ports.js'
import { buildNewJob, DEAD_OWNER } from '../factories/jobs.js'
import { buildTestApp } from '../helpers/app.js'
import { DIALECTS } from '../helpers/databases.js'

/** Enough orphans that recovery takes many writes: a recovery left in the background could not finish them all. */
const ORPHANS = 150

/** A data directory whose SQLite database holds ORPHANS jobs left `running` by a process that is gone. */
async function dataDirWithOrphans(): Promise<{ dataDir: string; ids: string[] }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'mamori-recovery-'))
  const storage = openStorage({ dataDir })
  await migrate(storage.db)
  const jobs = new JobRepository(storage.db)
  const ids: string[] = []
  for (let i = 0; i < ORPHANS; i++) {
    const job = await jobs.create(buildNewJob({ owner: DEAD_OWNER }))
    await jobs.update(job.id, { state: 'running', startedAt: job.createdAt })
    ids.push(job.id)
  }
  await storage.close()
  return { dataDir, ids }
}

async function statesIn(dataDir: string, ids: string[]): Promise<Set<string>> {
  const storage = openStorage({ dataDir })
  try {
    const jobs = new JobRepository(storage.db)
    return new Set(await Promise.all(ids.map(async (id) => (await jobs.get(id))?.state ?? 'missing')))
  } finally {
    await storage.close()
  }
}

function commandFor(dataDir: string): Command {
  const cmd = new Command().option('--data-dir <dir>').option('--database-url <url>')
  cmd.parse(['--data-dir', dataDir, '--database-url', ''], { from: 'user' })
  return cmd
}

describe('startup recovery of interrupted jobs', () => {
  it('finishes before a CLI command runs, even one that returns at once', async () => {
    const { dataDir, ids } = await dataDirWithOrphans()
    const seen = await withServices(commandFor(dataDir), async (services) => services.jobs.get(ids.at(-1)!))
    expect(seen).toMatchObject({ state: 'failed', error: { code: 'JOB_INTERRUPTED' } })
    // Nothing was cut off when the command closed the database.
    expect(await statesIn(dataDir, ids)).toEqual(new Set(['failed']))
  }, 60_000)

  it('finishes before the app answers, and runs once however often ready() is called', async () => {
    const { dataDir, ids } = await dataDirWithOrphans()
    const storage = openStorage({ dataDir })
    const app = await buildTestApp(storage)
    try {
      const jobs = new JobRepository(storage.db)
      expect((await jobs.get(ids[0]!))?.state).toBe('failed')
      expect(app.deps.ready()).toBe(app.deps.ready())
    } finally {
      await app.close()
      await storage.close()
    }
  }, 60_000)
})

describe.each(DIALECTS)('ready() on $name', (dialect) => {
  it('is awaited by close: the services never outlive the database', async () => {
    const storage = await dialect.open()
    const orphan = await new JobRepository(storage.db).create(buildNewJob({ owner: DEAD_OWNER }))
    const services = buildServices(storagePorts(storage), loadConfig({ dataDir: '/nonexistent' }, {}))
    const ready = services.ready()
    for (const close of services.onClose) await close()
    await ready
    expect((await services.jobs.get(orphan.id)).state).toBe('failed')
    await storage.close()
  })
})
