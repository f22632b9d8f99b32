import { execFile } from 'node:child_process'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)
const BIN = join(import.meta.dirname, '..', '..', 'bin', 'mamori.js')

export interface CliResult {
  code: number
  stdout: string
  stderr: string
}

/**
 * The environment the CLI runs in under test: the machine's PATH and nothing else of it. A hospital machine may
 * export DATABASE_URL, MAMORI_*, a Japanese LC_ALL or an odd TZ; none of that may change what a test sees.
 * Tests that exercise one of them pass it in `env`.
 */
export function cliEnv(env: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: tmpdir(),
    LANG: 'C.UTF-8',
    TZ: 'UTC',
    MAMORI_FROM_SOURCE: '1',
    ...env,
  }
}

/** Runs the real `mamori` binary from source with stdin closed (not a terminal); never throws. */
export async function mamori(dataDir: string, args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  try {
    const r = await run(process.execPath, [BIN, '--data-dir', dataDir, ...args], {
      env: cliEnv(env),
      timeout: 60_000,
    })
    return { code: 0, stdout: r.stdout, stderr: r.stderr }
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string }
    return { code: err.code, stdout: err.stdout, stderr: err.stderr }
  }
}
