import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { Worker } from 'node:worker_threads'
import SQLite from 'better-sqlite3'
import { type ErrorCode, MamoriError, type MessageParams } from '../core/errors.js'
import type { DeviceImportTx } from '../core/ledger/import-store.js'
import type { SqliteFile } from './database.js'

/**
 * The main-thread side of the SQLite import commit in a worker thread (ADR 0020). `transaction(fn)` keeps the port
 * `DeviceImportStore`: `fn` (commitDeviceImport's logic) runs here, and each `DeviceImportTx` call becomes a message
 * to the worker (import-worker.ts), which holds one `BEGIN IMMEDIATE` transaction on its own connection to the same
 * file until `fn` returns (COMMIT) or throws (ROLLBACK). Row conversion and the SQL run in the worker, so the event
 * loop only copies each batch into a message. Meanwhile the storage's {@link SqliteFile.gate} is closed: writes on
 * the server's connection wait (asynchronously) until the import ends; reads keep the snapshot before it.
 */

/** What the worker can be asked (the port's calls plus the transaction's ends). */
export type ImportOp =
  | 'begin'
  | 'commit'
  | 'rollback'
  | 'findByKeys'
  | 'siteIds'
  | 'ensureSites'
  | 'insertDevices'
  | 'updateDevices'
  | 'insertAudit'
  | 'beginBulkInsert'
  | 'restoreIndexes'

export interface ImportRequest {
  id: number
  op: ImportOp
  args: unknown[]
}

/** An error as it crosses the thread boundary. */
export interface WireError {
  name: string
  message: string
  code?: string
  params?: MessageParams
  stack?: string
}

export type ImportReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: WireError }

/** workerData of the import worker. */
export interface ImportWorkerSetup {
  file: string
}

/** The error a worker reported, as the in-thread path would have thrown it (same class, code and parameters). */
export function fromWire(e: WireError): Error {
  let err: Error
  if (e.name === 'MamoriError' && e.code) err = MamoriError.of(e.code as ErrorCode, e.params ?? {})
  else if (e.name === 'SqliteError' && e.code) err = new SQLite.SqliteError(e.message, e.code)
  else {
    err = new Error(e.message)
    err.name = e.name
  }
  if (e.stack) err.stack = `${err.stack}\n    in the import worker: ${e.stack}`
  return err
}

export function toWire(err: unknown): WireError {
  if (!(err instanceof Error)) return { name: 'Error', message: String(err) }
  const o = err as Error & { code?: unknown; params?: MessageParams }
  return {
    name: err.name,
    message: err.message,
    code: typeof o.code === 'string' ? o.code : undefined,
    params: o.params,
    stack: err.stack,
  }
}

/**
 * Starts the worker: the compiled .js next to this file (build, release bundle), or the .ts source under tsx
 * (dev, tests, benchmarks), registering tsx's loader in the thread first; as src/net/sweep-threads.ts does.
 * Null when neither can run here.
 */
function startWorker(setup: ImportWorkerSetup): Worker | null {
  const js = new URL('./import-worker.js', import.meta.url)
  if (existsSync(fileURLToPath(js))) return new Worker(js, { workerData: setup })
  const ts = new URL('./import-worker.ts', import.meta.url)
  if (!existsSync(fileURLToPath(ts))) return null
  let api: string
  try {
    const cjs = createRequire(import.meta.url).resolve('tsx/esm/api')
    const mjs = cjs.replace(/\.cjs$/, '.mjs')
    api = pathToFileURL(existsSync(mjs) ? mjs : cjs).href
  } catch {
    return null
  }
  const boot = `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(ts.href)}) })`
  return new Worker(boot, { eval: true, workerData: setup })
}

type Pending = { resolve(v: unknown): void; reject(e: Error): void }

/** An idle worker is stopped after this long (its connection and page cache freed); the next import starts one. */
export const IMPORT_WORKER_IDLE_MS = 30_000

export class ImportWorkerClient {
  private worker: Worker | null = null
  private readonly pending = new Map<number, Pending>()
  private nextId = 1
  /** Commits of this store run one after the other (SQLite has one writer anyway). */
  private queue: Promise<unknown> = Promise.resolve()
  private closed = false
  private idle: NodeJS.Timeout | null = null

