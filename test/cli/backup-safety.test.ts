import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdtempSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createGzip, gunzipSync, gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { backupDatabase, restoreDatabase } from '../../src/services/backup.js'
import { SYSTEM_ACTOR } from '../../src/storage/audit-repository.js'
import { DatabaseBackupStore } from '../../src/storage/backup-store.js'
import { migrate, openStorage, type Storage } from '../../src/storage/database.js'
import { DeviceRepository } from '../../src/storage/device-repository.js'
import { buildDevice } from '../factories.js'
import { DIALECTS } from '../helpers/databases.js'

const HEADER = JSON.stringify({ format: 'mamori-backup', version: 1, createdAt: '', migrations: ['0001-ledger'] })

/** Gzips `parts` as a stream, repeating each [text, times] (the uncompressed file is never in memory). */
async function gzipFile(file: string, parts: [string, number][]): Promise<void> {
  const z = createGzip({ level: 1 })
  const out: Buffer[] = []
  z.on('data', (c: Buffer) => out.push(c))
  const done = new Promise<void>((resolve, reject) => {
    z.on('end', resolve)
    z.on('error', reject)
  })
  for (const [text, times] of parts) {
    const block = Buffer.from(text.repeat(Math.max(1, Math.min(times, 1 << 20))))
    for (let left = times; left > 0; left -= 1 << 20) {
      const n = Math.min(left, 1 << 20)
      if (!z.write(block.subarray(0, n * text.length))) await new Promise((r) => z.once('drain', r))
    }
  }
  z.end()
  await done
  writeFileSync(file, Buffer.concat(out))
}

function backupRows(file: string): { t: string; r: Record<string, unknown> }[] {
  return gunzipSync(readFileSync(file))
    .toString('utf8')
    .split('\n')
    .slice(1)
    .filter(Boolean)
    .map((l) => JSON.parse(l))
}

