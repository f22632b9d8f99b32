import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { migrate, openStorage } from '../../src/storage/database.js'
import { mamori } from '../helpers/cli.js'

const root = mkdtempSync(join(tmpdir(), 'mamori-private-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

const mode = (path: string) => statSync(path).mode & 0o777

describe('data files are readable by their owner only', () => {
  it('openStorage makes the data dir 700 and the database, -wal and -shm 600, new or left open by an older start', async () => {
    const dir = join(root, 'open')
    mkdirSync(dir, { mode: 0o755 })
    chmodSync(dir, 0o755)
    const db = join(dir, 'mamori.sqlite')
    const first = openStorage({ dataDir: dir })
    await migrate(first.db)
    expect(mode(dir)).toBe(0o700)
    for (const f of [db, `${db}-wal`, `${db}-shm`]) expect(mode(f), f).toBe(0o600)

    // What an older version left: everything readable by others, while a process still has the database open.
    chmodSync(dir, 0o755)
    for (const f of [db, `${db}-wal`, `${db}-shm`]) chmodSync(f, 0o644)
    const second = openStorage({ dataDir: dir })
    await second.db.selectFrom('users').selectAll().execute()
    expect(mode(dir)).toBe(0o700)
    for (const f of [db, `${db}-wal`, `${db}-shm`]) expect(mode(f), f).toBe(0o600)
    await second.close()
    await first.close()
  })

  it('every CLI start tightens a 755 data dir and a 644 database, and backups are written 600', async () => {
    const dir = join(root, 'cli')
    mkdirSync(dir, { mode: 0o755 })
    chmodSync(dir, 0o755)
    const init = await mamori(dir, ['init', '--json'], { MAMORI_ADMIN_PASSWORD: 'Kanri-Shitsu-Key-2026' })
    expect(init.code, init.stderr).toBe(0)
    const db = join(dir, 'mamori.sqlite')
    expect(mode(dir)).toBe(0o700)
    expect(mode(db)).toBe(0o600)

    chmodSync(dir, 0o755)
    chmodSync(db, 0o644)
    const list = await mamori(dir, ['users', 'list', '--json'])
    expect(list.code, list.stderr).toBe(0)
    expect(mode(dir)).toBe(0o700)
    expect(mode(db)).toBe(0o600)

    // A new backup file, and one that already existed world-readable (overwritten in place).
    const backups = join(root, 'backups')
    mkdirSync(backups)
    const fresh = join(backups, 'new.jsonl.gz')
    const old = join(backups, 'old.jsonl.gz')
    writeFileSync(old, 'old content', { mode: 0o644 })
    chmodSync(old, 0o644)
    for (const file of [fresh, old]) {
      const r = await mamori(dir, ['backup', file, '--json'])
      expect(r.code, r.stderr).toBe(0)
      expect(mode(file), file).toBe(0o600)
    }

    // A refused backup (through a symlink) says why, and the audit log says it failed, as whom.
    const link = join(backups, 'link.jsonl.gz')
    symlinkSync(old, link)
    const refused = await mamori(dir, ['backup', link, '--json'])
    expect(refused.code).not.toBe(0)
    expect(JSON.parse(refused.stdout).error.code).toBe('BACKUP_SYMLINK')
    const s = openStorage({ dataDir: dir })
    try {
      const rows = await s.db
        .selectFrom('auditLog')
        .select(['action', 'actorName'])
        .where('action', 'like', 'backup.%')
        .orderBy('id')
        .execute()
      expect(rows.map((r) => r.action)).toEqual(['backup.create', 'backup.create', 'backup.create', 'backup.failed'])
      expect(rows.every((r) => r.actorName?.startsWith('cli:'))).toBe(true)
    } finally {
      await s.close()
    }
  }, 180_000)
})

describe('accounts from the console', () => {
  it('user names are unique regardless of case; reset finds the user whatever the case and drops a stale initial password', async () => {
    const dir = join(root, 'users')
    const init = await mamori(dir, ['init', '--generate-password', '--json'])
    expect(init.code, init.stderr).toBe(0)
    const file = join(dir, 'initial-admin-password.txt')
    expect(existsSync(file)).toBe(true)

    const clash = await mamori(dir, ['users', 'create', 'Admin', '--role', 'viewer', '--generate-password'])
    expect(clash.code).toBe(3)
    expect(clash.stderr).toContain('already taken as "admin"')
    const badName = await mamori(dir, ['users', 'create', 'ce tanaka', '--role', 'viewer', '--generate-password'])
    expect(badName.code).toBe(3)
    expect(badName.stderr).toContain('letters, digits')

    const weak = await mamori(dir, ['users', 'create', 'ce-sato', '--role', 'viewer'], {
      MAMORI_ADMIN_PASSWORD: 'P@ssw0rd2024',
    })
    expect(weak.code).toBe(3)
    expect(weak.stderr).toContain('commonly used password')
    expect(weak.stderr).not.toMatch(/at .*\.(ts|js):\d+/)

    const reset = await mamori(dir, ['users', 'reset-password', 'ADMIN', '--json'], {
      MAMORI_ADMIN_PASSWORD: 'Reset-From-Console-42',
    })
    expect(reset.code, reset.stderr).toBe(0)
    expect(JSON.parse(reset.stdout)).toMatchObject({ username: 'admin' })
    // The generated password no longer works, so its file is gone at once (not only at the next start).
    expect(existsSync(file)).toBe(false)
  }, 180_000)
})
