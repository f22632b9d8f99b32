import { readFileSync } from 'node:fs'

/**
 * File-descriptor awareness: every socket in flight holds a descriptor, and running out (EMFILE) makes connects fail
 * locally, which must never be mistaken for a target's answer. The fast profile's in-flight cap is clamped below the
 * process's soft limit, leaving room for the database, logs and probes' sockets.
 */

/** Descriptors kept free for everything that is not the port sweep. */
export const FD_RESERVE = 128

/** Parses the soft "Max open files" limit from /proc/self/limits text, or null. */
export function parseSoftFdLimit(limitsText: string): number | null {
  const line = limitsText.split('\n').find((l) => l.startsWith('Max open files'))
  const m = line ? /^Max open files\s+(\d+|unlimited)/.exec(line) : null
  if (!m) return null
  return m[1] === 'unlimited' ? Number.MAX_SAFE_INTEGER : Number(m[1])
}

let cached: number | null | undefined

/** The soft descriptor limit of this process (Linux), or null where it cannot be read. */
export function softFdLimit(): number | null {
  if (cached !== undefined) return cached
  try {
    cached = parseSoftFdLimit(readFileSync('/proc/self/limits', 'utf8'))
  } catch {
    cached = null
  }
  return cached
}

/**
 * The in-flight cap to use: the requested one, clamped to the descriptor limit minus {@link FD_RESERVE}
 * (assuming 1024 where the limit is unknown), and at least 1.
 */
export function clampInFlight(requested: number, limit: number | null = softFdLimit()): number {
  const fds = limit ?? 1024
  return Math.max(1, Math.min(requested, fds - FD_RESERVE))
}
