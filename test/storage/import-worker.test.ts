import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import SQLite from 'better-sqlite3'
import type { FastifyInstance } from 'fastify'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { MamoriError } from '../../src/core/errors.js'
import type { DeviceImportStore } from '../../src/core/ledger/import-store.js'
import { commitDeviceImport, planDeviceImport } from '../../src/services/import-devices.js'
import { ImportJobs } from '../../src/services/import-jobs.js'
import { JobRunner } from '../../src/services/job-runner.js'
import { AuditRepository } from '../../src/storage/audit-repository.js'
import { migrate, openStorage, type Storage, sqliteFileOf } from '../../src/storage/database.js'
import { createDeviceImportStore } from '../../src/storage/device-import-store.js'
import { JobRepository } from '../../src/storage/job-repository.js'
import { buildTestApp, login } from '../helpers/app.js'

/**
 * The SQLite import commit in a worker thread (ADR 0020), on a file database: same result as the in-thread path
 * (in-memory SQLite keeps that one), one transaction (cancel or failure → nothing written, database unlocked),
 * the server's reads answered and its writes delayed (not failed, not blocking) while the worker holds the lock.
 */

const actor = { id: null, name: 'engineer' }
const csv = (rows: number, prefix = 'C') =>
  new TextEncoder().encode(
    `資産番号,種別,製造番号,IPアドレス\r\n${Array.from({ length: rows }, (_, i) => `${prefix}-${i},医療機器,SN-${prefix}-${i},10.8.${i >> 8}.${i & 255}`).join('\r\n')}\r\n`,
  )

/** A promise with its resolve, to pause a commit where a test wants. */
function latch(): { promise: Promise<void>; open(): void } {
  let open = () => {}
  const promise = new Promise<void>((resolve) => (open = resolve))
  return { promise, open }
}

/** The store, with `pause` awaited after the first batch of devices is written inside the transaction. */
function pausing(real: DeviceImportStore, reached: () => void, pause: Promise<void>): DeviceImportStore {
  return {
    ...real,
    transaction: (fn) =>
      real.transaction((tx) =>
        fn({
          ...tx,
          insertDevices: async (...args: Parameters<typeof tx.insertDevices>) => {
            await tx.insertDevices(...args)
            reached()
            await pause
          },
        }),
      ),
  }
}

