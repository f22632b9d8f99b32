import { execFile } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { normalizeMac } from '../core/address.js'
import { canonicalAddress } from '../core/discovery/targets.js'

/**
 * The kernel's neighbour table (ARP for IPv4, NDP for IPv6): on the local segment it gives each host's MAC address,
 * and an entry that turned REACHABLE/STALE while we connected proves the host answered ARP even if it drops every
 * TCP packet. Reading it sends nothing on the wire.
 */

export interface Neighbour {
  address: string
  mac: string
}

/** States with a usable link-layer address (ip-neighbour(8)); FAILED and INCOMPLETE have none. */
const USABLE = new Set(['REACHABLE', 'STALE', 'DELAY', 'PROBE', 'PERMANENT', 'NOARP'])

/** Parses `ip -j neigh show` output. Unknown shapes are ignored, never thrown. */
export function parseIpNeighJson(text: string): Neighbour[] {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch {
    return []
  }
  if (!Array.isArray(data)) return []
  const out: Neighbour[] = []
  for (const e of data) {
    if (typeof e !== 'object' || e === null) continue
    const dst: unknown = Reflect.get(e, 'dst')
    const lladdr: unknown = Reflect.get(e, 'lladdr')
    const state: unknown = Reflect.get(e, 'state')
    if (typeof dst !== 'string' || typeof lladdr !== 'string') continue
    const states = Array.isArray(state) ? state.filter((s) => typeof s === 'string') : []
    if (states.length > 0 && !states.some((s) => USABLE.has(s))) continue
    const address = canonicalAddress(dst)
    const mac = normalizeMac(lladdr)
    if (address && mac && mac !== '00:00:00:00:00:00') out.push({ address, mac })
  }
  return out
}

/** Parses /proc/net/arp (IPv4 only). Flags 0x0 means incomplete: no MAC yet. */
export function parseProcNetArp(text: string): Neighbour[] {
  const out: Neighbour[] = []
  for (const line of text.split('\n').slice(1)) {
    const [ip, , flags, hw] = line.trim().split(/\s+/)
    if (!ip || !hw || flags === '0x0') continue
    const address = canonicalAddress(ip)
    const mac = normalizeMac(hw)
    if (address && mac && mac !== '00:00:00:00:00:00') out.push({ address, mac })
  }
  return out
}

function run(cmd: string, args: string[], timeoutMs: number): Promise<string | null> {
  return new Promise((resolve) => {
    try {
      execFile(cmd, args, { timeout: timeoutMs, maxBuffer: 4 * 1024 * 1024 }, (err, stdout) =>
        resolve(err ? null : stdout),
      )
    } catch {
      resolve(null)
    }
  })
}

/**
 * Reads the neighbour table: `ip -j neigh show` (IPv4 and IPv6), else /proc/net/arp. Returns address → MAC;
 * empty where neither is available (not Linux, no iproute2).
 */
export async function readNeighbours(): Promise<Map<string, string>> {
  const map = new Map<string, string>()
  const json = await run('ip', ['-j', 'neigh', 'show'], 2000)
  const list = json !== null ? parseIpNeighJson(json) : []
  if (list.length === 0) {
    const arp = await readFile('/proc/net/arp', 'utf8').catch(() => null)
    if (arp) list.push(...parseProcNetArp(arp))
  }
  for (const n of list) map.set(n.address, n.mac)
  return map
}
