import { spawn } from 'node:child_process'
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, isAbsolute, join, resolve, sep } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { MamoriError } from '../core/errors.js'
import { type DaemonPlan, daemonPlans, PRIVATE_HOST_DIRS } from './daemons.js'
import { buildNetwork, destroy, ipBinary, listNamespaces } from './namespaces.js'
import type { PortCheckResult, PortTarget } from './port-check.js'
import { assertLabPrerequisites, isAlive, LAB_PATH, run } from './system.js'
import {
  DEFAULT_LAB_PREFIX,
  isValidLabPrefix,
  type LabPort,
  type LabScanner,
  type LabTopology,
  labTopology,
} from './topology.js'

/**
 * Builds, inspects and tears down the lab described by ./topology.ts:
 *
 *   scanner namespace `<prefix>` ── bridge labbr0 (10.77.0.1/24, fd77::1/64)
 *     ├─ vh10 ⇄ eth0 in `<prefix>-ct-modality` (10.77.0.10, GE Healthcare MAC) ── storescp :104
 *     ├─ vh11 ⇄ eth0 in `<prefix>-pacs` …
 *     └─ …
 *
 * Both ends of every veth pair are created directly inside lab namespaces (`ip -n <scanner> link add … peer
 * … netns <host>`), so the root namespace never holds a lab interface, address or route: nothing in the lab can
 * reach the real network and nothing outside can reach the lab.
 */

export interface LabOptions {
  /** Namespace prefix (default `mamori-lab`). Tests use their own so they never touch a hand-made lab. */
  prefix?: string
  /** Where configs, pids, keys and logs go (default /var/lib/mamori-lab/<prefix>; never under /run). */
  stateDir?: string
  /** Progress messages (stderr in the CLI). */
  onProgress?: (message: string) => void
}

export interface LabDaemonState {
  id: string
  host: string
  namespace: string
  pid: number
  logFile: string
}

/** What `lab up` records in <stateDir>/state.json. */
export interface LabStateFile {
  prefix: string
  startedAt: string
  daemons: LabDaemonState[]
}

export interface LabPortStatus extends LabPort {
  /** Per address family: true = answered, false = did not, null = the daemon does not listen on that family. */
  ipv4: boolean | null
  ipv6: boolean | null
}

export interface LabHostStatus {
  name: string
  roleEn: string
  roleJa: string
  namespace: string
  ipv4: string
  ipv6: string
  mac: string
  vendor: string
  namespaceExists: boolean
  daemons: { id: string; pid: number | null; alive: boolean }[]
  ports: LabPortStatus[]
  planted: string[]
}

export interface LabStatus {
  prefix: string
  stateDir: string
  scanner: LabScanner & { namespaceExists: boolean }
  hosts: LabHostStatus[]
  /** Every namespace exists, every daemon is alive and every expected port answers. */
  up: boolean
  /** Wall time of the operation that produced this status. */
  elapsedMs: number
}

const STATE_MARKER = '.mamori-lab'

/** Resolved prefix and state directory, validated. */
function resolveOptions(opts: LabOptions): { topo: LabTopology; stateDir: string } {
  const prefix = opts.prefix ?? DEFAULT_LAB_PREFIX
  if (!isValidLabPrefix(prefix)) {
    throw MamoriError.of('LAB_BAD_PREFIX', { prefix })
  }
  const stateDir = resolve(opts.stateDir ?? join('/var/lib/mamori-lab', prefix))
  const hidden = ['/run', ...PRIVATE_HOST_DIRS].find((d) => `${stateDir}${sep}`.startsWith(`${d}${sep}`))
  if (!isAbsolute(stateDir) || stateDir === '/' || hidden) {
    throw MamoriError.of('LAB_BAD_STATE_DIR', { dir: stateDir, hidden: ['/run', ...PRIVATE_HOST_DIRS].join(', ') })
  }
  return { topo: labTopology(prefix), stateDir }
}

