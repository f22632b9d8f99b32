import type { Command } from 'commander'
import { migrate, openStorage } from '../../storage/database.js'
import { configOf, report } from '../context.js'

export function register(program: Command): void {
  const db = program.command('db').description('Database maintenance / データベース')
  db.command('migrate')
    .description('Bring the database schema to the latest version')
    .action(async (_opts: unknown, cmd: Command) => {
      const config = configOf(cmd)
      const storage = openStorage({ dataDir: config.dataDir, databaseUrl: config.databaseUrl })
      try {
        const applied = await migrate(storage.db)
        report(cmd, { database: storage.dialect, applied }, () =>
          applied.length
            ? `Applied ${applied.join(', ')} (${storage.dialect}).`
            : `Already up to date (${storage.dialect}).`,
        )
      } finally {
        await storage.close()
      }
    })
}
