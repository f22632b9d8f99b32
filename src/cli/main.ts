import { Command } from 'commander'
import { COMMANDS } from './commands/index.js'
import { fail } from './context.js'

/** `mamori`: one file per command under ./commands, registered in ./commands/index.ts. */
const program = new Command()
  .name('mamori')
  .description('Mamori (守り): secure a hospital’s networked medical devices / 医療機器のセキュリティ管理')
  .option('--data-dir <dir>', 'data directory (env MAMORI_DATA_DIR, default ~/.mamori)')
  .option('--database-url <url>', 'PostgreSQL connection string (env DATABASE_URL); default is the embedded SQLite')
  .option('--json', 'machine-readable output')
  .showHelpAfterError()
  .exitOverride((err) => {
    // commander reports usage errors itself; keep its exit codes (0 for --help/--version, 2 otherwise).
    process.exit(err.exitCode === 0 ? 0 : 2)
  })

for (const register of COMMANDS) register(program)

try {
  await program.parseAsync(process.argv)
} catch (err) {
  fail(err, program.opts().json === true)
}
