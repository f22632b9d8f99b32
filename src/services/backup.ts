import { constants, createReadStream } from 'node:fs'
import { type FileHandle, lstat, open } from 'node:fs/promises'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { createGunzip, createGzip } from 'node:zlib'
import { type Bilingual, MamoriError } from '../core/errors.js'
import type { Actor, AuditLog, BackupRow, BackupStore } from '../core/ports.js'

interface Header {
  format: 'mamori-backup'
  version: 1
  createdAt: string
  migrations: string[]
}

export interface BackupOptions {
  /** Called after each table has been read (inside the snapshot); tests use it to change the database meanwhile. */
  afterTable?: (table: string) => Promise<void>
}

/**
 * Writes every table to FILE (gzip JSON lines: a header line, then {t, r} per row). Returns row counts.
 * All tables are read inside ONE snapshot of the store, so the backup is one point in time even while an import
 * commits. FILE is never written through a symbolic link, and is owner-only (600) whether new or overwritten.
 */
export async function backupDatabase(
  store: BackupStore,
  file: string,
  opts: BackupOptions = {},
): Promise<Record<string, number>> {
  const counts: Record<string, number> = {}
  async function* lines(page: (table: string, offset: number, limit: number) => Promise<BackupRow[]>) {
    const header: Header = {
      format: 'mamori-backup',
      version: 1,
      createdAt: new Date().toISOString(),
      migrations: [...store.migrations],
    }
    yield `${JSON.stringify(header)}\n`
    for (const t of store.tables) {
      counts[t] = 0
      // Page through large tables so memory stays flat (same snapshot for every page).
      for (let offset = 0; ; offset += 5000) {
        const rows = await page(t, offset, 5000)
        for (const r of rows) yield `${JSON.stringify({ t, r })}\n`
        counts[t] += rows.length
        if (rows.length < 5000) break
      }
      await opts.afterTable?.(t)
    }
  }
  const out = await openBackupForWriting(file)
  try {
    await store.snapshot((page) => pipeline(Readable.from(lines(page)), createGzip(), out.createWriteStream()))
  } finally {
    await out.close().catch(() => {}) // already closed by the stream when it finished
  }
  return counts
}

const symlinkRefused = (file: string) => MamoriError.of('BACKUP_SYMLINK', { file })

/** A damaged file, `why` (a sentence in each language) saying where: BACKUP_CORRUPT adds that nothing was restored. */
const corrupt = (file: string, why: Bilingual) => MamoriError.of('BACKUP_CORRUPT', { file, why })

/** Not a backup at all (not gzip, no header, another format). */
const unreadable = (file: string, why: Bilingual) => MamoriError.of('BACKUP_UNREADABLE', { file, why })

/**
 * Opens FILE for the backup without following a symbolic link: a new file is created with O_EXCL (nobody can slip
 * a link in between a check and the create) and mode 600; an existing one is opened with O_NOFOLLOW, must be a
 * regular file, is made 600 before anything is written, then emptied.
 */
async function openBackupForWriting(file: string): Promise<FileHandle> {
  const { O_WRONLY, O_CREAT, O_EXCL } = constants
  const O_NOFOLLOW = constants.O_NOFOLLOW ?? 0
  const cannot = (err: unknown) => MamoriError.of('BACKUP_WRITE_FAILED', { file, why: (err as Error).message })
  try {
    return await open(file, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0o600)
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw cannot(err)
  }
  const st = await lstat(file).catch((err) => {
    throw cannot(err)
  })
  if (st.isSymbolicLink()) throw symlinkRefused(file)
  let fh: FileHandle
  try {
    fh = await open(file, O_WRONLY | O_NOFOLLOW)
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ELOOP') throw symlinkRefused(file)
    throw cannot(err)
  }
  try {
    if (!(await fh.stat()).isFile())
      throw MamoriError.of('BACKUP_WRITE_FAILED', {
        file,
        why: { en: 'it is not a regular file.', ja: '通常のファイルではありません。' },
      })
    await fh.chmod(0o600)
    await fh.truncate(0)
    return fh
  } catch (err) {
    await fh.close()
    throw err instanceof MamoriError ? err : cannot(err)
  }
}

/** Longest line accepted in a backup file; real rows are a few KB. */
export const MAX_BACKUP_LINE_BYTES = 16 * 1024 * 1024
/** A Mamori backup has no blank lines (only the final newline); more than this many mean a damaged or foreign file. */
export const MAX_BACKUP_BLANK_LINES = 1000

interface Line {
  no: number
  text: string
}

/**
 * The lines of a gzip'd backup, streamed: memory holds one chunk and one line (at most MAX_BACKUP_LINE_BYTES), so a
 * file that inflates to gigabytes of blank lines or one endless line is refused with a message, not a crash.
 */
