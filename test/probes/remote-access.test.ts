import { afterEach, describe, expect, it } from 'vitest'
import { rdpDetect } from '../../src/probes/rdp-detect.js'
import { sshBanner } from '../../src/probes/ssh-banner.js'
import { vncAuth } from '../../src/probes/vnc-auth.js'
import { startBannerServer, startSilentServer } from '../fakes/banner-server.js'
import { startFakeRdp } from '../fakes/rdp-server.js'
import { closedPort, type FakeServer } from '../fakes/tcp-server.js'
import { startFakeVnc } from '../fakes/vnc-server.js'
import { target } from './helpers.js'
import { loopbackContext } from './loopback-net.js'

let server: FakeServer | null = null
afterEach(async () => {
  await server?.close()
  server = null
})

describe('ssh-banner', () => {
  it('reads the identification string after pre-banner lines', async () => {
    server = await startBannerServer('Authorised use only\r\nSSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n')
    const r = await sshBanner.run(target(server.port), loopbackContext())
    expect(r).toMatchObject({
      kind: 'observed',
      facts: {
        banner: 'SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3',
        protoVersion: '2.0',
        software: 'OpenSSH_9.2p1',
        comments: 'Debian-2+deb12u3',
      },
    })
  })

  it('uses the banner the engine already read, without connecting', async () => {
    const port = await closedPort()
    const r = await sshBanner.run(target(port, { banner: 'SSH-1.99-Cisco-1.25' }), loopbackContext())
    expect(r).toMatchObject({ kind: 'observed', facts: { protoVersion: '1.99', software: 'Cisco-1.25' } })
  })

  it('marks a broken SSH line incomplete and other services absent', async () => {
    server = await startBannerServer('SSH-\r\n', true)
    expect((await sshBanner.run(target(server.port), loopbackContext())).kind).toBe('incomplete')
    await server.close()
    server = await startBannerServer('220 ftp ready\r\n')
    expect((await sshBanner.run(target(server.port), loopbackContext({ timeoutMs: 300 }))).kind).toBe('absent')
  })
})

describe('vnc-auth', () => {
  it.each([
    ['003.008', [1, 2], true],
    ['003.008', [2, 18], false],
    ['003.007', [1], true],
    ['003.003', [2], false],
    ['003.003', [1], true],
  ] as const)('RFB %s with types %j → noAuth %s', async (version, types, noAuth) => {
    server = await startFakeVnc({ version, types: [...types] })
    const r = await vncAuth.run(target(server.port), loopbackContext())
    expect(r.kind).toBe('observed')
    if (r.kind !== 'observed') return
    expect(r.facts.noAuth).toBe(noAuth)
    expect(r.facts.serverVersion).toBe(`RFB ${version}`)
    expect(r.facts.securityTypes).toEqual(version === '003.003' ? [types[0]] : types)
  })

  it('reads the failure reason when no type is offered', async () => {
    const reason = Buffer.from('Too many security failures')
    const len = Buffer.alloc(4)
    len.writeUInt32BE(reason.length)
    server = await startBannerServer(Buffer.concat([Buffer.from('RFB 003.008\n'), Buffer.from([0]), len, reason]))
    const r = await vncAuth.run(target(server.port), loopbackContext())
    expect(r).toMatchObject({
      kind: 'observed',
      facts: { securityTypes: [], noAuth: false, failureReason: 'Too many security failures' },
    })
  })

  it('is absent on a silent port', async () => {
    server = await startSilentServer()
    expect((await vncAuth.run(target(server.port), loopbackContext({ timeoutMs: 200 }))).kind).toBe('absent')
  })
})

describe('rdp-detect', () => {
  it('NLA required: no finding material', async () => {
    const fake = await startFakeRdp('nla-required')
    server = fake
    const r = await rdpDetect.run(target(fake.port), loopbackContext())
    expect(r).toMatchObject({
      kind: 'observed',
      facts: { selectedProtocol: 'credssp', acceptsStandardRdp: false, acceptsTlsWithoutNla: false, nlaRequired: true },
    })
    expect(fake.requests).toEqual([0x0b, 0x00])
  })

  it('TLS required but NLA optional', async () => {
    const fake = await startFakeRdp('tls-required')
    server = fake
    const r = await rdpDetect.run(target(fake.port), loopbackContext())
    expect(r).toMatchObject({
      kind: 'observed',
      facts: {
        acceptsStandardRdp: false,
        acceptsTlsWithoutNla: true,
        nlaRequired: false,
        failures: ['SSL_REQUIRED_BY_SERVER'],
      },
    })
    expect(fake.requests).toEqual([0x0b, 0x00, 0x01])
  })

  it('standard RDP security accepted', async () => {
    server = await startFakeRdp('standard-allowed')
    const r = await rdpDetect.run(target(server.port), loopbackContext())
    expect(r).toMatchObject({ kind: 'observed', facts: { acceptsStandardRdp: true, nlaRequired: false } })
  })

  it('legacy server without negotiation', async () => {
    const fake = await startFakeRdp('legacy')
    server = fake
    const r = await rdpDetect.run(target(fake.port), loopbackContext())
    expect(r).toMatchObject({ kind: 'observed', facts: { selectedProtocol: 'rdp', acceptsStandardRdp: true } })
    expect(fake.requests).toHaveLength(1)
  })
})
