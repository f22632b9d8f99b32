import type { Command } from 'commander'
import type { Config } from '../../config.js'
import type { Storage } from '../../storage/database.js'
import { configOf, withStorage } from '../context.js'

/** Starts the server and resolves when it is stopped (SIGINT/SIGTERM). */
export async function serveUntilStopped(
  storage: Storage,
  config: Config,
  onListening?: (url: string) => void,
): Promise<void> {
  // The server (Fastify, every route, the API docs) is loaded only by the commands that serve: every other command
  // starts without it.
  const { buildApp } = await import('../../server/app.js')
  const app = await buildApp({ storage, config, logger: process.env.MAMORI_LOG !== 'off' })
  const address = await app.listen({ host: config.host, port: config.port })
  app.deps.schedules.start()
  app.deps.reports.start()
  // Support-end and service-life reminders: first run a minute after start, then daily (issue 11).
  app.deps.operations.start()
  const url = address.replace('[::1]', 'localhost').replace('127.0.0.1', 'localhost')
  onListening?.(url)
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop)
      process.off('SIGTERM', stop)
      app.close().then(resolve, resolve)
    }
    process.on('SIGINT', stop)
    process.on('SIGTERM', stop)
  })
}

export function register(program: Command): void {
  program
    .command('serve')
    .description('Serve the web UI and API / サーバーを起動')
    .option('--host <host>', 'address to listen on (env MAMORI_HOST)', undefined)
    .option('--port <port>', 'port (env MAMORI_PORT)', (v) => Number.parseInt(v, 10))
    .action(async (opts: { host?: string; port?: number }, cmd: Command) => {
      const base = configOf(cmd)
      await withStorage(cmd, async (storage) => {
        const config = { ...base, host: opts.host ?? base.host, port: opts.port ?? base.port }
        await serveUntilStopped(storage, config, (url) => process.stderr.write(`Mamori is listening on ${url}\n`))
      })
    })
}
