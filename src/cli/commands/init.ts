import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { createInterface } from 'node:readline/promises'
import type { Command } from 'commander'
import type { Config } from '../../config.js'
import { MamoriError } from '../../core/errors.js'
import { ensureFirstAdmin } from '../../services/setup.js'
import type { Storage } from '../../storage/database.js'
import { UserRepository } from '../../storage/user-repository.js'
import { report, withStorage } from '../context.js'

/** Where the generated first-admin password is kept (mode 600) until the admin changes it. */
export const initialPasswordFile = (config: Config) => join(config.dataDir, 'initial-admin-password.txt')

async function askPassword(): Promise<string> {
  if (!process.stdin.isTTY) {
    throw new MamoriError(
      'ADMIN_PASSWORD_MISSING',
      'Set MAMORI_ADMIN_PASSWORD (no terminal to ask for a password).',
      400,
    )
  }
  const rl = createInterface({ input: process.stdin, output: process.stderr })
  try {
    return await rl.question('Password for the first admin (12+ characters) / 最初の管理者のパスワード: ')
  } finally {
    rl.close()
  }
}

/**
 * Creates the first admin if none exists. The password comes from MAMORI_ADMIN_PASSWORD, a prompt, or (with
 * `generate`) a random one saved to the data directory so that `npm start` can print it.
 */
export async function initialize(
  storage: Storage,
  config: Config,
  opts: { username: string; generate: boolean },
): Promise<{ created: boolean; username: string; password: string | null }> {
  const users = new UserRepository(storage.db)
  if ((await users.count()) > 0) {
    const file = initialPasswordFile(config)
    return {
      created: false,
      username: opts.username,
      password: existsSync(file) ? readFileSync(file, 'utf8').trim() : null,
    }
  }
  let password = process.env.MAMORI_ADMIN_PASSWORD
  let generated = false
  if (!password) {
    if (opts.generate) {
      password = randomBytes(12).toString('base64url')
      generated = true
    } else password = await askPassword()
  }
  await ensureFirstAdmin(users, { username: opts.username, password })
  if (generated) writeFileSync(initialPasswordFile(config), `${password}\n`, { mode: 0o600 })
  return { created: true, username: opts.username, password: generated ? password : null }
}

export function register(program: Command): void {
  program
    .command('init')
    .description('Create the data directory, migrate the database and create the first admin / 初期設定')
    .option('--admin <name>', 'user name of the first admin', 'admin')
    .option('--generate-password', 'generate a random admin password instead of asking')
    .action(async (opts: { admin: string; generatePassword?: boolean }, cmd: Command) => {
      await withStorage(cmd, async (storage, config) => {
        const r = await initialize(storage, config, { username: opts.admin, generate: opts.generatePassword === true })
        report(cmd, { dataDir: config.dataDir, database: storage.dialect, ...r }, () =>
          r.created
            ? `Initialised ${config.dataDir} (${storage.dialect}). Admin "${r.username}" created.${r.password ? ` Password: ${r.password} (also in ${initialPasswordFile(config)})` : ''}`
            : `Already initialised (${config.dataDir}, ${storage.dialect}); users exist, nothing changed.`,
        )
      })
    })
}
