import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config.js'
import { buildServices, type Services } from '../../src/services/index.js'
import { SYSTEM_ACTOR } from '../../src/storage/audit-repository.js'
import type { Storage } from '../../src/storage/database.js'
import { storagePorts } from '../../src/storage/ports.js'
import { DIALECTS } from '../helpers/databases.js'

describe.each(DIALECTS)('scheduled scans on the job runner ($name)', (dialect) => {
  let storage: Storage
  let services: Services
  beforeEach(async () => {
    storage = await dialect.open()
    services = buildServices(storagePorts(storage), loadConfig({ dataDir: '/nonexistent' }, {}))
  })
  afterEach(async () => {
    for (const close of services.onClose) await close()
    await storage.close()
  })

  it('a due schedule starts a scan job with trigger "schedule" through the same path as any scan', async () => {
    await services.scopes.approve('127.0.0.49', {}, SYSTEM_ACTOR)
    const row = await services.schedules.create(
      { cron: '0 2 * * *', targets: ['127.0.0.49'], ports: '1' },
      SYSTEM_ACTOR,
    )
    expect(await services.schedules.list()).toHaveLength(1)
    // Not due yet, then due.
    expect(await services.schedules.tick(new Date(Date.parse(row.createdAt) + 60_000))).toEqual([])
    const [scanId] = await services.schedules.tick(new Date(Date.parse(row.createdAt) + 2 * 86_400_000))
    expect(scanId).toEqual(expect.any(String))
    const scan = await services.scans.get(scanId!)
    expect(scan).toMatchObject({ scheduleId: row.id, jobId: expect.any(String) })
    const job = await services.jobs.waitFor(scan.jobId!)
    expect(job).toMatchObject({ kind: 'scan', trigger: 'schedule', state: 'succeeded', subjectId: scanId })
    expect(job.createdBy?.name).toBe(`schedule:${SYSTEM_ACTOR.name}`)
    expect((await services.scans.get(scanId!)).status).toBe('completed')
  })

  it('a schedule whose targets left the scope is refused in the audit log and starts no job', async () => {
    await services.scopes.approve('127.0.0.50', {}, SYSTEM_ACTOR)
    const row = await services.schedules.create(
      { cron: '0 2 * * *', targets: ['127.0.0.50'], ports: '1' },
      SYSTEM_ACTOR,
    )
    await services.ports.discovery.removeScope('127.0.0.50', SYSTEM_ACTOR)
    expect(await services.schedules.tick(new Date(Date.parse(row.createdAt) + 2 * 86_400_000))).toEqual([])
    const audit = await storage.db.selectFrom('auditLog').select('action').where('targetId', '=', row.id).execute()
    expect(audit.map((a) => a.action)).toContain('schedule.refused')
    expect((await services.jobs.list({ limit: 10, offset: 0 })).total).toBe(0)
  })
})
