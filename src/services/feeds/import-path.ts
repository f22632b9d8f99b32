import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { readdir, readFile, stat } from 'node:fs/promises'
import { basename, join, relative } from 'node:path'
import type { FeedProblem } from '../../core/vulns/model.js'

/** What `mamori feeds import PATH` reads: feed files, gzip or not, and offline bundles. */
const FEED_FILE = /\.(json|csv|xml)(\.gz)?$/i
const BUNDLE_FILE = /\.(bundle|mamori-feeds\.gz)$/i

/** One file found under the path: read into memory, or (a bundle, which may be large) streamed from disk. */
export type FoundFile = { name: string; bytes: Uint8Array } | { name: string; path: string }

/**
 * The feed files of a file or folder (recursive, in name order; `.asc` signatures and other files skipped). A file
 * with a `<file>.sha512` beside it is checked against it and refused on mismatch; a file over `maxBytes` is refused.
 * Names are relative to the folder ("icsma/icsma-20-049-01.json"), so problems say which file.
 */
export async function collectFeedFiles(
  root: string,
  maxBytes: number,
): Promise<{ files: FoundFile[]; problems: FeedProblem[] }> {
  const files: FoundFile[] = []
  const problems: FeedProblem[] = []
  const top = await stat(root)
  const paths = top.isDirectory() ? await walk(root) : [root]
  const base = top.isDirectory() ? root : join(root, '..')
  for (const path of paths) {
    const name = top.isDirectory() ? relative(base, path) : basename(path)
    const isBundle = BUNDLE_FILE.test(path)
    if (top.isDirectory() && !isBundle && !FEED_FILE.test(path)) continue
    const size = (await stat(path)).size
    if (!isBundle && size > maxBytes) {
      problems.push(refusal(name, 'fileTooLarge', { size, limit: maxBytes }))
      continue
    }
    const sum = await readOptional(`${path}.sha512`)
    if (sum !== null) {
      const expected = /[0-9a-fA-F]{128}/.exec(sum)?.[0]?.toLowerCase() ?? ''
      const actual = await sha512File(path)
      if (expected !== actual) {
        problems.push(refusal(name, 'checksumMismatch', { expected: expected || '(unreadable)', actual }))
        continue
      }
    }
    files.push(isBundle ? { name, path } : { name, bytes: await readFile(path) })
  }
  return { files, problems }
}

const refusal = (file: string, code: string, params: Record<string, string | number>): FeedProblem => ({
  severity: 'error',
  code,
  file,
  path: null,
  params: { file, ...params },
})

async function walk(dir: string): Promise<string[]> {
  const out: string[] = []
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))
  for (const e of entries) {
    const p = join(dir, e.name)
    if (e.isDirectory()) out.push(...(await walk(p)))
    else if (e.isFile()) out.push(p)
  }
  return out
}

async function readOptional(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8')
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw err
  }
}

async function sha512File(path: string): Promise<string> {
  const hash = createHash('sha512')
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer)
  return hash.digest('hex')
}
