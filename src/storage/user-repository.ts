import { createHash, randomBytes, randomUUID } from 'node:crypto'
import { type ExpressionBuilder, type Kysely, sql, type Transaction } from 'kysely'
import { type Role, type User, userCreate } from '../../api/common.js'
import { conflict, MamoriError, notFound, splitBilingual } from '../core/errors.js'
import { hashPassword, type PasswordContext, passwordProblem, verifyPassword } from '../services/passwords.js'
import { type Actor, recordAudit } from './audit-repository.js'
import type { Database, UserTable } from './schema.js'

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex')
export const newSecret = () => randomBytes(32).toString('base64url')

function toUser(r: UserTable): User {
  return {
    id: r.id,
    username: r.username,
    displayName: r.displayName,
    role: r.role as Role,
    disabled: r.disabled === 1,
    createdAt: r.createdAt,
    lastLoginAt: r.lastLoginAt,
  }
}

export interface NewUser {
  username: string
  displayName: string
  role: Role
  password: string
}

interface CreateUserOptions {
  /** Create the user only if there are no users at all (first start); returns null otherwise. */
  onlyIfNoUsers?: boolean
  /** Last step inside the transaction (e.g. handing the first admin's password over); a throw undoes the creation. */
  beforeCommit?: (user: User) => void | Promise<void>
}

/** A password hash computed once, so that a login for an unknown user costs as much as a real one. */
let dummyHash: Promise<string> | null = null

/**
 * User names are unique regardless of case ("Admin" is refused when "admin" exists; index users_username_lower_idx,
 * migration 0006) and found regardless of case: whoever types "Tanaka" at login is "tanaka". Names are ASCII
 * (letters, digits, . _ @ -), so SQLite's and PostgreSQL's lower() agree with JavaScript's.
 */
const sameName = (username: string) => (eb: ExpressionBuilder<Database, 'users'>) =>
  eb(sql<string>`lower(${sql.ref('users.username')})`, '=', username.trim().toLowerCase())

/** A 400 about one input field, in English and Japanese (from a one-line "English / 日本語" text). */
function refusal(code: string, text: string, where: string): MamoriError {
  const { en, ja } = splitBilingual(text)
  return new MamoriError(code, ja ? { en, ja } : en, 400, [{ where, message: en, messageJa: ja }])
}

/** Refuses a password the policy does not accept, saying why (English / Japanese). */
function checkPassword(password: string, context: PasswordContext): void {
  const problem = passwordProblem(password, context)
  if (problem) throw refusal('PASSWORD_WEAK', problem, 'password')
}

/** What a password change ended; `session` is the fresh session of a self-service change made from a browser. */
export interface PasswordChange {
  sessionsEnded: number
  tokensRevoked: number
  session?: { token: string; csrfToken: string; expiresAt: string }
}

export interface UserRepositoryOptions {
  /**
   * Runs after a password change is committed, with the hash it replaced: the server and the CLI use it to delete
   * the generated initial admin password file once that password no longer works.
   */
  afterPasswordChange?: (user: User, previousHash: string) => void | Promise<void>
}

