import { existsSync } from 'node:fs'
import type { Command } from 'commander'
import { MamoriError } from '../../core/errors.js'
import { backupDatabase, restoreDatabase } from '../../services/backup.js'
import { recordAudit, SYSTEM_ACTOR } from '../../storage/audit-repository.js'
import { cliActor } from '../actor.js'
import { report, withStorage } from '../context.js'

const total = (c: Record<string, number>) => Object.values(c).reduce((a, b) => a + b, 0)

export function register(program: Command): void {
  program
    .command('backup <file>')
    .description('Write the whole database to FILE (gzip JSON lines; works for SQLite and PostgreSQL) / バックアップ')
    .action(async (file: string, _opts: unknown, cmd: Command) => {
      await withStorage(cmd, async (storage) => {
        // Recorded first so that the backup holds the record of its own making; a refusal is recorded too.
        await recordAudit(storage.db, cliActor(), { action: 'backup.create', after: { file } })
        const counts = await backupDatabase(storage.db, file).catch(async (err: unknown) => {
          const reason = err instanceof Error ? err.message : String(err)
          await recordAudit(storage.db, cliActor(), { action: 'backup.failed', after: { file, reason } })
          throw err
        })
        report(cmd, { file, counts }, () => `Backed up ${total(counts)} rows (${counts.devices} devices) to ${file}.`)
      })
    })
  program
    .command('restore <file>')
    .description('Replace the database content with a backup (one transaction) / 復元')
    .option('--yes', 'do not ask; required when not run in a terminal')
    .action(async (file: string, opts: { yes?: boolean }, cmd: Command) => {
      if (!existsSync(file)) throw new MamoriError('FILE_NOT_FOUND', `No such file: ${file}`, 404)
      if (!opts.yes) {
        throw new MamoriError(
          'CONFIRMATION_REQUIRED',
          'Restoring replaces every device, user and log entry. Run again with --yes to confirm.',
          400,
        )
      }
      await withStorage(cmd, async (storage) => {
        const counts = await restoreDatabase(storage.db, file)
        await recordAudit(storage.db, SYSTEM_ACTOR, { action: 'backup.restore', after: { file, counts } })
        report(cmd, { file, counts }, () => `Restored ${total(counts)} rows (${counts.devices} devices) from ${file}.`)
      })
    })
}
