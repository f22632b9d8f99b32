import { type ChildProcess, spawn } from 'node:child_process'
import net from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { ScopeGuard } from '../../src/core/discovery/scope.js'
import { ConnectionGate } from '../../src/net/gate.js'
import { INITIAL_WINDOW, type SweepState, sweepPorts } from '../../src/net/port-sweep.js'

/**
 * The sweep's window (ADR 0022): small while the host answers, widened by timeouts. Ports that never answer are made
 * on loopback with listeners whose accept queue is full and never drained (a separate process that listens with a
 * backlog of 0 and never accepts; one connection fills the queue, so the kernel drops every further SYN).
 */

const HOST = '127.0.0.81'
const children: ChildProcess[] = []
const sockets: net.Socket[] = []
afterEach(() => {
  for (const s of sockets.splice(0)) s.destroy()
  for (const c of children.splice(0)) c.kill()
})

/** `n` ports on HOST that drop every SYN (the listener's accept queue is full). */
async function silentPorts(n: number): Promise<number[]> {
  const py = [
    'import socket, sys, time',
    'ss = []',
    `for _ in range(${n}):`,
    '    s = socket.socket(); s.bind((sys.argv[1], 0)); s.listen(0); ss.append(s)',
    "print(' '.join(str(s.getsockname()[1]) for s in ss), flush=True)",
    'time.sleep(600)',
  ].join('\n')
  const child = spawn('python3', ['-c', py, HOST], { stdio: ['ignore', 'pipe', 'inherit'] })
  children.push(child)
  const line = await new Promise<string>((resolve, reject) => {
    child.stdout!.once('data', (d: Buffer) => resolve(d.toString()))
    child.once('error', reject)
  })
  const ports = line.trim().split(' ').map(Number)
  // Fill each accept queue with one completed connection that is never accepted.
  await Promise.all(
    ports.map(
      (port) =>
        new Promise<void>((resolve, reject) => {
          const s = net.connect({ host: HOST, port }, () => resolve())
          s.on('error', reject)
          sockets.push(s)
        }),
    ),
  )
  return ports
}

describe('sweep window', () => {
  it('keeps a small window on a host that answers and widens it for ports that time out', async () => {
    const silent = await silentPorts(3 * INITIAL_WINDOW)
    const limits = { perHostConcurrency: 500, perHostRate: null, globalRate: null, globalConcurrency: 500 }

    // Closed ports only: never more than the initial window in flight.
    const closed = Array.from({ length: 3000 }, (_, i) => 40_000 + i).filter((p) => !silent.includes(p))
    const g1 = new ConnectionGate(limits, new ScopeGuard([HOST], []))
    const r1 = await sweepPorts(HOST, 4, closed, { gate: g1, connectTimeoutMs: 1000, retries: 0, onPort: () => {} })
    expect(r1.complete).toBe(true)
    expect(g1.stats.maxHostInFlight).toBeLessThanOrEqual(INITIAL_WINDOW)

    // Silent ports: each timeout widens the window, so more than the initial window end up in flight at once.
    const states = new Map<number, SweepState>()
    const g2 = new ConnectionGate(limits, new ScopeGuard([HOST], []))
    const r2 = await sweepPorts(HOST, 4, silent, {
      gate: g2,
      connectTimeoutMs: 300,
      retries: 0,
      onPort: (p, s) => states.set(p, s),
    })
    expect(r2.complete).toBe(true)
    expect([...states.values()].every((s) => s === 'filtered')).toBe(true)
    expect(states.size).toBe(silent.length)
    expect(g2.stats.maxHostInFlight).toBeGreaterThan(INITIAL_WINDOW)
    expect(g2.stats.maxHostInFlight).toBeLessThanOrEqual(limits.perHostConcurrency)
  })
})
