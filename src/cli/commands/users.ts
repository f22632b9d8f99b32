import { type Command, Option } from 'commander'
import { ROLES, type Role } from '../../../api/common.js'
import { notFound } from '../../core/errors.js'
import { cliActor } from '../actor.js'
import { report, withServices } from '../context.js'
import { newPassword } from '../password-input.js'
import { table } from '../table.js'

/**
 * `mamori users …`: accounts from the console, for whoever can read the data directory (or reach the database).
 * This is the way back in for a locked-out administrator, as `grafana cli admin reset-admin-password` is for
 * Grafana. Every change is in the audit log as `cli:<os user>`.
 */
export function register(program: Command): void {
  const users = program.command('users').description('List, create and reset accounts from the console / 利用者の管理')

  users
    .command('list')
    .description('list every account with its role / 利用者の一覧')
    .action(async (_opts: unknown, cmd: Command) => {
      await withServices(cmd, async ({ users }) => {
        const list = await users.list()
        report(cmd, list, () =>
          table([
            ['USER', 'ROLE', 'NAME', 'STATE', 'LAST LOGIN'],
            ...list.map((u) => [
              u.username,
              u.role,
              u.displayName,
              u.disabled ? 'disabled' : 'active',
              u.lastLoginAt ?? '-',
            ]),
          ]),
        )
      })
    })

  users
    .command('create <user>')
    .description(
      'create an account (password from MAMORI_ADMIN_PASSWORD, a prompt or --generate-password) / 利用者を作成',
    )
    .addOption(new Option('--role <role>', 'admin, engineer or viewer').choices(ROLES).makeOptionMandatory())
    .option('--display-name <name>', 'name shown in the UI and the audit log')
    .option('--generate-password', 'generate a password and print it once')
    .action(
      async (
        username: string,
        opts: { role: Role; displayName?: string; generatePassword?: boolean },
        cmd: Command,
      ) => {
        await withServices(cmd, async ({ users }) => {
          const { password, generated } = await newPassword(`"${username}"`, {
            generate: opts.generatePassword === true,
          })
          const user = await users.create(
            { username, role: opts.role, displayName: opts.displayName ?? username, password },
            cliActor(),
          )
          report(
            cmd,
            { user, password: generated ? password : null },
            () =>
              `Created ${user.role} "${user.username}".${generated ? ` Password (shown once) / パスワード: ${password}` : ''}`,
          )
        })
      },
    )

  users
    .command('reset-password <user>')
    .description(
      'set a new password, end every session and revoke every API token of the user ' +
        '(password from MAMORI_ADMIN_PASSWORD, a prompt or --generate-password) / パスワードの再設定',
    )
    .option('--generate-password', 'generate a password and print it once')
    .action(async (username: string, opts: { generatePassword?: boolean }, cmd: Command) => {
      await withServices(cmd, async ({ users }) => {
        const user = await users.findByUsername(username)
        if (!user) throw notFound('User', username)
        const { password, generated } = await newPassword(`"${user.username}"`, {
          generate: opts.generatePassword === true,
        })
        const r = await users.resetPassword(user.id, password, cliActor())
        report(
          cmd,
          { username: user.username, ...r, disabled: user.disabled, password: generated ? password : null },
          () =>
            [
              `New password set for "${user.username}"; ${r.sessionsEnded} session(s) ended, ${r.tokensRevoked} API token(s) revoked.`,
              generated ? `Password (shown once) / パスワード: ${password}` : '',
              user.disabled
                ? `Note: "${user.username}" is disabled; an admin must enable the account before it can log in.`
                : '',
            ]
              .filter(Boolean)
              .join('\n'),
        )
      })
    })
}