const count = async (storage: Storage, table: 'devices' | 'audit_log' | 'device_addresses') =>
  Number(
    (
      await storage.db
        .selectFrom(table === 'audit_log' ? 'auditLog' : table === 'devices' ? 'devices' : 'deviceAddresses')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  )

/** Devices as the ledger holds them, without what differs between two imports of the same file (ids, times). */
async function ledgerOf(storage: Storage) {
  const rows = await storage.db.selectFrom('devices').selectAll().orderBy('assetTag').execute()
  const addresses = await storage.db
    .selectFrom('deviceAddresses')
    .innerJoin('devices', 'devices.id', 'deviceAddresses.deviceId')
    .select(['devices.assetTag', 'deviceAddresses.kind', 'deviceAddresses.value'])
    .orderBy('devices.assetTag')
    .orderBy('deviceAddresses.value')
    .execute()
  const audit = await storage.db
    .selectFrom('auditLog')
    .select(['action', 'targetType', 'actorName'])
    .where('action', 'like', 'device.%')
    .orderBy('id')
    .execute()
  return {
    devices: rows.map(({ id, createdAt, updatedAt, ...rest }) => rest),
    addresses,
    audit,
  }
}

describe('ledger import commit in a worker thread (SQLite file)', () => {
  let dir: string
  let storage: Storage
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mamori-import-worker-'))
    storage = openStorage({ dataDir: dir })
    await migrate(storage.db)
  })
  afterEach(async () => {
    await storage.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('creates and then updates devices exactly as the in-thread path does', async () => {
    const memory = openStorage({ dataDir: '', memory: true })
    await migrate(memory.db)
    try {
      expect(sqliteFileOf(storage.db)).toBeDefined()
      expect(sqliteFileOf(memory.db)).toBeUndefined()
      const now = '2026-12-01T00:00:00.000Z'
      for (const s of [storage, memory]) {
        const store = createDeviceImportStore(s.db)
        const first = await planDeviceImport(store, csv(6_000), { fileName: 'a.csv' })
        expect(await commitDeviceImport(store, first, { actor, now })).toMatchObject({ created: 6_000 })
        // Second file: half the devices changed (new IP), plus new ones; the rest unchanged.
        const second = new TextEncoder().encode(
          `資産番号,種別,製造番号,IPアドレス\r\n${Array.from({ length: 8_000 }, (_, i) => `C-${i},医療機器,SN-C-${i},10.9.${i >> 8}.${i & 255}`).join('\r\n')}\r\n`,
        )
        const plan = await planDeviceImport(store, second, { fileName: 'b.csv' })
        expect(await commitDeviceImport(store, plan, { actor, now })).toMatchObject({ created: 2_000, updated: 6_000 })
      }
      const worker = await ledgerOf(storage)
      const inThread = await ledgerOf(memory)
      expect(worker.devices).toHaveLength(8_000)
      expect(worker.devices).toEqual(inThread.devices)
      expect(worker.addresses).toEqual(inThread.addresses)
      expect(worker.audit).toEqual(inThread.audit)
    } finally {
      await memory.close()
    }
  }, 120_000)

  it('runs off the server connection: its reads see the ledger before the import until it commits', async () => {
    const store = createDeviceImportStore(storage.db)
    const plan = await planDeviceImport(store, csv(6_000), { fileName: 'a.csv' })
    const reached = latch()
    const pause = latch()
    const done = commitDeviceImport(pausing(store, reached.open, pause.promise), plan, { actor })
    await reached.promise
    // 5,000 rows are written in the worker's open transaction; the server's connection still sees none.
    expect(await count(storage, 'devices')).toBe(0)
    pause.open()
    await done
    expect(await count(storage, 'devices')).toBe(6_000)
  }, 60_000)

  it('a cancel mid-commit writes nothing and leaves the database usable and unlocked', async () => {
    const runner = new JobRunner({ jobs: new JobRepository(storage.db), audit: new AuditRepository(storage.db) })
    try {
      const real = createDeviceImportStore(storage.db)
      let jobId = ''
      const store: DeviceImportStore = {
        ...real,
        transaction: (fn) =>
          real.transaction((tx) =>
            fn({
              ...tx,
              insertDevices: async (...args: Parameters<typeof tx.insertDevices>) => {
                await tx.insertDevices(...args)
                void runner.cancel(jobId, actor)
              },
            }),
          ),
      }
      const imports = new ImportJobs({ store, jobs: runner })
      const plan = await planDeviceImport(store, csv(12_000), { fileName: 'big.csv' })
      const audits = await count(storage, 'audit_log')
      const started = await imports.start(plan, actor, 'cli')
      jobId = started.jobId
      await expect(started.done).rejects.toMatchObject({ code: 'JOB_CANCELLED' })
      expect(await runner.waitFor(jobId)).toMatchObject({ state: 'cancelled' })
      expect(await count(storage, 'devices')).toBe(0)
      expect(await count(storage, 'device_addresses')).toBe(0)
      // Only the job's own audit entries (start, cancel) were added, none of the import's.
      const after = await storage.db.selectFrom('auditLog').select('action').where('id', '>', audits).execute()
      expect(after.map((a) => a.action).filter((a) => a.startsWith('device.'))).toEqual([])
      // Unlocked: another connection writes at once, and the same import commits afterwards.
      const other = new SQLite(join(dir, 'mamori.sqlite'), { timeout: 0 })
      try {
        other.prepare("insert into sites (id, name, created_at) values ('s-1', 's-1', '2026-01-01')").run()
      } finally {
        other.close()
      }
      expect(await commitDeviceImport(real, plan, { actor })).toMatchObject({ created: 12_000 })
      expect(await count(storage, 'devices')).toBe(12_000)
    } finally {
      await runner.shutdown()
    }
  }, 120_000)

  it('a statement failing in the worker rolls back and surfaces as the in-thread path raises it', async () => {
    const store = createDeviceImportStore(storage.db)
    const memory = openStorage({ dataDir: '', memory: true })
    await migrate(memory.db)
    try {
      const fields = (await planDeviceImport(store, csv(1), { fileName: 'a.csv' })).creates[0]!.fields
      const failures: unknown[] = []
      for (const s of [store, createDeviceImportStore(memory.db)]) {
        failures.push(
          await s
            .transaction(async (tx) => {
              await tx.insertDevices([{ id: 'd-1', fields }], actor, '2026-01-01T00:00:00.000Z')
              // Same id twice: the primary key refuses it.
              await tx.insertDevices([{ id: 'd-1', fields }], actor, '2026-01-01T00:00:00.000Z')
            })
            .catch((e: unknown) => e),
        )
      }
      const [worker, inThread] = failures as [Error & { code?: string }, Error & { code?: string }]
      expect(worker).toBeInstanceOf(SQLite.SqliteError)
      expect(inThread).toBeInstanceOf(SQLite.SqliteError)
      expect(worker.code).toBe(inThread.code)
      expect(worker.message).toBe(inThread.message)
      expect(await count(storage, 'devices')).toBe(0)
      // A catalog error thrown by the commit's logic (here: the ledger changed since the preview) stays one.
      const plan = await planDeviceImport(store, csv(3), { fileName: 'a.csv' })
      await commitDeviceImport(store, await planDeviceImport(store, csv(1), { fileName: 'b.csv' }), { actor })
      const stale = await commitDeviceImport(store, plan, { actor }).catch((e: unknown) => e)
      expect(stale).toBeInstanceOf(MamoriError)
      expect(stale).toMatchObject({ code: 'IMPORT_STALE' })
      expect(await count(storage, 'devices')).toBe(1)
    } finally {
      await memory.close()
    }
  }, 60_000)

  it('a write while another process holds the lock is retried without blocking, and fails as before after 5 s', async () => {
    const other = new SQLite(join(dir, 'mamori.sqlite'), { timeout: 0 })
    try {
      other.exec('begin immediate')
      const order: string[] = []
      const write = storage.db
        .insertInto('sites')
        .values({ id: 's-1', name: 's-1', createdAt: '2026-01-01' })
        .execute()
        .then(() => order.push('write'))
      // The event loop stays free: a timer and a read run while the write waits.
      await new Promise((r) => setTimeout(r, 200))
      order.push('timer')
      expect(await count(storage, 'devices')).toBe(0)
      other.exec('commit')
      await write
      expect(order).toEqual(['timer', 'write'])
      // Held for good: after the retries (BUSY_RETRY_MS) the write fails with SQLITE_BUSY, as busy_timeout made it.
      other.exec('begin immediate')
      const refused = await storage.db
        .insertInto('sites')
        .values({ id: 's-2', name: 's-2', createdAt: '2026-01-01' })
        .execute()
        .catch((e: unknown) => e)
      expect(refused).toBeInstanceOf(SQLite.SqliteError)
      expect(refused).toMatchObject({ code: 'SQLITE_BUSY' })
      other.exec('rollback')
    } finally {
      other.close()
    }
  }, 30_000)

  it('the worker ends with the storage: a process that imports and closes exits on its own', () => {
    const script = `
      import { mkdtempSync, rmSync } from 'node:fs'
      import { tmpdir } from 'node:os'
      import { join } from 'node:path'
      const { migrate, openStorage } = await import(${JSON.stringify(new URL('../../src/storage/database.ts', import.meta.url).href)})
      const { createDeviceImportStore } = await import(${JSON.stringify(new URL('../../src/storage/device-import-store.ts', import.meta.url).href)})
      const { commitDeviceImport, planDeviceImport } = await import(${JSON.stringify(new URL('../../src/services/import-devices.ts', import.meta.url).href)})
      const dir = mkdtempSync(join(tmpdir(), 'mamori-import-worker-exit-'))
      const storage = openStorage({ dataDir: dir })
      await migrate(storage.db)
      const store = createDeviceImportStore(storage.db)
      const plan = await planDeviceImport(store, new TextEncoder().encode('資産番号,種別\\r\\nX-1,医療機器\\r\\n'), { fileName: 'x.csv' })
      const r = await commitDeviceImport(store, plan, { actor: { id: null, name: 't' } })
      await storage.close()
      rmSync(dir, { recursive: true, force: true })
      console.log(JSON.stringify(r.created))
    `
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: fileURLToPath(new URL('../..', import.meta.url)),
      encoding: 'utf8',
      timeout: 60_000,
    })
    expect(r.stderr).toBe('')
    expect(r.status).toBe(0)
    expect(r.stdout.trim()).toBe('1')
  }, 70_000)
})

