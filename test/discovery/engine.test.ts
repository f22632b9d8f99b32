import { afterEach, describe, expect, it } from 'vitest'
import type { Probe } from '../../src/probes/probe.js'
import { runScan, type ScanDeps } from '../../src/scanner/engine.js'
import { closedPort, startTcp, startUdp, type TcpServer, type UdpServer } from './servers.js'

/** Everything here talks to loopback only. */
const SCOPE = ['127.0.0.0/8', '::1']
const noNeighbours: ScanDeps['neighbours'] = async () => new Map()
const quick = { connectTimeoutMs: 500, readTimeoutMs: 500, bannerTimeoutMs: 300, retries: 0 }

const servers: (TcpServer | UdpServer)[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()))
})
async function tcp(...args: Parameters<typeof startTcp>): Promise<TcpServer> {
  const s = await startTcp(...args)
  servers.push(s)
  return s
}

/** A test probe that reads what the service says, declared safe. */
const readProbe: Probe = {
  id: 'test-read',
  protocol: 'telnet',
  summary: 'Reads the banner.',
  safety: 'safe',
  sends: 'Nothing.',
  ports: [],
  transport: 'tcp',
  applies: () => true,
  async run(target, { net, timeoutMs }) {
    let sock: Awaited<ReturnType<typeof net.connect>>
    try {
      sock = await net.connect(target.address, target.port)
    } catch (e) {
      return { kind: 'unreachable', reason: e instanceof Error ? e.message : String(e) }
    }
    try {
      const buf = await sock.read({ timeoutMs })
      return { kind: 'observed', facts: { text: buf.toString('latin1') }, evidence: buf.toString('latin1') }
    } catch (e) {
      return { kind: 'unreachable', reason: e instanceof Error ? e.message : String(e) }
    } finally {
      sock.close()
    }
  },
}

