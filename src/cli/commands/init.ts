import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import type { Command } from 'commander'
import type { Config } from '../../config.js'
import { initialPasswordPath } from '../../services/initial-password.js'
import { ensureFirstAdmin } from '../../services/setup.js'
import type { UserService } from '../../services/users.js'
import { report, withServices } from '../context.js'
import { newPassword } from '../password-input.js'

/** Where the generated first-admin password is kept (mode 600) until the admin changes it. */
export const initialPasswordFile = (config: Config) => initialPasswordPath(config.dataDir)

export interface FirstLogin {
  /** True when this call created the first admin. */
  created: boolean
  username: string
  /** The generated password while it is still valid, else null (the admin chose it, or changed it since). */
  password: string | null
  /** The 600 file holding `password`, when there is one. */
  passwordFile: string | null
}

/** Writes the password file whole or not at all (temporary file, then rename), readable by the owner only. */
function writeSecretFile(file: string, content: string): void {
  const tmp = `${file}.${process.pid}.tmp`
  try {
    writeFileSync(tmp, content, { mode: 0o600, flag: 'wx' })
    renameSync(tmp, file)
  } finally {
    rmSync(tmp, { force: true })
  }
}

/** The first admin's name and, if the generated password file still holds their current password, that password. */
async function existingLogin(users: UserService, config: Config, fallback: string): Promise<FirstLogin> {
  const admin = (await users.list())
    .filter((u) => u.role === 'admin' && !u.disabled)
    .sort((a, b) => (a.createdAt < b.createdAt ? -1 : 1))[0]
  const username = admin?.username ?? fallback
  const file = initialPasswordFile(config)
  if (!existsSync(file)) return { created: false, username, password: null, passwordFile: null }
  const password = readFileSync(file, 'utf8').trim()
  if (await users.passwordMatches(username, password)) return { created: false, username, password, passwordFile: file }
  // The admin has changed the generated password: the file only misleads now.
  rmSync(file, { force: true })
  return { created: false, username, password: null, passwordFile: null }
}

/**
 * Creates the first admin if no user exists. The password comes from MAMORI_ADMIN_PASSWORD, is generated (with
 * `generate`; written to the 600 file inside the creating transaction), or is asked on the terminal. Either the
 * admin exists and its password was handed over, or nothing changed.
 */
export async function initialize(
  users: UserService,
  config: Config,
  opts: { username: string; generate: boolean },
): Promise<FirstLogin> {
  if ((await users.count()) > 0) return existingLogin(users, config, opts.username)
  const { password, generated } = await newPassword(`"${opts.username}"`, { generate: opts.generate })
  const file = initialPasswordFile(config)
  let wroteFile = false
  try {
    const admin = await ensureFirstAdmin(users, { username: opts.username, password }, () => {
      if (!generated) return
      writeSecretFile(file, `${password}\n`)
      wroteFile = true
    })
    // Another process created the first user between our count and our transaction.
    if (!admin) return existingLogin(users, config, opts.username)
  } catch (err) {
    // The commit itself failed after the file was written: the file must not name a user that does not exist.
    if (wroteFile) rmSync(file, { force: true })
    throw err
  }
  return {
    created: true,
    username: opts.username,
    password: generated ? password : null,
    passwordFile: generated ? file : null,
  }
}

export function register(program: Command): void {
  program
    .command('init')
    .description('Create the data directory, migrate the database and create the first admin / 初期設定')
    .option('--admin <name>', 'user name of the first admin', 'admin')
    .option('--generate-password', 'generate a random admin password instead of asking')
    .action(async (opts: { admin: string; generatePassword?: boolean }, cmd: Command) => {
      await withServices(cmd, async ({ users }, { storage, config }) => {
        const r = await initialize(users, config, { username: opts.admin, generate: opts.generatePassword === true })
        report(cmd, { dataDir: config.dataDir, database: storage.dialect, ...r }, () =>
          r.created
            ? `Initialised ${config.dataDir} (${storage.dialect}). Admin "${r.username}" created.${r.password ? ` Password: ${r.password} (also in ${r.passwordFile})` : ''}`
            : `Already initialised (${config.dataDir}, ${storage.dialect}); users exist, nothing changed.`,
        )
      })
    })
}
