import { spawn } from 'node:child_process'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { LAB_PATH } from '../../src/lab/system.js'

/** Repository root (test/lab/ → ../..). */
export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..')

/** A short prefix per test process, so parallel runs (and a hand-made `mamori-lab`) never collide. */
export function testPrefix(tag: string): string {
  return `mlt${tag}${process.pid % 100000}`
}

export interface Exec {
  code: number | null
  stdout: string
  stderr: string
}

/** Runs argv (no shell) and collects its output; never rejects on a non-zero exit. */
export function exec(argv: readonly string[], opts: { input?: string; timeoutMs?: number } = {}): Promise<Exec> {
  return new Promise((resolve, reject) => {
    const [file, ...args] = argv
    if (!file) return reject(new Error('empty argv'))
    const child = spawn(file, args, {
      cwd: REPO_ROOT,
      env: { ...process.env, PATH: `${LAB_PATH}:${process.env.PATH ?? ''}`, MIBS: '' },
      stdio: ['pipe', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString()
    })
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString()
    })
    const timeoutMs = opts.timeoutMs ?? 30_000
    let timedOut = false
    const timer = setTimeout(() => {
      timedOut = true
      child.kill('SIGKILL')
    }, timeoutMs)
    child.once('error', reject)
    child.once('close', (code) => {
      clearTimeout(timer)
      // Say so when we killed it: a bare "null" exit code in a CI log does not tell a timeout from a crash.
      if (timedOut) stderr += `\n[killed after ${timeoutMs / 1000} s without finishing]`
      resolve({ code, stdout, stderr })
    })
    // A command may exit before reading its input (EPIPE); that is its business, not a test failure.
    child.stdin.on('error', () => undefined)
    child.stdin.end(opts.input ?? '')
  })
}

/** `ip netns exec <ns> argv…` */
export function inNamespace(ns: string, argv: readonly string[], opts?: { input?: string; timeoutMs?: number }) {
  return exec(['ip', 'netns', 'exec', ns, ...argv], opts)
}

/** argv that runs a TypeScript file with tsx under the current Node. */
export function tsNode(file: string): string[] {
  const tsxDir = dirname(createRequire(import.meta.url).resolve('tsx/package.json'))
  return [process.execPath, '--import', pathToFileURL(join(tsxDir, 'dist', 'loader.mjs')).href, file]
}

/** Parses `ip -json …` output (empty output means an empty list). */
export function ipJson(out: string): Record<string, unknown>[] {
  const t = out.trim()
  if (!t) return []
  const v: unknown = JSON.parse(t)
  return Array.isArray(v) ? v.filter((x): x is Record<string, unknown> => typeof x === 'object' && x !== null) : []
}
