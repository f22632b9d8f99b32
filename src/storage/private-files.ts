import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs'

/**
 * The data directory holds the ledger (SQLite), the generated admin password and often backups: only the account
 * that runs Mamori may read it. These helpers set explicit modes instead of relying on the process umask, and
 * tighten what an older version (or a hand-made directory) left readable by others.
 */

function tighten(path: string, mode: number): void {
  try {
    if ((statSync(path).mode & 0o777) !== mode) chmodSync(path, mode)
  } catch (err) {
    const e = err as NodeJS.ErrnoException
    if (e.code === 'ENOENT') return
    // Owned by another account (e.g. created by root): say so, but do not refuse to start over it.
    process.emitWarning(
      `Could not restrict ${path} to its owner (chmod ${mode.toString(8)}): ${e.message}. ` +
        `/ ${path} を所有者のみ読み書き可能にできませんでした（chmod ${mode.toString(8)}）。`,
    )
  }
}

/** Creates `dir` (and parents) owner-only (700), or makes an existing one 700. */
export function ensurePrivateDir(dir: string): void {
  if (!existsSync(dir)) mkdirSync(dir, { recursive: true, mode: 0o700 })
  tighten(dir, 0o700)
}

/** Makes each existing file owner-only (600); files that do not exist are skipped. */
export function tightenFiles(...files: string[]): void {
  for (const f of files) tighten(f, 0o600)
}

/** Creates `file` empty with mode 600 if it does not exist yet (so that whatever opens it next finds it private). */
export function createPrivateFile(file: string): void {
  try {
    closeSync(openSync(file, 'wx', 0o600))
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
  }
}