/** Users, sessions and API tokens. Secrets are stored only as hashes. */
export class UserRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly opts: UserRepositoryOptions = {},
  ) {}

  async count(): Promise<number> {
    const r = await this.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    return Number(r.n)
  }

  async list(): Promise<User[]> {
    return (await this.db.selectFrom('users').selectAll().orderBy('username').execute()).map(toUser)
  }

  async get(id: string): Promise<User> {
    const r = await this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst()
    if (!r) throw notFound('User', id)
    return toUser(r)
  }

  /** The user of that name, whatever its case. */
  async findByUsername(username: string): Promise<User | null> {
    const r = await this.db.selectFrom('users').selectAll().where(sameName(username)).executeTakeFirst()
    return r ? toUser(r) : null
  }

  async create(input: NewUser, actor: Actor): Promise<User> {
    const user = await this.insert(input, actor, {})
    if (!user) throw new Error('unreachable: a user without onlyIfNoUsers is always created')
    return user
  }

  /**
   * First start: creates `input` only if there are no users at all, and runs `beforeCommit` (handing the password
   * over) inside the same transaction, so the user exists only if that succeeded. Null when users already exist.
   */
  async createFirstUser(
    input: NewUser,
    actor: Actor,
    beforeCommit: (user: User) => void | Promise<void>,
  ): Promise<User | null> {
    return this.insert(input, actor, { onlyIfNoUsers: true, beforeCommit })
  }

  private async insert(input: NewUser, actor: Actor, opts: CreateUserOptions): Promise<User | null> {
    // The API's rule for names, for the console too (`mamori users create`).
    const name = userCreate.shape.username.safeParse(input.username)
    if (!name.success) {
      throw refusal(
        'USERNAME_INVALID',
        'A user name has 2 to 64 letters, digits and . _ @ - (no spaces). / ユーザー名は半角英数字と . _ @ - の2〜64文字にしてください（空白不可）。',
        'username',
      )
    }
    const username = name.data
    checkPassword(input.password, { username, displayName: input.displayName })
    const now = new Date().toISOString()
    const row: UserTable = {
      id: randomUUID(),
      username,
      displayName: input.displayName,
      role: input.role,
      passwordHash: await hashPassword(input.password),
      disabled: 0,
      createdAt: now,
      updatedAt: now,
      lastLoginAt: null,
    }
    return this.db.transaction().execute(async (trx) => {
      // Checked inside the transaction, so two first starts at once cannot both create an admin.
      if (opts.onlyIfNoUsers && (await new UserRepository(trx).count()) > 0) return null
      const existing = await trx.selectFrom('users').select('username').where(sameName(username)).executeTakeFirst()
      if (existing)
        throw conflict(
          'USERNAME_TAKEN',
          existing.username === username
            ? {
                en: `The user name "${username}" is already taken.`,
                ja: `ユーザー名「${username}」は既に使われています。`,
              }
            : {
                en: `The user name "${username}" is already taken as "${existing.username}" (user names do not differ by upper and lower case).`,
                ja: `ユーザー名「${username}」は「${existing.username}」として既に使われています（大文字と小文字は区別しません）。`,
              },
        )
      await trx.insertInto('users').values(row).execute()
      await recordAudit(trx, actor, { action: 'user.create', targetType: 'user', targetId: row.id, after: toUser(row) })
      // Runs last: if it throws, nothing above is committed.
      await opts.beforeCommit?.(toUser(row))
      return toUser(row)
    })
  }

  /**
   * Sets a new password for a user without knowing the old one: the console's way back in for a locked-out user
   * (`mamori users reset-password`) and an admin's reset of another user's password. Every session of that user is
   * ended and every API token revoked, in one audited transaction (`user.password.reset`).
   */
  async resetPassword(id: string, password: string, actor: Actor): Promise<PasswordChange> {
    return this.changePassword(id, password, actor, { action: 'user.password.reset' })
  }

  /**
   * Self-service change: needs the current password (a wrong one is audited as `user.password.change.failed` and
   * changes nothing). Ends every session and revokes every API token of the user, like any password change; with
   * `sessionHours` (a change made from a browser session) a fresh session is opened in the same transaction, so the
   * person stays signed in on the page they are on while a stolen copy of their old session cookie stops working.
   */
  async changeOwnPassword(
    id: string,
    input: { currentPassword: string; newPassword: string },
    actor: Actor,
    opts: { sessionHours?: number } = {},
  ): Promise<PasswordChange> {
    const row = await this.db.selectFrom('users').select('passwordHash').where('id', '=', id).executeTakeFirst()
    if (!row) throw notFound('User', id)
    if (!(await verifyPassword(input.currentPassword, row.passwordHash))) {
      await recordAudit(this.db, actor, { action: 'user.password.change.failed', targetType: 'user', targetId: id })
      throw refusal(
        'PASSWORD_CURRENT_WRONG',
        'The current password is wrong; nothing was changed. / 現在のパスワードが違います。変更していません。',
        'currentPassword',
      )
    }
    if (input.newPassword === input.currentPassword) {
      throw refusal(
        'PASSWORD_UNCHANGED',
        'The new password is the same as the current one. / 新しいパスワードが現在のパスワードと同じです。',
        'newPassword',
      )
    }
    return this.changePassword(id, input.newPassword, actor, {
      action: 'user.password.change',
      sessionHours: opts.sessionHours,
    })
  }

  /** Every password change goes through here: new hash, sessions ended, tokens revoked, audited, hook run. */
  private async changePassword(
    id: string,
    password: string,
    actor: Actor,
    how: { action: string; sessionHours?: number },
  ): Promise<PasswordChange> {
    const row = await this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst()
    if (!row) throw notFound('User', id)
    const before = toUser(row)
    checkPassword(password, before)
    const passwordHash = await hashPassword(password)
    const now = new Date().toISOString()
    this.tokenMemo.clear()
    const result = await this.db.transaction().execute(async (trx) => {
      await trx.updateTable('users').set({ passwordHash, updatedAt: now }).where('id', '=', id).execute()
      const ended = await endAccess(trx, id, now)
      const session = how.sessionHours ? await new UserRepository(trx).createSession(id, how.sessionHours) : undefined
      await recordAudit(trx, actor, {
        action: how.action,
        targetType: 'user',
        targetId: id,
        before,
        after: { ...before, ...ended },
      })
      return { ...ended, session }
    })
    this.tokenMemo.clear()
    await this.passwordChanged(before, row.passwordHash)
    return result
  }

  private async passwordChanged(user: User, previousHash: string): Promise<void> {
    try {
      await this.opts.afterPasswordChange?.(user, previousHash)
    } catch (err) {
      // The change is committed; a failing clean-up must not make it look failed.
      process.emitWarning(`After the password change of "${user.username}": ${(err as Error).message}`)
    }
  }

  async update(
    id: string,
    patch: { displayName?: string; role?: Role; disabled?: boolean; password?: string },
    actor: Actor,
  ): Promise<User> {
    const beforeRow = await this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst()
    if (!beforeRow) throw notFound('User', id)
    const before = toUser(beforeRow)
    this.tokenMemo.clear()
    if (patch.password !== undefined)
      checkPassword(patch.password, { username: before.username, displayName: patch.displayName ?? before.displayName })
    const set: Partial<UserTable> = { updatedAt: new Date().toISOString() }
    if (patch.displayName !== undefined) set.displayName = patch.displayName
    if (patch.role !== undefined) set.role = patch.role
    if (patch.disabled !== undefined) set.disabled = patch.disabled ? 1 : 0
    if (patch.password !== undefined) set.passwordHash = await hashPassword(patch.password)
    await this.db.transaction().execute(async (trx) => {
      await trx.updateTable('users').set(set).where('id', '=', id).execute()
      // Disabling a user or setting a new password ends every session and revokes every API token of that user.
      const ended = patch.disabled || patch.password !== undefined ? await endAccess(trx, id, set.updatedAt!) : {}
      const after = toUser((await trx.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirstOrThrow())!)
      await recordAudit(trx, actor, {
        action: patch.password !== undefined ? 'user.update.password' : 'user.update',
        targetType: 'user',
        targetId: id,
        before,
        after: { ...after, ...ended },
      })
    })
    this.tokenMemo.clear()
    if (patch.password !== undefined) await this.passwordChanged(before, beforeRow.passwordHash)
    return this.get(id)
  }

  /** Whether `password` is the user's current one, without logging in (no last-login update, no audit). */
  async passwordMatches(username: string, password: string): Promise<boolean> {
    const r = await this.db.selectFrom('users').select('passwordHash').where(sameName(username)).executeTakeFirst()
    return r ? verifyPassword(password, r.passwordHash) : false
  }

  /**
   * Checks a password; the same work is done for unknown users so timing does not reveal user names. The name is
   * found regardless of case (names are unique regardless of case).
   */
  async authenticate(username: string, password: string): Promise<User | null> {
    const r = await this.db.selectFrom('users').selectAll().where(sameName(username)).executeTakeFirst()
    if (!r) {
      dummyHash ??= hashPassword(newSecret())
      await verifyPassword(password, await dummyHash)
      return null
    }
    if (!(await verifyPassword(password, r.passwordHash)) || r.disabled === 1) return null
    await this.db.updateTable('users').set({ lastLoginAt: new Date().toISOString() }).where('id', '=', r.id).execute()
    return toUser(r)
  }

  async createSession(userId: string, hours: number): Promise<{ token: string; csrfToken: string; expiresAt: string }> {
    const token = newSecret()
    const csrfToken = newSecret()
    const now = new Date()
    const expiresAt = new Date(now.getTime() + hours * 3600_000).toISOString()
    await this.db
      .insertInto('sessions')
      .values({ idHash: sha256(token), userId, csrfToken, createdAt: now.toISOString(), expiresAt })
      .execute()
    return { token, csrfToken, expiresAt }
  }

  async sessionUser(token: string): Promise<{ user: User; csrfToken: string } | null> {
    const r = await this.db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.userId')
      .selectAll('users')
      .select(['sessions.csrfToken', 'sessions.expiresAt'])
      .where('sessions.idHash', '=', sha256(token))
      .executeTakeFirst()
    if (!r || r.disabled === 1 || r.expiresAt < new Date().toISOString()) return null
    const { csrfToken, expiresAt: _e, ...user } = r
    return { user: toUser(user), csrfToken }
  }

  async deleteSession(token: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('idHash', '=', sha256(token)).execute()
  }

  async purgeExpiredSessions(): Promise<void> {
    await this.db.deleteFrom('sessions').where('expiresAt', '<', new Date().toISOString()).execute()
  }

  async createToken(userId: string, name: string, actor: Actor): Promise<{ id: string; token: string }> {
    const token = `mamori_${newSecret()}`
    const id = randomUUID()
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('apiTokens')
        .values({
          id,
          userId,
          name,
          tokenHash: sha256(token),
          createdAt: new Date().toISOString(),
          lastUsedAt: null,
          revokedAt: null,
        })
        .execute()
      await recordAudit(trx, actor, {
        action: 'token.create',
        targetType: 'api_token',
        targetId: id,
        after: { name, userId },
      })
    })
    return { id, token }
  }

  async listTokens(userId: string) {
    return this.db
      .selectFrom('apiTokens')
      .select(['id', 'name', 'createdAt', 'lastUsedAt', 'revokedAt'])
      .where('userId', '=', userId)
      .orderBy('createdAt', 'desc')
      .execute()
  }

  async revokeToken(userId: string, id: string, actor: Actor): Promise<void> {
    this.tokenMemo.clear()
    await this.db.transaction().execute(async (trx) => {
      const r = await trx
        .updateTable('apiTokens')
        .set({ revokedAt: new Date().toISOString() })
        .where('id', '=', id)
        .where('userId', '=', userId)
        .executeTakeFirst()
      if (Number(r.numUpdatedRows) === 0) throw notFound('API token', id)
      await recordAudit(trx, actor, { action: 'token.revoke', targetType: 'api_token', targetId: id })
    })
    this.tokenMemo.clear()
  }

  /**
   * Token → user answers for a few seconds: scripts call the API in bursts, and each call would otherwise cost a
   * database round trip. Revoking a token or changing its user through this repository clears it at once.
   */
  private readonly tokenMemo = new Map<string, { user: User; at: number }>()

  async tokenUser(token: string): Promise<User | null> {
    const key = sha256(token)
    const memo = this.tokenMemo.get(key)
    if (memo && Date.now() - memo.at < 5000) return memo.user
    const user = await this.lookupToken(token)
    if (user) {
      if (this.tokenMemo.size > 1000) this.tokenMemo.clear()
      this.tokenMemo.set(key, { user, at: Date.now() })
    } else this.tokenMemo.delete(key)
    return user
  }

  private async lookupToken(token: string): Promise<User | null> {
    const r = await this.db
      .selectFrom('apiTokens')
      .innerJoin('users', 'users.id', 'apiTokens.userId')
      .selectAll('users')
      .select(['apiTokens.id as tokenId', 'apiTokens.lastUsedAt'])
      .where('apiTokens.tokenHash', '=', sha256(token))
      .where('apiTokens.revokedAt', 'is', null)
      .executeTakeFirst()
    if (!r || r.disabled === 1) return null
    const { tokenId, lastUsedAt, ...user } = r
    // Touch last-used at most once a minute: a script hammering the API must not turn every read into a write.
    const now = new Date()
    if (!lastUsedAt || now.getTime() - Date.parse(lastUsedAt) > 60_000)
      await this.db.updateTable('apiTokens').set({ lastUsedAt: now.toISOString() }).where('id', '=', tokenId).execute()
    return toUser(user)
  }
}

/** Ends every session and revokes every live API token of a user (inside the caller's transaction). */
async function endAccess(
  trx: Transaction<Database>,
  userId: string,
  now: string,
): Promise<{ sessionsEnded: number; tokensRevoked: number }> {
  const sessions = await trx.deleteFrom('sessions').where('userId', '=', userId).executeTakeFirst()
  const tokens = await trx
    .updateTable('apiTokens')
    .set({ revokedAt: now })
    .where('userId', '=', userId)
    .where('revokedAt', 'is', null)
    .executeTakeFirst()
  return { sessionsEnded: Number(sessions.numDeletedRows), tokensRevoked: Number(tokens.numUpdatedRows) }
}
