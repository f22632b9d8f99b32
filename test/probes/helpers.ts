import type { ServiceTarget } from '../../src/probes/probe.js'

/** A TCP (or UDP) service on 127.0.0.1 for a probe to run against. */
export function target(port: number, extra: Partial<ServiceTarget> = {}): ServiceTarget {
  return { address: '127.0.0.1', port, transport: 'tcp', service: null, banner: null, ...extra }
}

/** Whether a program is on PATH. */
export async function hasProgram(name: string): Promise<boolean> {
  const { execFileSync } = await import('node:child_process')
  try {
    execFileSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

/**
 * Precondition for tests that need a real program (dcmtk, samba). In CI (CI=true) a missing program fails the
 * test with a clear message; locally the test returns early after saying why.
 */
export function requireProgram(available: boolean, what: string, install: string): boolean {
  if (available) return true
  if (process.env.CI === 'true') throw new Error(`${what} is not installed; CI must provide it (${install})`)
  console.warn(`precondition: ${what} is not installed (${install}); this check did not run locally`)
  return false
}