describe('runScan on loopback', () => {
  it('reports open ports with banners and leaves closed ports out, on IPv4 and IPv6', async () => {
    const a = await tcp('127.0.0.2', { kind: 'banner', text: 'SSH-2.0-FakeSSH_1.0\r\n' })
    const b = await tcp('::1', { kind: 'banner', text: '220 fake FTP ready\r\n' })
    const closedA = await closedPort('127.0.0.2')
    const closedB = await closedPort('::1')
    const result = await runScan(
      {
        targets: ['127.0.0.2', '::1'],
        approvedScopes: SCOPE,
        ports: `T:${a.port},${b.port},${closedA},${closedB}`,
        profile: 'standard',
        overrides: quick,
      },
      { probes: [readProbe], neighbours: noNeighbours },
    )
    expect(result.stopped).toBe(false)
    const v4 = result.hosts.find((h) => h.address === '127.0.0.2')
    const v6 = result.hosts.find((h) => h.address === '::1')
    expect(v4?.state).toBe('up')
    expect(v4?.upReason).toBe('tcp-connect')
    expect(v4?.complete).toBe(true)
    expect(v4?.services.map((s) => [s.port, s.state])).toEqual([[a.port, 'open']])
    expect(v4?.services[0]?.banner).toBe('SSH-2.0-FakeSSH_1.0\r\n')
    expect(v4?.services[0]?.service).toBe('ssh')
    expect(v4?.services[0]?.probes[0]).toMatchObject({ probeId: 'test-read', outcome: 'observed' })
    expect(v6?.services.map((s) => [s.port, s.state])).toEqual([[b.port, 'open']])
    expect(v6?.services[0]?.service).toBe('ftp')
    expect(result.stats.portsScanned).toBe(8)
  })

  it('marks a host with nothing listening as up (RST proves it) and with no open ports', async () => {
    const p = await closedPort('127.0.0.3')
    const result = await runScan(
      { targets: ['127.0.0.3'], approvedScopes: SCOPE, ports: `T:${p}`, profile: 'fast', overrides: quick },
      { probes: [], neighbours: noNeighbours },
    )
    expect(result.hosts[0]).toMatchObject({ address: '127.0.0.3', state: 'up', services: [], complete: true })
  })

  it('survives a peer that stalls and a peer that resets, and records why', async () => {
    const stall = await tcp('127.0.0.4', { kind: 'silent' })
    const reset = await tcp('127.0.0.4', { kind: 'reset' })
    const result = await runScan(
      {
        targets: ['127.0.0.4'],
        approvedScopes: SCOPE,
        ports: `T:${stall.port},${reset.port}`,
        profile: 'standard',
        overrides: quick,
      },
      { probes: [readProbe], neighbours: noNeighbours },
    )
    const host = result.hosts[0]!
    const byPort = new Map(host.services.map((s) => [s.port, s]))
    // Both accept the handshake: open. The stalled one yields no banner and the probe reports the timeout.
    expect(byPort.get(stall.port)?.state).toBe('open')
    expect(byPort.get(stall.port)?.banner).toBeNull()
    expect(byPort.get(stall.port)?.probes[0]).toMatchObject({ outcome: 'unreachable' })
    expect(byPort.get(stall.port)?.probes[0]?.reason).toMatch(/no reply within/)
    expect(byPort.get(reset.port)?.state).toBe('open')
    expect(byPort.get(reset.port)?.probes[0]?.outcome).toBe('unreachable')
    expect(byPort.get(reset.port)?.probes[0]?.reason).toMatch(/reset|closed/)
  })

  it('records a probe that throws as incomplete with the reason, and skips intrusive probes by default', async () => {
    const s = await tcp('127.0.0.5', { kind: 'banner', text: 'x' })
    const thrower: Probe = {
      ...readProbe,
      id: 'test-throws',
      run: async () => Promise.reject(new Error('parser broke')),
    }
    const intrusive: Probe = { ...readProbe, id: 'test-intrusive', safety: 'intrusive' }
    const result = await runScan(
      { targets: ['127.0.0.5'], approvedScopes: SCOPE, ports: String(s.port), profile: 'standard', overrides: quick },
      { probes: [thrower, intrusive], neighbours: noNeighbours },
    )
    const svc = result.hosts[0]!.services[0]!
    expect(svc.probes).toEqual([
      {
        probeId: 'test-throws',
        outcome: 'incomplete',
        facts: {},
        evidence: '',
        reason: 'the probe failed: parser broke',
      },
    ])
    expect(result.hosts[0]!.complete).toBe(false)
  })

  it('runs an intrusive probe only with allowIntrusive and the host on the allowlist', async () => {
    const s = await tcp('127.0.0.5', { kind: 'banner', text: 'x' })
    const intrusive: Probe = { ...readProbe, id: 'test-intrusive', safety: 'intrusive' }
    const base = { targets: ['127.0.0.5'], approvedScopes: SCOPE, ports: String(s.port), profile: 'standard' as const }
    const notListed = await runScan(
      { ...base, overrides: quick, allowIntrusive: true, intrusiveAllowlist: ['127.0.0.6'] },
      { probes: [intrusive], neighbours: noNeighbours },
    )
    expect(notListed.hosts[0]!.services[0]!.probes).toEqual([])
    const listed = await runScan(
      { ...base, overrides: quick, allowIntrusive: true, intrusiveAllowlist: ['127.0.0.5'] },
      { probes: [intrusive], neighbours: noNeighbours },
    )
    expect(listed.hosts[0]!.services[0]!.probes[0]?.probeId).toBe('test-intrusive')
  })

  it('marks UDP ports open|filtered and lets a UDP probe confirm them', async () => {
    const answering = await startUdp('127.0.0.6', Buffer.from('pong'))
    const silent = await startUdp('127.0.0.6', null)
    servers.push(answering, silent)
    const udpProbe: Probe = {
      ...readProbe,
      id: 'test-udp',
      protocol: 'snmp',
      transport: 'udp',
      async run(target, { net }) {
        const reply = await net.udpRequest(target.address, target.port, Buffer.from('ping'), 300)
        return reply ? { kind: 'observed', facts: { n: reply.length }, evidence: 'pong' } : { kind: 'absent' }
      },
    }
    const result = await runScan(
      {
        targets: ['127.0.0.6'],
        approvedScopes: SCOPE,
        ports: `U:${answering.port},${silent.port}`,
        profile: 'standard',
        overrides: quick,
        assumeUp: true,
      },
      { probes: [udpProbe], neighbours: noNeighbours },
    )
    const byPort = new Map(result.hosts[0]!.services.map((s) => [s.port, s]))
    expect(byPort.get(answering.port)?.state).toBe('open')
    expect(byPort.get(silent.port)?.state).toBe('open|filtered')
    expect(silent.received).toBe(1)
  })

  it('never touches an address outside the approved scope or excluded, and says why', async () => {
    const outside = await tcp('127.0.0.9', { kind: 'banner', text: 'x' })
    const excluded = await tcp('127.0.0.10', { kind: 'banner', text: 'x' })
    const fragile = await tcp('127.0.0.11', { kind: 'banner', text: 'x' })
    const result = await runScan(
      {
        targets: ['127.0.0.9', '127.0.0.10', '127.0.0.11'],
        approvedScopes: ['127.0.0.10-11'],
        exclusions: [{ target: '127.0.0.10', reason: 'ventilator, never scan' }],
        fragileAddresses: ['127.0.0.11'],
        ports: `T:${outside.port},${excluded.port},${fragile.port}`,
      },
      { probes: [], neighbours: noNeighbours },
    )
    expect(result.hosts).toEqual([])
    expect(result.skipped).toEqual([
      { address: '127.0.0.9', reason: 'outside every approved scope' },
      { address: '127.0.0.10', reason: 'excluded (ventilator, never scan; entry 127.0.0.10)' },
      { address: '127.0.0.11', reason: 'marked fragile in the ledger: the gentle profile does not scan it' },
    ])
    expect(outside.accepts.length + excluded.accepts.length + fragile.accepts.length).toBe(0)
  })

  it('rejects a probe connection that leaves the scope', async () => {
    const inside = await tcp('127.0.0.12', { kind: 'banner', text: 'x' })
    const outside = await tcp('127.0.0.13', { kind: 'banner', text: 'x' })
    let message = ''
    const sneaky: Probe = {
      ...readProbe,
      id: 'test-sneaky',
      async run(_target, { net }) {
        try {
          await net.connect('127.0.0.13', outside.port)
          return { kind: 'observed', facts: {}, evidence: 'escaped' }
        } catch (e) {
          message = e instanceof Error ? e.message : String(e)
          return { kind: 'unreachable', reason: message }
        }
      },
    }
    await runScan(
      {
        targets: ['127.0.0.12'],
        approvedScopes: ['127.0.0.12'],
        ports: String(inside.port),
        profile: 'standard',
        overrides: quick,
      },
      { probes: [sneaky], neighbours: noNeighbours },
    )
    expect(message).toMatch(/Refusing to contact 127\.0\.0\.13: outside every approved scope/)
    expect(outside.accepts).toEqual([])
  })

  it('stops at once on abort and keeps partial results marked incomplete', async () => {
    const open = await tcp('127.0.0.14', { kind: 'banner', text: 'x' })
    const all = Array.from({ length: 65535 }, (_, i) => i + 1).filter((p) => p !== open.port)
    const controller = new AbortController()
    const events: number[] = []
    // Stop shortly after the open port (scanned first) has been answered: not after a fixed time from the start,
    // since a loaded machine may not have reached the first port yet.
    const answered = setInterval(() => {
      if (open.accepts.length > 0) {
        clearInterval(answered)
        setTimeout(() => controller.abort(), 300)
      }
    }, 10)
    const result = await runScan(
      {
        targets: ['127.0.0.14'],
        approvedScopes: SCOPE,
        ports: { tcp: [open.port, ...all], udp: [] },
        profile: 'gentle',
        assumeUp: true,
      },
      {
        probes: [],
        neighbours: noNeighbours,
        signal: controller.signal,
        onProgress: (e) => events.push(e.portsScanned),
      },
    )
    expect(result.stopped).toBe(true)
    expect(result.hosts[0]).toMatchObject({ address: '127.0.0.14', state: 'up', complete: false })
    // The first port was answered before the stop and is kept.
    expect(result.hosts[0]!.services.map((s) => s.port)).toEqual([open.port])
    // Gentle: 5 new connections per second per host, so a handful of ports before the stop, far from 65 535.
    expect(result.stats.portsScanned).toBeGreaterThanOrEqual(1)
    expect(result.stats.portsScanned).toBeLessThan(50)
    expect(events.length).toBeGreaterThan(0)
  })

  it('stops a fast full-range sweep at once', async () => {
    const controller = new AbortController()
    // Aborted 200 ms in (while the sweep threads start or run); what matters is that it stops short of the range.
    setTimeout(() => controller.abort(), 200)
    const result = await runScan(
      { targets: ['127.0.0.15', '127.0.0.16'], approvedScopes: SCOPE, ports: '-', profile: 'fast', assumeUp: true },
      { probes: [], neighbours: noNeighbours, signal: controller.signal },
    )
    expect(result.stopped).toBe(true)
    expect(result.hosts.every((h) => !h.complete)).toBe(true)
    expect(result.stats.portsScanned).toBeLessThan(2 * 65535)
  })
})
