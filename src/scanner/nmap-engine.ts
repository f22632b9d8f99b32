import { execFile, spawn } from 'node:child_process'
import type { ScanProfileId } from '../core/discovery/observation.js'
import { type PortSet, parsePortSpec } from '../core/discovery/ports.js'
import { type ProfileOverrides, resolveProfile } from '../core/discovery/profiles.js'
import { type Exclusion, ScopeGuard } from '../core/discovery/scope.js'
import { canonicalAddress } from '../core/discovery/targets.js'
import { MamoriError } from '../core/errors.js'
import { type NmapImport, parseNmapXml } from '../importers/nmap-xml.js'

/**
 * An installed nmap as an alternative engine: `nmap -sT -oX -` (a connect scan needs no root), parsed with the same
 * importer as uploaded files. The scope is checked here exactly as for our engine; the profile's limits become nmap's
 * own timing flags (nmap enforces them, our gate does not see its packets).
 */

export interface NmapScanRequest {
  targets: readonly string[]
  approvedScopes: readonly string[]
  exclusions?: readonly (Exclusion | string)[]
  ports?: string | PortSet
  profile?: ScanProfileId
  overrides?: ProfileOverrides
  /** Treat every target as up (-Pn). */
  assumeUp?: boolean
  /** Path to nmap; default 'nmap' from PATH. */
  nmapPath?: string
}

export interface NmapScanResult extends NmapImport {
  /** The exact command run, for the audit log. */
  command: string[]
  skipped: { address: string; reason: string }[]
  elapsedMs: number
}

/** Version line of the installed nmap, or null when there is none. */
export function nmapVersion(nmapPath = 'nmap'): Promise<string | null> {
  return new Promise((resolve) => {
    try {
      execFile(nmapPath, ['--version'], { timeout: 5000 }, (err, stdout) =>
        resolve(err ? null : (stdout.split('\n')[0]?.trim() ?? null)),
      )
    } catch {
      resolve(null)
    }
  })
}

/** Port list in nmap's compact form: 1-3,5,7-9. */
export function compactPorts(ports: readonly number[]): string {
  const out: string[] = []
  let i = 0
  while (i < ports.length) {
    let j = i
    while (j + 1 < ports.length && ports[j + 1] === ports[j]! + 1) j++
    out.push(i === j ? String(ports[i]) : `${ports[i]}-${ports[j]}`)
    i = j + 1
  }
  return out.join(',')
}

/**
 * nmap arguments for a profile. gentle: one probe at a time per host with a delay of 1/rate between probes and a
 * global max rate; standard: bounded parallelism and rate; fast: -T4 (what the benchmark compares against).
 */
export function nmapTimingArgs(profileId: ScanProfileId, overrides: ProfileOverrides = {}): string[] {
  const p = resolveProfile(profileId, overrides)
  const args: string[] = []
  if (p.id === 'fast') args.push('-T4')
  else args.push('-T3', '--max-parallelism', String(p.perHostConcurrency))
  if (p.perHostRate) args.push('--scan-delay', `${Math.ceil(1000 / p.perHostRate)}ms`)
  if (p.globalRate) args.push('--max-rate', String(p.globalRate))
  args.push('--max-retries', String(p.retries), '--host-timeout', '30m')
  return args
}

/**
 * Runs nmap on the in-scope targets and parses its XML. Throws `NMAP_NOT_FOUND` with an install hint when nmap is
 * absent; stops nmap at once on abort (what it printed so far is parsed and marked incomplete).
 */
export async function runNmapScan(request: NmapScanRequest, signal?: AbortSignal): Promise<NmapScanResult> {
  const nmap = request.nmapPath ?? 'nmap'
  if ((await nmapVersion(nmap)) === null) {
    throw MamoriError.of('NMAP_NOT_FOUND')
  }
  const guard = new ScopeGuard(request.approvedScopes, request.exclusions ?? [])
  const skipped: NmapScanResult['skipped'] = []
  const addresses: string[] = []
  for (const raw of request.targets) {
    const a = canonicalAddress(raw)
    const refusal = a ? guard.refusal(a) : 'not an IP address'
    if (a && refusal === null) addresses.push(a)
    else skipped.push({ address: raw, reason: refusal ?? 'not an IP address' })
  }
  const ports = typeof request.ports === 'object' ? request.ports : parsePortSpec(request.ports ?? 'top')
  const command = [
    nmap,
    '-sT',
    '-n',
    '-oX',
    '-',
    ...(request.assumeUp ? ['-Pn'] : []),
    ...nmapTimingArgs(request.profile ?? 'gentle', request.overrides),
    '-p',
    compactPorts(ports.tcp),
  ]
  const v4 = addresses.filter((a) => !a.includes(':'))
  const v6 = addresses.filter((a) => a.includes(':'))
  const t0 = performance.now()
  const parts: NmapImport[] = []
  // nmap scans one address family per run (-6 for IPv6).
  for (const [family, list] of [
    [4, v4],
    [6, v6],
  ] as const) {
    if (list.length === 0 || signal?.aborted || ports.tcp.length === 0) continue
    const args = [...command.slice(1), ...(family === 6 ? ['-6'] : []), ...list]
    parts.push(parseNmapXml(await runCapture(nmap, args, signal)))
  }
  return {
    hosts: parts.flatMap((p) => p.hosts),
    problems: parts.flatMap((p) => p.problems),
    run: parts[0]?.run ?? null,
    complete: parts.every((p) => p.complete) && !signal?.aborted,
    command,
    skipped,
    elapsedMs: Math.round(performance.now() - t0),
  }
}

function runCapture(cmd: string, args: string[], signal?: AbortSignal): Promise<string> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] })
    const chunks: Buffer[] = []
    child.stdout.on('data', (c: Buffer) => chunks.push(c))
    child.stderr.on('data', () => {})
    const onAbort = () => child.kill('SIGTERM')
    signal?.addEventListener('abort', onAbort, { once: true })
    const done = () => {
      signal?.removeEventListener('abort', onAbort)
      resolve(Buffer.concat(chunks).toString('utf8'))
    }
    child.on('error', done)
    child.on('close', done)
  })
}