describe.each(DIALECTS)('backup safety on $name', (dialect) => {
  it('a backup is one point in time: a commit made while it runs is in it entirely or not at all', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mamori-snap-'))
    // SQLite: the backup and the concurrent import run on two connections to one file, as the CLI and the server do.
    let reader: Storage
    let writer: Storage
    if (dialect.name === 'sqlite') {
      reader = openStorage({ dataDir: dir })
      await migrate(reader.db)
      writer = openStorage({ dataDir: dir })
    } else {
      reader = await dialect.open()
      writer = reader // a pool: the commit runs on another connection
    }
    await new DeviceRepository(reader.db).createMany([buildDevice({ assetTag: 'BEFORE-1' })], SYSTEM_ACTOR)
    const file = join(dir, 'snap.gz')
    let committed = 0
    await backupDatabase(new DatabaseBackupStore(reader.db), file, {
      afterTable: async (t) => {
        // The devices are written out; now an import commits 3 devices and their audit rows, and is awaited.
        if (t !== 'devices') return
        const made = await new DeviceRepository(writer.db).createMany(
          [1, 2, 3].map((i) => buildDevice({ assetTag: `DURING-${i}` })),
          SYSTEM_ACTOR,
        )
        committed = Array.isArray(made) ? made.length : 3
      },
    })
    expect(committed).toBe(3)
    const live = (await new DeviceRepository(writer.db).list({ limit: 10 })).items.map((d) => d.assetTag)
    expect(live).toEqual(expect.arrayContaining(['BEFORE-1', 'DURING-1', 'DURING-2', 'DURING-3']))
    const rows = backupRows(file)
    const deviceIds = new Set(rows.filter((x) => x.t === 'devices').map((x) => x.r.id))
    const tags = rows.filter((x) => x.t === 'devices').map((x) => x.r.assetTag)
    const audited = rows.filter((x) => x.t === 'auditLog' && x.r.targetType === 'device').map((x) => x.r.targetId)
    expect(tags).toEqual(['BEFORE-1'])
    expect(audited.length).toBe(1)
    for (const id of audited) expect(deviceIds.has(id)).toBe(true)
    if (writer !== reader) await writer.close()
    await reader.close()
  })

  it('restores a file of 300 MB of blank lines with a clear refusal, no crash, nothing changed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mamori-blank-'))
    const s = await dialect.open()
    await new DeviceRepository(s.db).createMany([buildDevice({ assetTag: 'KEEP' })], SYSTEM_ACTOR)
    const file = join(dir, 'blank.gz')
    await gzipFile(file, [
      [`${HEADER}\n`, 1],
      ['\n', 300 * 1024 * 1024],
    ])
    expect(statSync(file).size).toBeLessThan(2 * 1024 * 1024)
    await expect(restoreDatabase(new DatabaseBackupStore(s.db), file)).rejects.toMatchObject({
      code: 'BACKUP_CORRUPT',
      message: expect.stringContaining('blank lines'),
    })
    expect((await new DeviceRepository(s.db).list({})).items.map((d) => d.assetTag)).toEqual(['KEEP'])
    await s.close()
  })

  it('refuses one endless line (64 MB without a newline) with the line number', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mamori-long-'))
    const s = await dialect.open()
    const file = join(dir, 'long.gz')
    await gzipFile(file, [
      [`${HEADER}\n`, 1],
      ['x', 64 * 1024 * 1024],
    ])
    await expect(restoreDatabase(new DatabaseBackupStore(s.db), file)).rejects.toMatchObject({
      code: 'BACKUP_CORRUPT',
      message: expect.stringMatching(/line 2 is longer than 16 MB/),
    })
    await s.close()
  })

  it('skips a few blank lines (CRLF too) in an otherwise good backup', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mamori-fewblank-'))
    const a = await dialect.open()
    await new DeviceRepository(a.db).createMany([buildDevice({ assetTag: 'B-1' })], SYSTEM_ACTOR)
    const good = join(dir, 'good.gz')
    await backupDatabase(new DatabaseBackupStore(a.db), good)
    await a.close()
    const text = gunzipSync(readFileSync(good)).toString('utf8')
    const spaced = join(dir, 'spaced.gz')
    writeFileSync(spaced, gzipSync(text.replaceAll('\n', '\n\r\n\n')))
    const b = await dialect.open()
    const counts = await restoreDatabase(new DatabaseBackupStore(b.db), spaced)
    expect(counts.devices).toBe(1)
    expect((await new DeviceRepository(b.db).list({})).items.map((d) => d.assetTag)).toEqual(['B-1'])
    await b.close()
  })

  it('refuses to write a backup through a symbolic link (existing or dangling target); overwrites a plain file 600', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mamori-link-'))
    const s = await dialect.open()
    const victim = join(dir, 'victim.txt')
    writeFileSync(victim, 'do not touch')
    const link = join(dir, 'backup.gz')
    symlinkSync(victim, link)
    await expect(backupDatabase(new DatabaseBackupStore(s.db), link)).rejects.toMatchObject({
      code: 'BACKUP_SYMLINK',
      message: expect.stringContaining('symbolic link'),
    })
    expect(readFileSync(victim, 'utf8')).toBe('do not touch')
    const dangling = join(dir, 'dangling.gz')
    const nowhere = join(dir, 'created-through-link.gz')
    symlinkSync(nowhere, dangling)
    await expect(backupDatabase(new DatabaseBackupStore(s.db), dangling)).rejects.toMatchObject({
      code: 'BACKUP_SYMLINK',
    })
    expect(existsSync(nowhere)).toBe(false)
    expect(lstatSync(dangling).isSymbolicLink()).toBe(true)

    const plain = join(dir, 'plain.gz')
    writeFileSync(plain, 'old content, longer than nothing')
    chmodSync(plain, 0o644)
    await backupDatabase(new DatabaseBackupStore(s.db), plain)
    expect(statSync(plain).mode & 0o777).toBe(0o600)
    const head = JSON.parse(gunzipSync(readFileSync(plain)).toString('utf8').split('\n')[0]!)
    expect(head).toMatchObject({ format: 'mamori-backup' })
    const fresh = join(dir, 'fresh.gz')
    await backupDatabase(new DatabaseBackupStore(s.db), fresh)
    expect(statSync(fresh).mode & 0o777).toBe(0o600)
    await s.close()
  })
})