  constructor(private readonly file: SqliteFile) {
    file.onClose(() => this.close())
  }

  /**
   * Runs `fn` in one transaction in the worker; `inThread` runs it on the main connection instead when no worker
   * can start here.
   */
  transaction<T>(
    fn: (tx: DeviceImportTx) => Promise<T>,
    inThread: (fn: (tx: DeviceImportTx) => Promise<T>) => Promise<T>,
  ): Promise<T> {
    const run = this.queue.then(() => this.run(fn, inThread))
    this.queue = run.catch(() => {})
    return run
  }

  /** Stops the worker (the storage is closing); an open transaction is rolled back with its connection. */
  async close(): Promise<void> {
    this.closed = true
    if (this.idle) clearTimeout(this.idle)
    const w = this.worker
    this.worker = null
    if (w) await w.terminate()
  }

  private async run<T>(
    fn: (tx: DeviceImportTx) => Promise<T>,
    inThread: (fn: (tx: DeviceImportTx) => Promise<T>) => Promise<T>,
  ): Promise<T> {
    if (this.idle) clearTimeout(this.idle)
    this.idle = null
    const w = this.start()
    if (!w) return inThread(fn)
    w.ref()
    try {
      return await this.file.gate.hold(async () => {
        await this.call('begin')
        let result: T
        try {
          result = await fn(this.tx())
        } catch (err) {
          await this.call('rollback').catch(() => {})
          throw err
        }
        await this.call('commit')
        return result
      })
    } finally {
      // Idle, the worker does not keep the process alive (a CLI command ends without closing the storage), and
      // after a while it stops.
      this.worker?.unref()
      this.stopWhenIdle()
    }
  }

  private stopWhenIdle(): void {
    if (this.idle) clearTimeout(this.idle)
    this.idle = setTimeout(() => {
      const idle = this.worker
      this.worker = null
      void idle?.terminate()
    }, IMPORT_WORKER_IDLE_MS)
    this.idle.unref()
  }

  private tx(): DeviceImportTx {
    const call = <R>(op: ImportOp, ...args: unknown[]) => this.call(op, ...args) as Promise<R>
    return {
      findByKeys: (keys) => call('findByKeys', keys),
      siteIds: () => call('siteIds'),
      ensureSites: (ids, now) => call('ensureSites', ids, now),
      insertDevices: (rows, actor, now) => call('insertDevices', rows, actor, now),
      updateDevices: (rows, actor, now) => call('updateDevices', rows, actor, now),
      insertAudit: (entries, actor, now) => call('insertAudit', entries, actor, now),
      async beginBulkInsert(rows) {
        const token = await call<number>('beginBulkInsert', rows)
        return () => call<void>('restoreIndexes', token)
      },
    }
  }

  private start(): Worker | null {
    if (this.closed) throw new Error('The storage is closed.')
    if (this.worker) return this.worker
    let w: Worker | null
    try {
      w = startWorker({ file: this.file.path })
    } catch {
      w = null
    }
    if (!w) return null
    w.unref()
    w.on('message', (m: ImportReply) => {
      const p = this.pending.get(m.id)
      if (!p) return
      this.pending.delete(m.id)
      if (m.ok) p.resolve(m.value)
      else p.reject(fromWire(m.error))
    })
    const stopped = (why: string) => {
      if (this.worker === w) this.worker = null
      const err = new Error(`The import worker stopped: ${why}`)
      for (const p of this.pending.values()) p.reject(err)
      this.pending.clear()
    }
    w.on('error', (err) => stopped(err.message))
    w.on('exit', (code) => stopped(`exit code ${code}`))
    this.worker = w
    return w
  }

  private call(op: ImportOp, ...args: unknown[]): Promise<unknown> {
    const w = this.worker
    if (!w) return Promise.reject(new Error('The import worker stopped.'))
    const id = this.nextId++
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject })
      w.postMessage({ id, op, args } satisfies ImportRequest)
    })
  }
}
