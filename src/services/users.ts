import { randomBytes } from 'node:crypto'
import { type Role, type User, userCreate } from '../../api/common.js'
import { type ErrorCode, MamoriError, type MessageParams } from '../core/errors.js'
import { bilingual } from '../core/messages/translate.js'
import type { Actor, AuditLog, PasswordChange, UserStore } from '../core/ports.js'
import { hashPassword, type PasswordContext, passwordProblem, verifyPassword } from './passwords.js'

export type { PasswordChange } from '../core/ports.js'

export interface NewUser {
  username: string
  displayName: string
  role: Role
  password: string
}

export interface UserServiceOptions {
  /**
   * Runs after a password change is committed, with the hash it replaced: the server and the CLI use it to delete
   * the generated initial admin password file once that password no longer works.
   */
  afterPasswordChange?: (user: User, previousHash: string) => void | Promise<void>
}

/** A password hash computed once, so that a login for an unknown user costs as much as a real one. */
let dummyHash: Promise<string> | null = null

/** A refusal about one input field (`where`): the catalog's `errors.<code>`, which the field's detail repeats. */
function refusal(code: ErrorCode, params: MessageParams, where: string): MamoriError {
  const text = bilingual(`errors.${code}`, params)
  return MamoriError.of(code, params, [{ where, message: text.en, messageJa: text.ja }])
}

/** Refuses a password the policy does not accept, saying why in both languages (`passwordPolicy.<key>`). */
function checkPassword(password: string, context: PasswordContext): void {
  const problem = passwordProblem(password, context)
  if (problem) throw refusal('PASSWORD_WEAK', { why: bilingual(`passwordPolicy.${problem}`) }, 'password')
}

/**
 * Users, their passwords, sessions and API tokens: the rules (name format, password policy, hashing, what a
 * password change ends and how it is audited) live here; the {@link UserStore} only stores.
 */
export class UserService {
  constructor(
    private readonly store: UserStore,
    private readonly audit: AuditLog,
    private readonly opts: UserServiceOptions = {},
  ) {}

  count = () => this.store.count()
  list = () => this.store.list()
  get = (id: string) => this.store.get(id)
  /** The user of that name, whatever its case. */
  findByUsername = (username: string) => this.store.findByUsername(username)
  createSession = (userId: string, hours: number) => this.store.createSession(userId, hours)
  sessionUser = (token: string) => this.store.sessionUser(token)
  deleteSession = (token: string) => this.store.deleteSession(token)
  purgeExpiredSessions = () => this.store.purgeExpiredSessions()
  createToken = (userId: string, name: string, actor: Actor) => this.store.createToken(userId, name, actor)
  listTokens = (userId: string) => this.store.listTokens(userId)
  revokeToken = (userId: string, id: string, actor: Actor) => this.store.revokeToken(userId, id, actor)
  tokenUser = (token: string) => this.store.tokenUser(token)

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

  private async insert(
    input: NewUser,
    actor: Actor,
    opts: { onlyIfNoUsers?: boolean; beforeCommit?: (user: User) => void | Promise<void> },
  ): Promise<User | null> {
    // The API's rule for names, for the console too (`mamori users create`).
    const name = userCreate.shape.username.safeParse(input.username)
    if (!name.success) {
      const why = {
        en: 'use 2 to 64 letters, digits and . _ @ - (no spaces).',
        ja: '半角英数字と . _ @ - の2〜64文字にしてください（空白不可）。',
      }
      throw refusal('USERNAME_INVALID', { username: input.username, why }, 'username')
    }
    const username = name.data
    checkPassword(input.password, { username, displayName: input.displayName })
    const record = {
      username,
      displayName: input.displayName,
      role: input.role,
      passwordHash: await hashPassword(input.password),
    }
    return this.store.insert(record, actor, opts)
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
    const { passwordHash } = await this.store.credentialsOf(id)
    if (!(await verifyPassword(input.currentPassword, passwordHash))) {
      await this.audit.record(actor, { action: 'user.password.change.failed', targetType: 'user', targetId: id })
      throw refusal('PASSWORD_CURRENT_WRONG', {}, 'currentPassword')
    }
    if (input.newPassword === input.currentPassword) {
      throw refusal('PASSWORD_UNCHANGED', {}, 'newPassword')
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
    const { user: before, passwordHash: previousHash } = await this.store.credentialsOf(id)
    checkPassword(password, before)
    const passwordHash = await hashPassword(password)
    const audit = { action: how.action, targetType: 'user', targetId: id, before, after: before }
    const result = await this.store.setPassword(id, passwordHash, actor, audit, { sessionHours: how.sessionHours })
    await this.passwordChanged(before, previousHash)
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
    const { user: before, passwordHash: previousHash } = await this.store.credentialsOf(id)
    const { password, ...set } = patch
    if (password !== undefined)
      checkPassword(password, { username: before.username, displayName: patch.displayName ?? before.displayName })
    const passwordHash = password !== undefined ? await hashPassword(password) : undefined
    const user = await this.store.update(id, { ...set, ...(passwordHash ? { passwordHash } : {}) }, actor, {
      action: password !== undefined ? 'user.update.password' : 'user.update',
      // Disabling a user or setting a new password ends every session and revokes every API token of that user.
      endAccess: !!patch.disabled || password !== undefined,
    })
    if (password !== undefined) await this.passwordChanged(before, previousHash)
    return user
  }

  /** Whether `password` is the user's current one, without logging in (no last-login update, no audit). */
  async passwordMatches(username: string, password: string): Promise<boolean> {
    const c = await this.store.credentials(username)
    return c ? verifyPassword(password, c.passwordHash) : false
  }

  /**
   * Checks a password; the same work is done for unknown users so timing does not reveal user names. The name is
   * found regardless of case (names are unique regardless of case).
   */
  async authenticate(username: string, password: string): Promise<User | null> {
    const c = await this.store.credentials(username)
    if (!c) {
      dummyHash ??= hashPassword(randomBytes(32).toString('base64url'))
      await verifyPassword(password, await dummyHash)
      return null
    }
    if (!(await verifyPassword(password, c.passwordHash)) || c.user.disabled) return null
    await this.store.touchLogin(c.user.id)
    return c.user
  }
}