/** The command that runs a lab Node entry point, from source (via tsx) or from the compiled dist/. */
function nodeEntry(name: string): string[] {
  const fromSource = import.meta.url.endsWith('.ts')
  const file = fileURLToPath(new URL(`./${name}${fromSource ? '.ts' : '.js'}`, import.meta.url))
  if (!fromSource) return [process.execPath, file]
  const tsxDir = dirname(createRequire(import.meta.url).resolve('tsx/package.json'))
  return [process.execPath, '--import', pathToFileURL(join(tsxDir, 'dist', 'loader.mjs')).href, file]
}

/** Writes configs and keys for every daemon; the state dir is wiped first (only if it is ours). */
async function prepareStateDir(stateDir: string, plans: DaemonPlan[]): Promise<void> {
  if (existsSync(stateDir)) {
    if (!existsSync(join(stateDir, STATE_MARKER))) {
      throw MamoriError.of('LAB_STATE_DIR_IN_USE', { dir: stateDir })
    }
    rmSync(stateDir, { recursive: true, force: true })
  }
  mkdirSync(stateDir, { recursive: true, mode: 0o755 })
  chmodSync(stateDir, 0o755)
  writeFileSync(join(stateDir, STATE_MARKER), 'Created by `mamori lab up`; removed by `mamori lab down`.\n')
  for (const plan of plans) {
    for (const d of plan.dirs) mkdirSync(d, { recursive: true, mode: 0o755 })
    for (const f of plan.files) writeFileSync(f.path, f.content, { mode: f.mode ?? 0o644 })
  }
  await Promise.all(
    plans
      .filter((p) => p.sshHostKey)
      .map((p) => run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'mamori-lab', '-f', p.sshHostKey ?? ''])),
  )
}

interface Started {
  state: LabDaemonState
  exited: { code: number | null; signal: NodeJS.Signals | null } | null
}

/** Starts one daemon detached (own session and process group) inside its namespace. */
function startDaemon(plan: DaemonPlan, namespace: string, cwd: string): Promise<Started> {
  return new Promise((resolvePromise, reject) => {
    // The log is also stdin: vsftpd writes its fatal "500 OOPS" to fd 0, and no lab daemon reads stdin.
    const fd = openSync(plan.logFile, 'a+')
    const child = spawn(ipBinary(), ['netns', 'exec', namespace, ...plan.argv], {
      cwd,
      detached: true,
      stdio: [fd, fd, fd],
      env: { PATH: LAB_PATH, LANG: 'C.UTF-8', HOME: cwd, ...plan.env },
    })
    closeSync(fd)
    const started: Started = {
      state: { id: plan.id, host: plan.host, namespace, pid: child.pid ?? -1, logFile: plan.logFile },
      exited: null,
    }
    child.once('error', (err) => reject(new Error(`${plan.id}: could not start: ${err.message}`)))
    child.once('exit', (code, sig) => {
      started.exited = { code, signal: sig }
    })
    child.once('spawn', () => {
      child.unref()
      resolvePromise(started)
    })
  })
}

/** TCP/UDP targets for every expected port on every family the daemon listens on. */
function portTargets(topo: LabTopology): PortTarget[] {
  return topo.hosts.flatMap((h) =>
    h.ports.flatMap((p) =>
      p.families.map((f) => ({ address: f === 'ipv4' ? h.ipv4 : h.ipv6, port: p.port, transport: p.transport })),
    ),
  )
}

/** Runs the port checker inside the scanner namespace (the only place that can reach the lab). */
async function checkPortsFromScanner(topo: LabTopology, deadlineMs: number): Promise<PortCheckResult[]> {
  const payload = JSON.stringify({ targets: portTargets(topo), deadlineMs })
  const out = await run(
    ipBinary(),
    ['netns', 'exec', topo.scanner.namespace, ...nodeEntry('port-check-main'), payload],
    {
      timeoutMs: deadlineMs + 15_000,
    },
  )
  const parsed: unknown = JSON.parse(out)
  if (!Array.isArray(parsed)) throw new Error(`port check printed unexpected output: ${out.slice(0, 200)}`)
  return parsed.filter(isPortCheckResult)
}

function isPortCheckResult(v: unknown): v is PortCheckResult {
  return typeof v === 'object' && v !== null && 'address' in v && 'port' in v && 'open' in v
}