async function* backupLines(file: string): AsyncGenerator<Line> {
  const gunzip = createGunzip()
  const input = createReadStream(file)
  input.on('error', (err) => gunzip.destroy(err))
  input.pipe(gunzip)
  let pending: Buffer[] = []
  let pendingLen = 0
  let no = 0
  let blanks = 0
  const finish = (piece: Buffer): Line | null => {
    no++
    if (pendingLen + piece.length > MAX_BACKUP_LINE_BYTES) throw lineTooLong(file, no)
    const bytes = pendingLen ? Buffer.concat([...pending, piece]) : piece
    pending = []
    pendingLen = 0
    const text = bytes.toString('utf8').replace(/\r$/, '')
    if (text.trim() === '') {
      if (++blanks > MAX_BACKUP_BLANK_LINES)
        throw corrupt(file, {
          en: `more than ${MAX_BACKUP_BLANK_LINES} blank lines (at line ${no}); a Mamori backup has none.`,
          ja: `空行が ${MAX_BACKUP_BLANK_LINES} 行を超えてあります（${no} 行目）。Mamori のバックアップには空行がありません。`,
        })
      return null
    }
    return { no, text }
  }
  try {
    for await (const chunk of gunzip as AsyncIterable<Buffer>) {
      let start = 0
      for (let nl = chunk.indexOf(10, start); nl >= 0; nl = chunk.indexOf(10, start)) {
        const line = finish(chunk.subarray(start, nl))
        if (line) yield line
        start = nl + 1
      }
      if (start < chunk.length) {
        if (pendingLen + chunk.length - start > MAX_BACKUP_LINE_BYTES) throw lineTooLong(file, no + 1)
        pending.push(chunk.subarray(start))
        pendingLen += chunk.length - start
      }
    }
    if (pendingLen > 0) {
      const line = finish(Buffer.alloc(0))
      if (line) yield line
    }
  } catch (err) {
    if (err instanceof MamoriError) throw err
    const message = (err as Error).message
    throw unreadable(file, { en: `it is not gzip (${message}).`, ja: `gzip として読めません（${message}）。` })
  } finally {
    input.destroy()
    gunzip.destroy()
  }
}

function lineTooLong(file: string, no: number): MamoriError {
  const mb = MAX_BACKUP_LINE_BYTES / 1024 / 1024
  return corrupt(file, {
    en: `line ${no} is longer than ${mb} MB; a Mamori backup row is a few KB.`,
    ja: `${no} 行目が ${mb} MB を超えています（Mamori のバックアップの行は数 KB です）。`,
  })
}

/**
 * Replaces the whole database content with FILE's, in one transaction: a bad or truncated file changes nothing.
 * The file is streamed line by line (bounded memory) and rows are inserted as they come, inside the transaction.
 */
export async function restoreDatabase(store: BackupStore, file: string): Promise<Record<string, number>> {
  const lines = backupLines(file)
  try {
    const first = await lines.next()
    let header: Header
    try {
      header = JSON.parse(first.done ? '' : first.value.text)
    } catch {
      throw unreadable(file, {
        en: 'line 1 is not a Mamori backup header.',
        ja: '1 行目が Mamori のバックアップのヘッダーではありません。',
      })
    }
    if (header?.format !== 'mamori-backup' || header.version !== 1) {
      const format = String(header?.format)
      throw unreadable(file, {
        en: `its format is "${format}", not mamori-backup version 1.`,
        ja: `形式が「${format}」です（mamori-backup 版 1 ではありません）。`,
      })
    }
    const unknown = (header.migrations ?? []).filter((m) => !store.migrations.includes(m))
    if (unknown.length > 0) {
      throw MamoriError.of('BACKUP_TOO_NEW', { file, migrations: unknown.join(', ') })
    }
    const counts: Record<string, number> = Object.fromEntries(store.tables.map((t) => [t, 0]))
    await store.replaceAll(async (insert) => {
      let table: string | null = null
      let batch: BackupRow[] = []
      const flush = async () => {
        if (table && batch.length > 0) await insert(table, batch)
        batch = []
      }
      let order = 0
      for await (const { no, text } of lines) {
        let rec: { t: string; r: BackupRow }
        try {
          rec = JSON.parse(text)
        } catch {
          throw corrupt(file, {
            en: `line ${no} is not valid JSON (truncated file?).`,
            ja: `${no} 行目が JSON として正しくありません（ファイルが途中で切れている可能性があります）。`,
          })
        }
        const at = store.tables.indexOf(rec?.t)
        if (at < 0 || typeof rec.r !== 'object' || rec.r === null)
          throw corrupt(file, {
            en: `line ${no} names unknown table "${String(rec?.t)}".`,
            ja: `${no} 行目が不明な表「${String(rec?.t)}」を指しています。`,
          })
        if (at < order)
          throw corrupt(file, {
            en: `line ${no} (table ${rec.t}) comes after rows of a later table (was the file edited?).`,
            ja: `${no} 行目（表 ${rec.t}）が後の表の行より後にあります（ファイルが編集された可能性があります）。`,
          })
        if (rec.t !== table || batch.length >= 200) {
          await flush()
          table = rec.t
          order = at
        }
        batch.push(rec.r)
        counts[rec.t] = (counts[rec.t] ?? 0) + 1
      }
      await flush()
    })
    return counts
  } finally {
    await lines.return(undefined)
  }
}

/** Backup and restore as audited use cases (the CLI's `mamori backup` and `mamori restore`). */
export class BackupService {
  constructor(
    private readonly store: BackupStore,
    private readonly audit: Pick<AuditLog, 'record'>,
  ) {}

  /** Recorded first so that the backup holds the record of its own making; a refusal is recorded too. */
  async backup(file: string, actor: Actor): Promise<Record<string, number>> {
    await this.audit.record(actor, { action: 'backup.create', after: { file } })
    return backupDatabase(this.store, file).catch(async (err: unknown) => {
      const reason = err instanceof Error ? err.message : String(err)
      await this.audit.record(actor, { action: 'backup.failed', after: { file, reason } })
      throw err
    })
  }

  /** Replaces the whole content; audited afterwards (the restored log would not hold an earlier entry). */
  async restore(file: string, actor: Actor): Promise<Record<string, number>> {
    const counts = await restoreDatabase(this.store, file)
    await this.audit.record(actor, { action: 'backup.restore', after: { file, counts } })
    return counts
  }
}
