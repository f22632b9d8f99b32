import { createHash, randomBytes, randomUUID } from 'node:crypto'
import { type ExpressionBuilder, type Kysely, sql, type Transaction } from 'kysely'
import type { Role, User } from '../../api/common.js'
import { MamoriError, notFound } from '../core/errors.js'
import type { Actor, AuditRecord, PasswordChange, UserRecord, UserStore } from '../core/ports.js'
import { recordAudit } from './audit-repository.js'
import type { Database, UserTable } from './schema.js'

/**
 * 409 USERNAME_TAKEN; when the name is taken in another spelling of upper and lower case, the text names that
 * spelling and says that case does not make names differ.
 */
export function usernameTaken(username: string, existing: string): MamoriError {
  const clash =
    existing === username
      ? { en: '', ja: '' }
      : {
          en: ` as "${existing}" (user names do not differ by upper and lower case)`,
          ja: `（「${existing}」として登録済みです。大文字と小文字は区別しません）`,
        }
  return MamoriError.of('USERNAME_TAKEN', { username, clash })
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex')
const newSecret = () => randomBytes(32).toString('base64url')

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

/**
 * User names are unique regardless of case ("Admin" is refused when "admin" exists; index users_username_lower_idx,
 * migration 0006) and found regardless of case: whoever types "Tanaka" at login is "tanaka". Names are ASCII
 * (letters, digits, . _ @ -), so SQLite's and PostgreSQL's lower() agree with JavaScript's.
 */
const sameName = (username: string) => (eb: ExpressionBuilder<Database, 'users'>) =>
  eb(sql<string>`lower(${sql.ref('users.username')})`, '=', username.trim().toLowerCase())

/** Users, sessions and API tokens ({@link UserStore}). Secrets are stored only as hashes; rules live in UserService. */
export class UserRepository implements UserStore {
  constructor(private readonly db: Kysely<Database>) {}

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
    return (await this.credentialsOf(id)).user
  }

  /** The user of that name, whatever its case. */
  async findByUsername(username: string): Promise<User | null> {
    return (await this.credentials(username))?.user ?? null
  }

  async credentials(username: string): Promise<{ user: User; passwordHash: string } | null> {
    const r = await this.db.selectFrom('users').selectAll().where(sameName(username)).executeTakeFirst()
    return r ? { user: toUser(r), passwordHash: r.passwordHash } : null
  }

  async credentialsOf(id: string): Promise<{ user: User; passwordHash: string }> {
    const r = await this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst()
    if (!r) throw notFound('User', id)
    return { user: toUser(r), passwordHash: r.passwordHash }
  }

  async insert(
    user: UserRecord,
    actor: Actor,
    opts: { onlyIfNoUsers?: boolean; beforeCommit?: (user: User) => void | Promise<void> } = {},
  ): Promise<User | null> {
    const { username } = user
    const now = new Date().toISOString()
    const row: UserTable = { id: randomUUID(), ...user, disabled: 0, createdAt: now, updatedAt: now, lastLoginAt: null }
    return this.db.transaction().execute(async (trx) => {
      // Checked inside the transaction, so two first starts at once cannot both create an admin.
      if (opts.onlyIfNoUsers && (await new UserRepository(trx).count()) > 0) return null
      const existing = await trx.selectFrom('users').select('username').where(sameName(username)).executeTakeFirst()
      if (existing) throw usernameTaken(username, existing.username)
      await trx.insertInto('users').values(row).execute()
      await recordAudit(trx, actor, { action: 'user.create', targetType: 'user', targetId: row.id, after: toUser(row) })
      // Runs last: if it throws, nothing above is committed.
      await opts.beforeCommit?.(toUser(row))
      return toUser(row)
    })
  }

  async setPassword(
    id: string,
    passwordHash: string,
    actor: Actor,
    audit: AuditRecord,
    opts: { sessionHours?: number } = {},
  ): Promise<PasswordChange> {
    const now = new Date().toISOString()
    this.tokenMemo.clear()
    const result = await this.db.transaction().execute(async (trx) => {
      const r = await trx
        .updateTable('users')
        .set({ passwordHash, updatedAt: now })
        .where('id', '=', id)
        .executeTakeFirst()
      if (Number(r.numUpdatedRows) === 0) throw notFound('User', id)
      const ended = await endAccess(trx, id, now)
      const session = opts.sessionHours ? await new UserRepository(trx).createSession(id, opts.sessionHours) : undefined
      await recordAudit(trx, actor, { ...audit, after: { ...(audit.after as object), ...ended } })
      return { ...ended, session }
    })
    this.tokenMemo.clear()
    return result
  }

  async update(
    id: string,
    patch: { displayName?: string; role?: Role; disabled?: boolean; passwordHash?: string },
    actor: Actor,
    audit: { action: string; endAccess: boolean },
  ): Promise<User> {
    const before = await this.get(id)
    this.tokenMemo.clear()
    const set: Partial<UserTable> = { updatedAt: new Date().toISOString() }
    if (patch.displayName !== undefined) set.displayName = patch.displayName
    if (patch.role !== undefined) set.role = patch.role
    if (patch.disabled !== undefined) set.disabled = patch.disabled ? 1 : 0
    if (patch.passwordHash !== undefined) set.passwordHash = patch.passwordHash
    await this.db.transaction().execute(async (trx) => {
      await trx.updateTable('users').set(set).where('id', '=', id).execute()
      const ended = audit.endAccess ? await endAccess(trx, id, set.updatedAt!) : {}
      const after = toUser(await trx.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirstOrThrow())
      await recordAudit(trx, actor, {
        action: audit.action,
        targetType: 'user',
        targetId: id,
        before,
        after: { ...after, ...ended },
      })
    })
    this.tokenMemo.clear()
    return this.get(id)
  }

  async touchLogin(id: string): Promise<void> {
    await this.db.updateTable('users').set({ lastLoginAt: new Date().toISOString() }).where('id', '=', id).execute()
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
    // Touch last-used at most once a minute: a script hammering the API must not turn every read into a write. Not
    // awaited: the request is a read and must not wait for this write (on SQLite, while a ledger import commits,
    // writes wait until it has: ADR 0020). Best effort, like the timestamp itself.
    const now = new Date()
    if (!lastUsedAt || now.getTime() - Date.parse(lastUsedAt) > 60_000)
      void this.db
        .updateTable('apiTokens')
        .set({ lastUsedAt: now.toISOString() })
        .where('id', '=', tokenId)
        .execute()
        .catch(() => {})
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
