import type { ConnectionGate } from '../net/gate.js'
import { connectState } from '../net/tcp-connect.js'
import { pingOnce } from './ping.js'

/**
 * Is the host there? TCP connects to a few common ports: an accepted connection *or a refusal* (RST) proves the host
 * is up, since only a live stack answers RST. When nothing answers, the neighbour table (an ARP/NDP reply during
 * our attempts) and, where enabled, one ICMP echo decide. Every attempt goes through the gate.
 */

/**
 * Ports tried in order, chosen to hit something on most devices quickly: web admin, SSH, SMB, DICOM, RDP, Telnet.
 * Discovery stops at the first answer, so an up host usually costs one connection.
 */
export const DISCOVERY_PORTS = [80, 443, 22, 445, 104, 3389, 23, 8080, 11112, 139, 21, 5900] as const

export interface DiscoveryOptions {
  gate: ConnectionGate
  connectTimeoutMs: number
  signal: AbortSignal
  /** Try one ICMP echo via the system ping when TCP got no answer. */
  icmp: boolean
  /** Reads the neighbour table (address → MAC); injected for tests. */
  neighbours: () => Promise<Map<string, string>>
  ports?: readonly number[]
}

export interface DiscoveryResult {
  up: boolean
  /** 'tcp-connect' (a port answered), 'arp', 'icmp', or null when down. */
  upReason: string | null
  /** Ports that answered open during discovery (reused by the sweep's result, never re-reported). */
  openSeen: number[]
  detail: string
}

/** Decides whether one host is up. */
export async function discoverHost(address: string, family: 4 | 6, o: DiscoveryOptions): Promise<DiscoveryResult> {
  const openSeen: number[] = []
  let lastDetail = 'no answer'
  for (const port of o.ports ?? DISCOVERY_PORTS) {
    if (o.signal.aborted) return { up: false, upReason: null, openSeen, detail: 'stopped' }
    await o.gate.acquire(address, o.signal)
    let r: Awaited<ReturnType<typeof connectState>>
    try {
      r = await connectState(address, port, family, o.connectTimeoutMs, o.signal)
    } finally {
      o.gate.release(address)
    }
    if (r.outcome === 'open') openSeen.push(port)
    if (r.outcome === 'open' || r.outcome === 'closed') {
      return { up: true, upReason: 'tcp-connect', openSeen, detail: `port ${port} ${r.outcome}` }
    }
    lastDetail = r.detail
    // No route or no ARP answer: trying more ports would only wait out the same failure again.
    if (r.outcome === 'unreachable') break
  }
  const table = await o.neighbours().catch(() => new Map<string, string>())
  if (table.has(address)) return { up: true, upReason: 'arp', openSeen, detail: 'answered ARP/NDP' }
  if (o.icmp && !o.signal.aborted) {
    const ok = await pingOnce(o.gate, address, o.connectTimeoutMs, o.signal).catch(() => false)
    if (ok) return { up: true, upReason: 'icmp', openSeen, detail: 'answered ICMP echo' }
  }
  return { up: false, upReason: null, openSeen, detail: lastDetail }
}