function readState(stateDir: string): LabStateFile | null {
  try {
    const v: unknown = JSON.parse(readFileSync(join(stateDir, 'state.json'), 'utf8'))
    if (typeof v === 'object' && v !== null && 'daemons' in v && Array.isArray(v.daemons) && 'prefix' in v) {
      const daemons = v.daemons.filter(
        (d: unknown): d is LabDaemonState =>
          typeof d === 'object' && d !== null && 'id' in d && 'pid' in d && typeof d.pid === 'number',
      )
      return {
        prefix: String(v.prefix),
        startedAt: 'startedAt' in v ? String(v.startedAt) : '',
        daemons,
      }
    }
  } catch {
    // no state yet, or unreadable: treated as "not up"
  }
  return null
}

function composeStatus(
  topo: LabTopology,
  stateDir: string,
  namespaces: Set<string>,
  state: LabStateFile | null,
  ports: PortCheckResult[],
  startedAt: number,
): LabStatus {
  const portOpen = (address: string, p: LabPort) =>
    ports.some((r) => r.address === address && r.port === p.port && r.transport === p.transport && r.open)
  const hosts = topo.hosts.map((h): LabHostStatus => {
    const daemons = h.servers.map((srv) => {
      const id = `${h.name}/${srv.kind}`
      const d = state?.daemons.find((x) => x.id === id)
      return { id, pid: d?.pid ?? null, alive: d ? isAlive(d.pid) : false }
    })
    return {
      name: h.name,
      roleEn: h.roleEn,
      roleJa: h.roleJa,
      namespace: h.namespace,
      ipv4: h.ipv4,
      ipv6: h.ipv6,
      mac: h.mac,
      vendor: h.vendor,
      namespaceExists: namespaces.has(h.namespace),
      daemons,
      ports: h.ports.map((p) => ({
        ...p,
        ipv4: p.families.includes('ipv4') ? portOpen(h.ipv4, p) : null,
        ipv6: p.families.includes('ipv6') ? portOpen(h.ipv6, p) : null,
      })),
      planted: h.planted.map((w) => w.ruleId),
    }
  })
  const scannerExists = namespaces.has(topo.scanner.namespace)
  const up =
    scannerExists &&
    hosts.every(
      (h) =>
        h.namespaceExists &&
        h.daemons.every((d) => d.alive) &&
        h.ports.every((p) => p.ipv4 !== false && p.ipv6 !== false),
    )
  return {
    prefix: topo.prefix,
    stateDir,
    scanner: { ...topo.scanner, namespaceExists: scannerExists },
    hosts,
    up,
    elapsedMs: Date.now() - startedAt,
  }
}

function tail(file: string, lines = 8): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n')
  } catch {
    return '(no log)'
  }
}

/**
 * `mamori lab up`: tears down any leftover of the same lab, builds namespaces, bridge and veths, writes configs,
 * starts every daemon inside its namespace and waits (≤ `readyTimeoutMs`, default 60 s: a deadline, not a delay) until every expected
 * port answers from the scanner namespace. On failure everything is torn down again and the error names the
 * ports that did not answer with the tail of their daemon logs.
 */
export async function labUp(opts: LabOptions & { readyTimeoutMs?: number } = {}): Promise<LabStatus> {
  const t0 = Date.now()
  const { topo, stateDir } = resolveOptions(opts)
  const say = opts.onProgress ?? (() => {})
  assertLabPrerequisites({ needDaemons: true })
  say(`Removing leftovers of lab "${topo.prefix}"…`)
  await destroy(topo)
  const server = nodeEntry('servers/main')
  const plans = topo.hosts.flatMap((h) => daemonPlans(h, stateDir, server).map((plan) => ({ host: h, plan })))
  try {
    say(`Writing configs to ${stateDir}…`)
    await prepareStateDir(
      stateDir,
      plans.map((p) => p.plan),
    )
    say(`Creating ${topo.hosts.length + 1} namespaces and bridge ${topo.scanner.bridge}…`)
    await buildNetwork(topo)
    say('Starting daemons…')
    const started = await Promise.all(plans.map(({ host, plan }) => startDaemon(plan, host.namespace, stateDir)))
    const state: LabStateFile = {
      prefix: topo.prefix,
      startedAt: new Date().toISOString(),
      daemons: started.map((s) => s.state),
    }
    writeFileSync(join(stateDir, 'state.json'), `${JSON.stringify(state, null, 2)}\n`)
    say('Waiting for every port to answer…')
    const ports = await checkPortsFromScanner(topo, opts.readyTimeoutMs ?? 60_000)
    const status = composeStatus(topo, stateDir, await listNamespaces(), state, ports, t0)
    if (!status.up) {
      const details = notReadyDetails(status, started)
      throw MamoriError.of('LAB_NOT_READY', { count: details.length }, details)
    }
    return status
  } catch (err) {
    await destroy(topo).catch(() => undefined)
    throw err
  }
}

