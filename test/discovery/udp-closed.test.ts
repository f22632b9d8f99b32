import { createSocket } from 'node:dgram'
import { describe, expect, it } from 'vitest'
import { runScan } from '../../src/scanner/engine.js'

describe('UDP port states', () => {
  it('marks a UDP port closed when the host answers ICMP port unreachable, after one attempt', async () => {
    // Nothing listens on 127.0.0.77:161, so the kernel answers "port unreachable".
    const r = await runScan({
      targets: ['127.0.0.77'],
      approvedScopes: ['127.0.0.77'],
      ports: 'U:161',
      profile: 'standard',
      assumeUp: true,
    })
    const svc = r.hosts[0]?.services.find((s) => s.port === 161 && s.transport === 'udp')
    expect(svc?.state).toBe('closed')
    expect(svc?.probes.map((p) => p.outcome)).toEqual(['unreachable'])
  })

  it('keeps a silent UDP port open|filtered', async () => {
    // A socket that receives and never answers: no ICMP error, no reply.
    const sink = createSocket('udp4')
    await new Promise<void>((resolve) => sink.bind(0, '127.0.0.78', resolve))
    const port = sink.address().port
    try {
      const r = await runScan({
        targets: ['127.0.0.78'],
        approvedScopes: ['127.0.0.78'],
        ports: `U:${port}`,
        profile: 'fast',
        assumeUp: true,
      })
      expect(r.hosts[0]?.services.find((s) => s.port === port)?.state).toBe('open|filtered')
    } finally {
      sink.close()
    }
  })
})
