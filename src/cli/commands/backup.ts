import { existsSync } from 'node:fs'
import type { Command } from 'commander'
import { MamoriError } from '../../core/errors.js'
import { SYSTEM_ACTOR } from '../../core/ports.js'
import { cliActor } from '../actor.js'
import { report, withServices } from '../context.js'

const total = (c: Record<string, number>) => Object.values(c).reduce((a, b) => a + b, 0)

export function register(program: Command): void {
  program
    .command('backup <file>')
    .description('Write the whole database to FILE (gzip JSON lines; works for SQLite and PostgreSQL) / バックアップ')
    .action(async (file: string, _opts: unknown, cmd: Command) => {
      await withServices(cmd, async ({ backup }) => {
        const counts = await backup.backup(file, cliActor())
        report(cmd, { file, counts }, () => `Backed up ${total(counts)} rows (${counts.devices} devices) to ${file}.`)
      })
    })
  program
    .command('restore <file>')
    .description('Replace the database content with a backup (one transaction) / 復元')
    .option('--yes', 'do not ask; required when not run in a terminal')
    .action(async (file: string, opts: { yes?: boolean }, cmd: Command) => {
      if (!existsSync(file)) throw MamoriError.of('FILE_NOT_FOUND', { file })
      if (!opts.yes) {
        throw MamoriError.of('CONFIRMATION_REQUIRED', {
          what: {
            en: 'Restoring replaces every device, user and log entry.',
            ja: '復元すると、すべての機器・ユーザー・ログが置き換わります。',
          },
        })
      }
      await withServices(cmd, async ({ backup }) => {
        const counts = await backup.restore(file, SYSTEM_ACTOR)
        report(cmd, { file, counts }, () => `Restored ${total(counts)} rows (${counts.devices} devices) from ${file}.`)
      })
    })
}
