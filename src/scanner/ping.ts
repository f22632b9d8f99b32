import { execFile } from 'node:child_process'
import type { ConnectionGate } from '../net/gate.js'

/**
 * ICMP echo through the system `ping` (iputils), which may send echo requests without root where the system allows
 * it (ping_group_range or file capabilities). Optional: where `ping` is missing or not permitted the result is
 * simply "no answer". One echo request, counted against the host's rate cap like a connection.
 */
export async function pingOnce(
  gate: ConnectionGate,
  address: string,
  timeoutMs: number,
  signal: AbortSignal,
): Promise<boolean> {
  await gate.acquire(address, signal)
  try {
    const seconds = String(Math.max(1, Math.ceil(timeoutMs / 1000)))
    const args = ['-n', '-c', '1', '-W', seconds, ...(address.includes(':') ? ['-6'] : []), address]
    return await new Promise<boolean>((resolve) => {
      try {
        execFile('ping', args, { timeout: timeoutMs + 1000, signal }, (err) => resolve(!err))
      } catch {
        resolve(false)
      }
    })
  } finally {
    gate.release(address)
  }
}
