import { readFile } from 'node:fs/promises'
import { MamoriError } from '../core/errors.js'

const FILE_ERRORS: Record<string, string> = {
  ENOENT: 'no such file / ファイルがありません',
  EACCES: 'permission denied / 読む権限がありません',
  EISDIR: 'a folder, not a file / フォルダです',
}

/** Why a path could not be read, in both languages (ENOENT → "no such file / ファイルがありません"). */
export function fileError(path: string, err: unknown): MamoriError {
  const code = (err as NodeJS.ErrnoException).code
  const why = code ? (FILE_ERRORS[code] ?? code) : (err as Error).message
  return MamoriError.of('INVALID_INPUT', { problems: `${path}: ${why}` })
}

/** Reads a file the user named; a missing or unreadable one is a clear INVALID_INPUT, not a stack trace. */
export async function readInput(path: string): Promise<Buffer> {
  try {
    return await readFile(path)
  } catch (err) {
    throw fileError(path, err)
  }
}

/** The terminal's language when the user did not say (LANG=ja_JP.UTF-8 → ja). */
export const defaultLang = () => (process.env.LANG?.startsWith('ja') ? 'ja' : 'en')
