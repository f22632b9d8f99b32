import type { Command } from 'commander'
import pc from 'picocolors'
import { recordDemoScan } from '../../demo/demo-scan.js'
import { loadLifecycleDemo } from '../../demo/lifecycle-demo.js'
import { loadDemo } from '../../demo/load-demo.js'
import { SYSTEM_ACTOR } from '../../storage/audit-repository.js'
import { configOf, withServices } from '../context.js'
import { initialize } from './init.js'
import { serveUntilStopped } from './serve.js'

/**
 * `npm start`: the one command a newcomer runs. Initialises the data directory on first use (admin with a
 * generated password unless MAMORI_ADMIN_PASSWORD is set), loads the demo hospital into an empty ledger
 * (unless --no-demo), serves the UI and prints the URL and the first login.
 */
export function register(program: Command): void {
  program
    .command('start')
    .description('Initialise if needed, load the demo hospital into an empty ledger, and serve / すぐに始める')
    .option('--no-demo', 'do not load the demo hospital into an empty ledger')
    .option('--host <host>', 'address to listen on')
    .option('--port <port>', 'port', (v) => Number.parseInt(v, 10))
    .action(async (opts: { demo: boolean; host?: string; port?: number }, cmd: Command) => {
      const base = configOf(cmd)
      await withServices(cmd, async (services, { storage }) => {
        const { users, devices, scans } = services
        const config = { ...base, host: opts.host ?? base.host, port: opts.port ?? base.port }
        const admin = await initialize(users, config, { username: 'admin', generate: true })
        if (opts.demo && (await devices.count()) === 0) {
          const r = await loadDemo(storage.db, { actor: SYSTEM_ACTOR })
          const scan = await recordDemoScan(storage.db, scans, SYSTEM_ACTOR)
          const lifecycle = await loadLifecycleDemo(services, SYSTEM_ACTOR, { reset: false })
          process.stderr.write(
            `Loaded the demo hospital ${r.site.name}: ${r.created} devices` +
              (scan ? `, with a fictional gentle scan (${scan.progress.hostsUp} hosts; no traffic sent).\n` : '.\n') +
              lifecycle.map((l) => `  ${l}\n`).join(''),
          )
        }
        await serveUntilStopped(storage, { ...config }, (url) => {
          const login = admin.password
            ? `user ${pc.bold(admin.username)} / password ${pc.bold(admin.password)}` +
              (admin.passwordFile ? ` (kept in ${admin.passwordFile} until you change it)` : '')
            : admin.created
              ? `user ${pc.bold(admin.username)} with the password in MAMORI_ADMIN_PASSWORD`
              : `user ${pc.bold(admin.username)} with the password chosen at setup` +
                ` (forgotten? / 忘れたら: ${pc.bold(`npx mamori users reset-password ${admin.username}`)})`
          process.stderr.write(
            `\n  Mamori 守り is running: ${pc.bold(pc.cyan(url))}\n  First login / 初回ログイン: ${login}\n  Data: ${config.dataDir} (${storage.dialect})   Stop: Ctrl-C\n\n`,
          )
        })
      })
    })
}
