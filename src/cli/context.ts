import type { Command } from 'commander'
import pc from 'picocolors'
import { ZodError } from 'zod'
import { type Config, loadConfig } from '../config.js'
import { MamoriError } from '../core/errors.js'
import { buildServices, type Services } from '../services/index.js'
import { migrate, openStorage, type Storage } from '../storage/database.js'
import { storagePorts } from '../storage/ports.js'
import { ensurePrivateDir } from '../storage/private-files.js'

/** Exit codes every command uses, so scripts can tell failures apart. */
export const EXIT = {
  ok: 0,
  failure: 1,
  usage: 2,
  invalidInput: 3,
  notFound: 4,
  refused: 5,
  interrupted: 130,
} as const

export interface GlobalOptions {
  dataDir?: string
  databaseUrl?: string
  json?: boolean
}

/** The global options of the root program, from any subcommand. */
export function globals(cmd: Command): GlobalOptions {
  return cmd.optsWithGlobals<GlobalOptions>()
}

export function configOf(cmd: Command): Config {
  const g = globals(cmd)
  return loadConfig({ dataDir: g.dataDir, databaseUrl: g.databaseUrl })
}

/**
 * Creates the data directory (mode 700: it holds the generated admin password and, with SQLite, the ledger)
 * whatever the database, so that first-run files always have a place to go; an existing one is made 700 too.
 */
export function ensureDataDir(dir: string): void {
  ensurePrivateDir(dir)
}

/** Creates the data directory, then opens (and migrates) the configured database for the duration of `fn`. */
export async function withStorage<T>(cmd: Command, fn: (storage: Storage, config: Config) => Promise<T>): Promise<T> {
  const config = configOf(cmd)
  ensureDataDir(config.dataDir)
  const storage = openStorage({ dataDir: config.dataDir, databaseUrl: config.databaseUrl })
  try {
    await migrate(storage.db)
    return await fn(storage, config)
  } finally {
    await storage.close()
  }
}

/**
 * Opens the configured database for the duration of `fn` and hands it every service, built by the same
 * `buildServices` as the server: a command never builds a repository or a service by hand. Background work the
 * services started is closed before the database.
 */
export async function withServices<T>(
  cmd: Command,
  fn: (services: Services, ctx: { storage: Storage; config: Config }) => Promise<T>,
): Promise<T> {
  return withStorage(cmd, async (storage, config) => {
    const services = buildServices(storagePorts(storage), config)
    try {
      await services.ready() // startup recovery ends before the command runs and before the database closes
      return await fn(services, { storage, config })
    } finally {
      for (const close of services.onClose) await close()
    }
  })
}

/** Prints either machine-readable JSON (`--json`) or the human text. */
export function report(cmd: Command, data: unknown, human: () => string): void {
  if (globals(cmd).json) process.stdout.write(`${JSON.stringify(data, null, 2)}\n`)
  else process.stdout.write(`${human()}\n`)
}

/**
 * Any error as a catalog error: a MamoriError as it is, a ZodError as INVALID_INPUT naming each bad field, anything
 * else as INTERNAL with its English cause as a detail (the terminal is where the operator reads it).
 */
export function asCatalogError(err: unknown): MamoriError {
  if (err instanceof MamoriError) return err
  if (err instanceof ZodError) {
    const details = err.issues.map((i) => ({ where: i.path.join('.') || 'input', message: i.message }))
    // The message names the fields; the details (printed below it) give zod's reasons, which are English.
    const problems = { en: details.map((d) => d.where).join(', '), ja: details.map((d) => d.where).join('、') }
    return MamoriError.of('INVALID_INPUT', { problems }, details)
  }
  return MamoriError.of('INTERNAL', {}, [{ where: 'cause', message: err instanceof Error ? err.message : String(err) }])
}

/** Turns any error into a short message (English, then Japanese) and an exit code; full stack only with MAMORI_DEBUG. */
export function fail(err: unknown, json = false): never {
  const e = asCatalogError(err)
  if (json) {
    process.stdout.write(`${JSON.stringify({ error: { code: e.code, message: e.message, details: e.details } })}\n`)
  } else {
    process.stderr.write(`${pc.red('error')} ${e.message}\n`)
    if (e.messageJa) process.stderr.write(`      ${e.messageJa}\n`)
    for (const d of e.details ?? [])
      process.stderr.write(`  ${d.where}: ${d.message}\n${d.messageJa ? `      ${d.messageJa}\n` : ''}`)
  }
  if (process.env.MAMORI_DEBUG && err instanceof Error) process.stderr.write(`${err.stack}\n`)
  const code =
    e.status === 404
      ? EXIT.notFound
      : e.status === 403
        ? EXIT.refused
        : e.status >= 400 && e.status < 500
          ? EXIT.invalidInput
          : EXIT.failure
  process.exit(code)
}
