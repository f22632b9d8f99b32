import { afterEach, describe, expect, it } from 'vitest'
import { MamoriError } from '../../src/core/errors.js'
import { compactPorts, nmapTimingArgs, nmapVersion, runNmapScan } from '../../src/scanner/nmap-engine.js'
import { closedPort, startTcp, type TcpServer } from './servers.js'

const servers: TcpServer[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()))
})

describe('nmap engine adapter', () => {
  it('compacts port lists and maps profiles to nmap timing flags', () => {
    expect(compactPorts([1, 2, 3, 5, 7, 8])).toBe('1-3,5,7-8')
    expect(nmapTimingArgs('gentle')).toEqual([
      '-T3',
      '--max-parallelism',
      '1',
      '--scan-delay',
      '200ms',
      '--max-rate',
      '50',
      '--max-retries',
      '1',
      '--host-timeout',
      '30m',
    ])
    expect(nmapTimingArgs('fast')).toContain('-T4')
  })

  it('says clearly when nmap is not installed', async () => {
    await expect(
      runNmapScan({ targets: ['127.0.0.1'], approvedScopes: ['127.0.0.1'], nmapPath: '/nonexistent/nmap' }),
    ).rejects.toSatisfy(
      (e) => e instanceof MamoriError && e.code === 'NMAP_NOT_FOUND' && /apt-get install nmap/.test(e.message),
    )
  })

  it('runs the installed nmap on loopback (or refuses clearly without one), inside the scope only', async () => {
    if ((await nmapVersion()) === null) {
      // No nmap on this machine: the default path must give the clear refusal, not a crash.
      await expect(runNmapScan({ targets: ['127.0.0.41'], approvedScopes: ['127.0.0.41'] })).rejects.toThrow(
        /nmap is not installed/,
      )
      return
    }
    const s = await startTcp('127.0.0.41', { kind: 'banner', text: 'x' })
    servers.push(s)
    const closed = await closedPort('127.0.0.41')
    const r = await runNmapScan({
      targets: ['127.0.0.41', '127.0.0.42'],
      approvedScopes: ['127.0.0.41'],
      ports: `T:${s.port},${closed}`,
      profile: 'fast',
      assumeUp: true,
    })
    expect(r.skipped).toEqual([{ address: '127.0.0.42', reason: 'outside every approved scope' }])
    expect(r.hosts.map((h) => h.address)).toEqual(['127.0.0.41'])
    const states = new Map(r.hosts[0]!.services.map((x) => [x.port, x.state]))
    expect(states.get(s.port)).toBe('open')
    expect(states.get(closed)).toBe('closed')
    expect(r.complete).toBe(true)
  })
})