function notReadyDetails(status: LabStatus, started: Started[]): { where: string; message: string }[] {
  const details: { where: string; message: string }[] = []
  for (const h of status.hosts) {
    const closed = h.ports.flatMap((p) =>
      (['ipv4', 'ipv6'] as const)
        .filter((f) => p[f] === false)
        .map((f) => `${p.port}/${p.transport} on ${f === 'ipv4' ? h.ipv4 : h.ipv6}`),
    )
    const dead = h.daemons.filter((d) => !d.alive)
    if (closed.length === 0 && dead.length === 0) continue
    const logs = h.daemons.map((d) => {
      const s = started.find((x) => x.state.id === d.id)
      const exit = s?.exited ? `exited with code ${s.exited.code}, signal ${s.exited.signal}` : 'running'
      return `${d.id} (${d.alive ? 'running' : exit}), ${s?.state.logFile}:\n${tail(s?.state.logFile ?? '')}`
    })
    const what = closed.length > 0 ? `not answering on ${closed.join(', ')}` : 'a daemon is not running'
    details.push({ where: h.name, message: `${what}\n${logs.join('\n')}` })
  }
  return details
}

/** `mamori lab down`: kills every process in the lab's namespaces, deletes them and the state directory. */
export async function labDown(
  opts: LabOptions = {},
): Promise<{ prefix: string; namespaces: string[]; killed: number }> {
  const { topo, stateDir } = resolveOptions(opts)
  assertLabPrerequisites({ needDaemons: false })
  const result = await destroy(topo)
  if (existsSync(join(stateDir, STATE_MARKER))) rmSync(stateDir, { recursive: true, force: true })
  return { prefix: topo.prefix, ...result }
}

/** `mamori lab status`: which namespaces exist, which daemons run and which ports answer right now. */
export async function labStatus(opts: LabOptions = {}): Promise<LabStatus> {
  const t0 = Date.now()
  const { topo, stateDir } = resolveOptions(opts)
  assertLabPrerequisites({ needDaemons: false })
  const namespaces = await listNamespaces()
  // A lab torn down while we look (namespace gone mid-check) reads as "ports down", not as an error.
  const ports = namespaces.has(topo.scanner.namespace) ? await checkPortsFromScanner(topo, 800).catch(() => []) : []
  return composeStatus(topo, stateDir, namespaces, readState(stateDir), ports, t0)
}

/**
 * `mamori lab exec -- cmd…`: runs a command inside the scanner namespace with the caller's terminal and
 * environment; resolves with its exit code.
 */
export async function labExec(argv: readonly string[], opts: LabOptions = {}): Promise<number> {
  const { topo } = resolveOptions(opts)
  assertLabPrerequisites({ needDaemons: false })
  if (argv.length === 0) throw MamoriError.of('LAB_EXEC_NO_COMMAND')
  if (!(await listNamespaces()).has(topo.scanner.namespace)) {
    throw MamoriError.of('LAB_NOT_UP', { prefix: topo.prefix, namespace: topo.scanner.namespace })
  }
  return new Promise((resolvePromise, reject) => {
    const child = spawn(ipBinary(), ['netns', 'exec', topo.scanner.namespace, ...argv], { stdio: 'inherit' })
    child.once('error', reject)
    child.once('exit', (code, sig) => resolvePromise(code ?? (sig ? 128 + 15 : 1)))
  })
}

/** The command that runs one of the lab's Node entry points (`servers/main`, `clients/main`). */
export const labNodeEntry = nodeEntry
/** The lab's topology and state directory for these options, validated. */
export const resolveLabOptions = resolveOptions
