import { afterEach, describe, expect, it } from 'vitest'
import { sweepThreadCount, sweepThreaded } from '../../src/net/sweep-threads.js'
import { runScan } from '../../src/scanner/engine.js'
import { startMany, type TcpServer } from './servers.js'

const servers: TcpServer[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()))
})

const noRate = { perHostConcurrency: 400, perHostRate: null, globalRate: null, globalConcurrency: 600 }

describe('threaded sweep', () => {
  it('uses threads only without rate caps and for large sweeps', () => {
    expect(sweepThreadCount({ ...noRate, perHostRate: 5 }, 1_000_000)).toBe(1)
    expect(sweepThreadCount(noRate, 1000)).toBe(1)
    expect(sweepThreadCount(noRate, 100_000, 1)).toBe(1)
  })

  it('finds the same open ports as the single-thread sweep, on two hosts', async () => {
    const a = await startMany('127.0.0.61', 3)
    const b = await startMany('127.0.0.62', 2)
    servers.push(...a, ...b)
    const extra = [...a, ...b].map((s) => s.port)
    const ports = [...new Set([...Array.from({ length: 12_000 }, (_, i) => 20_000 + i), ...extra])].sort(
      (x, y) => x - y,
    )
    const seen = new Map<string, number[]>()
    let answered = 0
    const results = await sweepThreaded(
      [
        { address: '127.0.0.61', family: 4 },
        { address: '127.0.0.62', family: 4 },
      ],
      ports,
      {
        threads: 2,
        limits: noRate,
        connectTimeoutMs: 1000,
        retries: 1,
        approvedScopes: ['127.0.0.0/8'],
        exclusions: [],
        onPort: (address, port, state) => {
          answered++
          if (state === 'open') seen.set(address, [...(seen.get(address) ?? []), port])
        },
      },
    )
    expect(results).not.toBeNull()
    expect(results!.every((r) => r.complete)).toBe(true)
    expect(answered).toBe(2 * ports.length)
    // Ports other services on this machine may hold (listening on 0.0.0.0) show up on every loopback address.
    for (const s of a) expect(seen.get('127.0.0.61')).toContain(s.port)
    for (const s of b) expect(seen.get('127.0.0.62')).toContain(s.port)
    for (const s of b) if (!a.some((x) => x.port === s.port)) expect(seen.get('127.0.0.61')).not.toContain(s.port)
  })

  it('refuses out-of-scope hosts inside the threads too', async () => {
    let answered = 0
    const results = await sweepThreaded([{ address: '127.0.0.63', family: 4 }], [1, 2, 3, 4], {
      threads: 2,
      limits: noRate,
      connectTimeoutMs: 500,
      retries: 0,
      approvedScopes: ['127.0.0.61'],
      exclusions: [],
      onPort: () => answered++,
    })
    expect(answered).toBe(0)
    expect(results?.every((r) => !r.complete)).toBe(true)
  })

  it('the fast profile sweeps a full range with threads, stops at once on abort and keeps what it found', async () => {
    const [open] = await startMany('127.0.0.64', 1)
    servers.push(open!)
    const rest = Array.from({ length: 65535 }, (_, i) => i + 1).filter((p) => p !== open!.port)
    const c = new AbortController()
    // Stop once the sweep is under way and the open port (the first one swept) has been reported: the other host's
    // thread may report 2000 ports before this host's thread has started, and an abort cancels attempts in flight.
    let stopping = false
    const r = await runScan(
      {
        targets: ['127.0.0.64', '127.0.0.65'],
        approvedScopes: ['127.0.0.0/8'],
        ports: { tcp: [open!.port, ...rest], udp: [] },
        profile: 'fast',
        assumeUp: true,
      },
      {
        probes: [],
        neighbours: async () => new Map(),
        signal: c.signal,
        onProgress: (e) => {
          if (!stopping && e.portsScanned > 2000 && e.openPorts > 0) {
            stopping = true
            c.abort()
          }
        },
      },
    )
    expect(r.stopped).toBe(true)
    expect(r.hosts.every((h) => !h.complete)).toBe(true)
    expect(r.stats.portsScanned).toBeLessThan(2 * 65535)
    expect(r.hosts.find((h) => h.address === '127.0.0.64')?.services.map((s) => s.port)).toContain(open!.port)
    // The sweep ran in threads: the main gate saw no sweep connections.
    expect(r.stats.started).toBe(0)
  })
})
