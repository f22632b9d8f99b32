/** UserService against in-memory ports: the password policy, what a password change ends, and what is audited. */
import { describe, expect, it } from 'vitest'
import { SYSTEM_ACTOR } from '../../src/core/ports.js'
import { newTestServices } from '../fakes/ports.js'

const GOOD = 'Kanri-Shitsu-Key-2026'

async function withUser() {
  const t = newTestServices()
  const user = await t.sut.users.create(
    { username: 'tanaka', displayName: 'Tanaka', role: 'engineer', password: GOOD },
    SYSTEM_ACTOR,
  )
  return { ...t, user }
}

describe('UserService', () => {
  it('refuses a weak password before anything is stored, saying why in both languages', async () => {
    const { sut, ports } = newTestServices()
    await expect(
      sut.users.create(
        { username: 'sato', displayName: 'Sato', role: 'viewer', password: 'password1234' },
        SYSTEM_ACTOR,
      ),
    ).rejects.toMatchObject({ code: 'PASSWORD_WEAK', status: 400, details: [{ where: 'password' }] })
    expect(ports.users.users.size).toBe(0)
    expect(ports.audit.entries).toEqual([])
  })

  it('refuses a password containing the user name', async () => {
    const { sut } = newTestServices()
    await expect(
      sut.users.create(
        { username: 'suzuki', displayName: 'S', role: 'viewer', password: 'suzuki-Hospital-99' },
        SYSTEM_ACTOR,
      ),
    ).rejects.toMatchObject({ code: 'PASSWORD_WEAK' })
  })

  it('says why a password is weak in both languages, from the catalog (passwordPolicy.*)', async () => {
    const { sut } = newTestServices()
    const create = (password: string) =>
      sut.users.create({ username: 'sato', displayName: 'Sato', role: 'viewer', password }, SYSTEM_ACTOR)
    await expect(create('short')).rejects.toMatchObject({
      message: 'The password is too weak: The password must have at least 12 characters.',
      messageJa: 'パスワードが弱すぎます: パスワードは12文字以上にしてください。',
      params: { why: { en: 'The password must have at least 12 characters.' } },
      details: [{ where: 'password', messageJa: 'パスワードが弱すぎます: パスワードは12文字以上にしてください。' }],
    })
    await expect(create('qwertyuiopasdfgh')).rejects.toMatchObject({
      messageJa: expect.stringContaining('攻撃者が最初に試します'),
    })
  })

  it('names the refused user name and the rule, in both languages', async () => {
    const { sut } = newTestServices()
    await expect(
      sut.users.create({ username: 'bad name', displayName: 'x', role: 'viewer', password: GOOD }, SYSTEM_ACTOR),
    ).rejects.toMatchObject({
      message: 'The user name "bad name" is not valid: use 2 to 64 letters, digits and . _ @ - (no spaces).',
      messageJa: expect.stringContaining('ユーザー名「bad name」は使えません: 半角英数字と'),
      details: [{ where: 'username' }],
    })
  })

  it('refuses a user name with spaces (USERNAME_INVALID), as the API does', async () => {
    const { sut } = newTestServices()
    await expect(
      sut.users.create({ username: 'bad name', displayName: 'x', role: 'viewer', password: GOOD }, SYSTEM_ACTOR),
    ).rejects.toMatchObject({ code: 'USERNAME_INVALID' })
  })

  it('stores a hash, never the password, and audits the creation', async () => {
    const { ports, user } = await withUser()
    const stored = await ports.users.credentialsOf(user.id)
    expect(stored.passwordHash).toMatch(/^scrypt\$/)
    expect(stored.passwordHash).not.toContain(GOOD)
    expect(ports.audit.actions()).toEqual(['user.create'])
  })

  it('a reset ends every session and revokes every API token, audited with the counts', async () => {
    const { sut, ports, user } = await withUser()
    await sut.users.createSession(user.id, 8)
    await sut.users.createSession(user.id, 8)
    await sut.users.createToken(user.id, 'script', SYSTEM_ACTOR)
    const r = await sut.users.resetPassword(user.id, 'Another-Strong-Pass-77', SYSTEM_ACTOR)
    expect(r).toMatchObject({ sessionsEnded: 2, tokensRevoked: 1 })
    expect(ports.users.access(user.id)).toEqual({ sessions: 0, tokens: 0 })
    const last = ports.audit.entries.at(-1)!
    expect(last).toMatchObject({ action: 'user.password.reset', targetId: user.id })
    expect(last.after).toMatchObject({ sessionsEnded: 2, tokensRevoked: 1 })
    expect(await sut.users.authenticate('tanaka', 'Another-Strong-Pass-77')).toMatchObject({ id: user.id })
    expect(await sut.users.authenticate('tanaka', GOOD)).toBeNull()
  })

  it('a self-service change needs the current password; a wrong one changes nothing and is audited', async () => {
    const { sut, ports, user } = await withUser()
    await expect(
      sut.users.changeOwnPassword(
        user.id,
        { currentPassword: 'wrong', newPassword: 'New-Strong-Pass-2026' },
        SYSTEM_ACTOR,
      ),
    ).rejects.toMatchObject({ code: 'PASSWORD_CURRENT_WRONG' })
    expect(ports.audit.actions().at(-1)).toBe('user.password.change.failed')
    expect(await sut.users.passwordMatches('tanaka', GOOD)).toBe(true)
    await expect(
      sut.users.changeOwnPassword(user.id, { currentPassword: GOOD, newPassword: GOOD }, SYSTEM_ACTOR),
    ).rejects.toMatchObject({ code: 'PASSWORD_UNCHANGED' })
  })

  it('a change from a browser opens a fresh session in the same step', async () => {
    const { sut, ports, user } = await withUser()
    await sut.users.createSession(user.id, 8)
    const r = await sut.users.changeOwnPassword(
      user.id,
      { currentPassword: GOOD, newPassword: 'New-Strong-Pass-2026' },
      SYSTEM_ACTOR,
      { sessionHours: 8 },
    )
    expect(r.sessionsEnded).toBe(1)
    expect(r.session?.token).toBeTruthy()
    expect(ports.users.access(user.id).sessions).toBe(1)
  })

  it('runs the after-change hook with the replaced hash, and a failing hook does not undo the change', async () => {
    const seen: string[] = []
    const t = newTestServices({
      users: {
        afterPasswordChange: (u, previousHash) => {
          seen.push(`${u.username}:${previousHash.slice(0, 7)}`)
          throw new Error('disk full')
        },
      },
    })
    const user = await t.sut.users.create(
      { username: 'ito', displayName: 'Ito', role: 'admin', password: GOOD },
      SYSTEM_ACTOR,
    )
    await expect(t.sut.users.resetPassword(user.id, 'Yet-Another-Pass-31', SYSTEM_ACTOR)).resolves.toMatchObject({
      sessionsEnded: 0,
    })
    expect(seen).toEqual(['ito:scrypt$'])
  })

  it('disabling a user ends its access; a name update does not', async () => {
    const { sut, ports, user } = await withUser()
    await sut.users.createSession(user.id, 8)
    await sut.users.update(user.id, { displayName: 'Tanaka H.' }, SYSTEM_ACTOR)
    expect(ports.users.access(user.id).sessions).toBe(1)
    expect(ports.audit.actions().at(-1)).toBe('user.update')
    await sut.users.update(user.id, { disabled: true }, SYSTEM_ACTOR)
    expect(ports.users.access(user.id).sessions).toBe(0)
    expect(await sut.users.authenticate('tanaka', GOOD)).toBeNull()
  })

  it('the first admin is created only when there are no users', async () => {
    const { sut } = newTestServices()
    const deliver: string[] = []
    const first = await sut.users.createFirstUser(
      { username: 'admin', displayName: 'Admin', role: 'admin', password: GOOD },
      SYSTEM_ACTOR,
      (u) => {
        deliver.push(u.username)
      },
    )
    expect(first?.username).toBe('admin')
    const second = await sut.users.createFirstUser(
      { username: 'admin2', displayName: 'Admin', role: 'admin', password: GOOD },
      SYSTEM_ACTOR,
      () => undefined,
    )
    expect(second).toBeNull()
    expect(deliver).toEqual(['admin'])
  })
})
