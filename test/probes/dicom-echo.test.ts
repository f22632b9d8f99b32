import { spawn } from 'node:child_process'
import { afterEach, describe, expect, it } from 'vitest'
import { dicomEcho } from '../../src/probes/dicom-echo.js'
import { startBannerServer, startSilentServer } from '../fakes/banner-server.js'
import { startFakeDicom } from '../fakes/dicom-scp.js'
import { closedPort, type FakeServer } from '../fakes/tcp-server.js'
import { hasProgram, requireProgram, target } from './helpers.js'
import { loopbackContext } from './loopback-net.js'

let server: FakeServer | null = null
afterEach(async () => {
  await server?.close()
  server = null
})

describe('dicom-echo', () => {
  it('flags an SCP that accepts any called AE title and reads its implementation', async () => {
    server = await startFakeDicom({
      accept: 'any',
      implementationUid: '1.2.840.113619.6.999',
      versionName: 'FAKE_SCP_1',
    })
    const r = await dicomEcho.run(target(server.port), loopbackContext())
    expect(r.kind).toBe('observed')
    if (r.kind !== 'observed') return
    expect(r.facts).toMatchObject({
      association: 'accepted',
      acceptsAnyAet: true,
      calledAeTitle: 'MAMORI-ANY',
      implementationClassUid: '1.2.840.113619.6.999',
      implementationVersionName: 'FAKE_SCP_1',
      maxPduLength: 32768,
      echoStatus: 0,
      released: true,
    })
    expect(r.evidence).toMatch(/^> 01/) // the A-ASSOCIATE-RQ went out first
    expect(server.connections).toBe(1)
  })

  it('reports the reject reason when the called AE title is checked', async () => {
    server = await startFakeDicom({ accept: 'PACS1' })
    const r = await dicomEcho.run(target(server.port), loopbackContext())
    expect(r.kind).toBe('observed')
    if (r.kind !== 'observed') return
    expect(r.facts.acceptsAnyAet).toBe(false)
    expect(r.facts.association).toBe('rejected')
    expect(r.facts.reject).toMatchObject({ result: 1, source: 1, reason: 7 })
    expect(r.facts.reject?.text).toContain('called AE title not recognized')
  })

  it('keeps partial facts when the SCP stalls after accepting', async () => {
    server = await startFakeDicom({ accept: 'any', afterAccept: 'stall' })
    const r = await dicomEcho.run(target(server.port), loopbackContext({ timeoutMs: 300 }))
    expect(r.kind).toBe('incomplete')
    if (r.kind !== 'incomplete') return
    expect(r.facts.acceptsAnyAet).toBe(true)
    expect(r.reason).toMatch(/C-ECHO/)
  })

  it('says absent for a service that is not DICOM', async () => {
    server = await startBannerServer('HTTP/1.1 400 Bad Request\r\n\r\n')
    expect((await dicomEcho.run(target(server.port), loopbackContext())).kind).toBe('absent')
  })

  it('says absent for a silent service and unreachable for a closed port', async () => {
    server = await startSilentServer()
    expect((await dicomEcho.run(target(server.port), loopbackContext({ timeoutMs: 200 }))).kind).toBe('absent')
    expect((await dicomEcho.run(target(await closedPort()), loopbackContext())).kind).toBe('unreachable')
  })

  it('applies to DICOM ports and services only', () => {
    expect(dicomEcho.applies(target(104))).toBe(true)
    expect(dicomEcho.applies(target(5000, { service: 'dicom' }))).toBe(true)
    expect(dicomEcho.applies(target(80))).toBe(false)
    expect(dicomEcho.applies(target(104, { transport: 'udp' }))).toBe(false)
  })

  it('talks to a real dcmtk storescp', async () => {
    if (!requireProgram(await hasProgram('storescp'), 'dcmtk storescp', 'apt-get install dcmtk')) return
    const port = await closedPort()
    const scp = spawn('storescp', ['--aetitle', 'LABSCP', '--output-directory', '/tmp', String(port)], {
      stdio: 'ignore',
    })
    try {
      // storescp needs a moment to listen; poll with the probe itself (unreachable until then).
      let r = await dicomEcho.run(target(port), loopbackContext())
      for (let i = 0; i < 20 && r.kind === 'unreachable'; i++) {
        await new Promise((res) => setTimeout(res, 100))
        r = await dicomEcho.run(target(port), loopbackContext())
      }
      expect(r.kind).toBe('observed')
      if (r.kind !== 'observed') return
      // storescp accepts any called AE title unless configured otherwise: exactly the weakness we look for.
      expect(r.facts.acceptsAnyAet).toBe(true)
      expect(r.facts.implementationClassUid).toMatch(/^1\.2\.276\.0\.7230010\.3\./)
      expect(r.facts.implementationVersionName).toMatch(/^OFFIS_DCMTK_/)
      expect(r.facts.echoStatus).toBe(0)
      expect(r.facts.released).toBe(true)
    } finally {
      scp.kill()
    }
  })
})
