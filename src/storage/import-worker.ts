import { parentPort, workerData } from 'node:worker_threads'
import SQLite from 'better-sqlite3'
import { CamelCasePlugin, Kysely, SqliteDialect } from 'kysely'
import { sqliteBackend, tx } from './device-import-store.js'
import { type ImportReply, type ImportRequest, type ImportWorkerSetup, toWire } from './import-worker-client.js'
import type { Database } from './schema.js'

/**
 * The import worker thread (ADR 0020): its own connection to the SQLite file, one transaction at a time, opened by
 * `begin` and ended by `commit` or `rollback` from import-worker-client.ts. The import's calls run the same code as
 * the in-thread path (`tx` over `sqliteBackend` from device-import-store.ts: cached statements, the bulk index
 * rebuild), so the SQL and the row conversion are the same; only the thread differs.
 */
const setup: ImportWorkerSetup = workerData
const port = parentPort
if (port) {
  const h = new SQLite(setup.file)
  h.pragma('journal_mode = WAL')
  h.pragma('foreign_keys = ON')
  h.pragma('synchronous = NORMAL')
  // Blocking here blocks only this thread: wait as long as a write on the server's connection may take to end.
  h.pragma('busy_timeout = 30000')
  // A larger page cache (64 MiB) and temp_store = MEMORY for this connection were tried and left out: no difference
  // measurable in CPU for 100,000 rows (docs/bench-notes/responsive-import.md), and the memory stays with the worker.
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: h }), plugins: [new CamelCasePlugin()] })
  // Statements run on the connection join the BEGIN IMMEDIATE transaction opened on it.
  const api = tx(db, sqliteBackend(h))
  const restores = new Map<number, () => Promise<void>>()
  let nextToken = 1
  const end = (sql: 'commit' | 'rollback') => {
    restores.clear()
    try {
      if (h.inTransaction) h.exec(sql)
    } catch (err) {
      if (h.inTransaction) h.exec('rollback')
      throw err
    }
  }
  const handle = async (m: ImportRequest): Promise<unknown> => {
    switch (m.op) {
      case 'begin':
        if (h.inTransaction) h.exec('rollback')
        h.exec('begin immediate')
        return undefined
      case 'commit':
        return end('commit')
      case 'rollback':
        return end('rollback')
      case 'beginBulkInsert': {
        const restore = await api.beginBulkInsert(m.args[0] as number)
        const token = nextToken++
        restores.set(token, restore)
        return token
      }
      case 'restoreIndexes': {
        const token = m.args[0] as number
        await restores.get(token)?.()
        restores.delete(token)
        return undefined
      }
      default: {
        const f = api[m.op] as (...args: unknown[]) => Promise<unknown>
        return f(...m.args)
      }
    }
  }
  // One request at a time, in order (the client awaits each call anyway).
  let chain: Promise<void> = Promise.resolve()
  port.on('message', (m: ImportRequest) => {
    chain = chain.then(async () => {
      let reply: ImportReply
      try {
        reply = { id: m.id, ok: true, value: await handle(m) }
      } catch (err) {
        reply = { id: m.id, ok: false, error: toWire(err) }
      }
      port.postMessage(reply)
    })
  })
}