describe('the server while an import holds the write lock (SQLite file)', () => {
  let dir: string
  let storage: Storage
  let app: FastifyInstance
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mamori-import-worker-app-'))
    storage = openStorage({ dataDir: dir })
    await migrate(storage.db)
    app = await buildTestApp(storage)
  })
  afterEach(async () => {
    await app.close()
    await storage.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('answers reads at once, and a login and a device edit wait without blocking, then succeed', async () => {
    const engineer = await login(app, 'engineer')
    const created = await app.inject({
      method: 'POST',
      url: '/api/devices',
      headers: engineer.headers,
      payload: { assetTag: 'EDIT-1', kind: 'medical_device' },
    })
    expect(created.statusCode).toBe(201)
    const device = created.json() as { id: string; version: number }
    const token = await app.inject({
      method: 'POST',
      url: '/api/tokens',
      headers: engineer.headers,
      payload: { name: 'script' },
    })
    expect(token.statusCode).toBe(201)
    const bearer = { authorization: `Bearer ${(token.json() as { token: string }).token}` }

    const store = createDeviceImportStore(storage.db)
    const plan = await planDeviceImport(store, csv(6_000), { fileName: 'a.csv' })
    const reached = latch()
    const pause = latch()
    const order: string[] = []
    const done = commitDeviceImport(pausing(store, reached.open, pause.promise), plan, { actor }).then((r) => {
      order.push('commit')
      return r
    })
    await reached.promise
    const delay = monitorEventLoopDelay({ resolution: 10 })
    delay.enable()
    // Writes: they need the lock the worker holds.
    const loggingIn = app
      .inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'viewer', password: 'correct-horse-42' } })
      .then((r) => {
        order.push('login')
        return r
      })
    const editing = app
      .inject({
        method: 'PATCH',
        url: `/api/devices/${device.id}`,
        headers: engineer.headers,
        payload: { version: device.version, patch: { location: '3F 手術室' } },
      })
      .then((r) => {
        order.push('edit')
        return r
      })
    // A read sent after them is answered while the import still holds the lock (it sees the ledger before it).
    const list = await app.inject({ method: 'GET', url: '/api/devices?limit=5', headers: engineer.headers })
    order.push('read')
    expect(list.statusCode).toBe(200)
    expect(list.json()).toMatchObject({ total: 1 })
    // Also with a never-used API token, whose first use records its last-used time (a write, not waited for).
    const scripted = await app.inject({ method: 'GET', url: '/api/devices?limit=5', headers: bearer })
    expect(scripted.statusCode).toBe(200)
    // Held long enough that a synchronous busy wait (busy_timeout) would have shown.
    await new Promise((r) => setTimeout(r, 300))
    expect(order).toEqual(['read'])
    pause.open()
    const [login2, edit] = await Promise.all([loggingIn, editing, done])
    delay.disable()
    expect(login2.statusCode).toBe(200)
    expect(edit.statusCode).toBe(200)
    expect(edit.json()).toMatchObject({ version: device.version + 1 })
    expect(order[0]).toBe('read')
    expect(order.indexOf('commit')).toBeLessThan(order.indexOf('login'))
    expect(order.indexOf('commit')).toBeLessThan(order.indexOf('edit'))
    expect(await count(storage, 'devices')).toBe(6_001)
    // A sanity bound only, far from any target: nothing held the event loop for a second.
    expect(delay.max / 1e6).toBeLessThan(1000)
  }, 60_000)
})
