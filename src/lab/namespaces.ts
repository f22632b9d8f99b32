import { findBinary, isAlive, run } from './system.js'
import type { LabHost, LabScanner, LabTopology } from './topology.js'

/**
 * The lab's network namespaces with `ip`: build the scanner's bridge and one veth pair per host, list them, and
 * destroy them with every process inside. Only the exact namespace names of a lab topology are ever touched.
 */

export function ipBinary(): string {
  return findBinary('ip') ?? 'ip'
}

/** Names of all network namespaces on this machine. */
export async function listNamespaces(): Promise<Set<string>> {
  const out = (await run(ipBinary(), ['-json', 'netns', 'list'])).trim()
  if (!out) return new Set()
  const parsed: unknown = JSON.parse(out)
  const names = new Set<string>()
  if (Array.isArray(parsed)) {
    for (const e of parsed)
      if (typeof e === 'object' && e && 'name' in e && typeof e.name === 'string') names.add(e.name)
  }
  return names
}

function labNamespaces(topo: LabTopology): string[] {
  // `<prefix>-ws` is the workstation `mamori lab traffic` adds for a while (./traffic.ts): gone with the lab too.
  return [...topo.hosts.map((h) => h.namespace), `${topo.prefix}-ws`, topo.scanner.namespace]
}

/** PIDs of every process inside `ns` (daemons, their children, and anything started with `lab exec`). */
async function namespacePids(ns: string): Promise<number[]> {
  const out = await run(ipBinary(), ['netns', 'pids', ns]).catch(() => '')
  return out
    .split(/\s+/)
    .map(Number)
    .filter((n) => Number.isInteger(n) && n > 0 && n !== process.pid)
}

async function sleep(ms: number): Promise<void> {
  await new Promise((r) => setTimeout(r, ms))
}

/**
 * Kills every process in the lab's namespaces (SIGTERM, then SIGKILL after 0.5 s) and deletes the namespaces.
 * Killing by namespace rather than by recorded pid also catches daemons that detach into their own session
 * (samba-dcerpcd does), so nothing of the lab survives `lab down`. Only the exact namespace names of this
 * lab's topology are touched.
 */
export async function destroy(topo: LabTopology): Promise<{ namespaces: string[]; killed: number }> {
  const existing = await listNamespaces()
  const namespaces = labNamespaces(topo).filter((ns) => existing.has(ns))
  const pidsIn = async () => new Set((await Promise.all(namespaces.map(namespacePids))).flat())
  const pids = await pidsIn()
  for (const pid of pids) signal(pid, 'SIGTERM')
  // The lab keeps no state worth a graceful shutdown; storescp takes ~1 s to notice SIGTERM, so 0.5 s is enough.
  const until = Date.now() + 500
  while ([...pids].some(isAlive) && Date.now() < until) await sleep(25)
  for (const pid of pids) if (isAlive(pid)) signal(pid, 'SIGKILL')
  // Children forked between the listing and the kill (inetd → telnetd) are caught by a second pass.
  for (const pid of await pidsIn()) signal(pid, 'SIGKILL')
  await Promise.all(namespaces.map((ns) => run(ipBinary(), ['netns', 'delete', ns])))
  return { namespaces, killed: pids.size }
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig)
  } catch {
    // already gone
  }
}

export async function buildNetwork(topo: LabTopology): Promise<void> {
  const ip = ipBinary()
  const s = topo.scanner
  await run(ip, ['netns', 'add', s.namespace])
  await run(ip, ['-n', s.namespace, 'link', 'set', 'lo', 'up'])
  // STP off and no forward delay: ports forward at once, so `lab up` need not wait for bridge learning states.
  await run(ip, ['-n', s.namespace, 'link', 'add', s.bridge, 'type', 'bridge', 'stp_state', '0', 'forward_delay', '0'])
  await run(ip, ['-n', s.namespace, 'addr', 'add', `${s.ipv4}/24`, 'dev', s.bridge])
  // nodad: the address is usable at once instead of after ~1 s of duplicate address detection.
  await run(ip, ['-n', s.namespace, 'addr', 'add', `${s.ipv6}/64`, 'dev', s.bridge, 'nodad'])
  await run(ip, ['-n', s.namespace, 'link', 'set', s.bridge, 'up'])
  await Promise.all(topo.hosts.map((h) => buildHost(s, h)))
}

async function buildHost(s: LabScanner, h: LabHost): Promise<void> {
  const ip = ipBinary()
  await run(ip, ['netns', 'add', h.namespace])
  await run(ip, ['-n', h.namespace, 'link', 'set', 'lo', 'up'])
  // Both ends are created inside lab namespaces: the root namespace never sees them.
  await run(ip, [
    '-n',
    s.namespace,
    'link',
    'add',
    h.bridgePort,
    'type',
    'veth',
    'peer',
    'name',
    'eth0',
    'netns',
    h.namespace,
  ])
  await run(ip, ['-n', s.namespace, 'link', 'set', h.bridgePort, 'master', s.bridge, 'up'])
  await run(ip, ['-n', h.namespace, 'link', 'set', 'eth0', 'address', h.mac])
  await run(ip, ['-n', h.namespace, 'addr', 'add', `${h.ipv4}/24`, 'dev', 'eth0'])
  await run(ip, ['-n', h.namespace, 'addr', 'add', `${h.ipv6}/64`, 'dev', 'eth0', 'nodad'])
  await run(ip, ['-n', h.namespace, 'link', 'set', 'eth0', 'up'])
}
