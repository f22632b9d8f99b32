/**
 * Stream dissectors on bytes built from the standards (and the active probes' own encoders): split at every offset
 * they give the same events as whole; odd and hostile input ends the flow quietly.
 */
import { connect, createServer, type Socket } from 'node:net'
import { connect as tlsConnect, createServer as tlsCreateServer } from 'node:tls'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PassiveEvent } from '../../../src/passive/contract.js'
import { dicomDissector } from '../../../src/passive/dissectors/dicom.js'
import { ftpDissector } from '../../../src/passive/dissectors/ftp.js'
import { hl7Dissector } from '../../../src/passive/dissectors/hl7.js'
import { httpDissector } from '../../../src/passive/dissectors/http.js'
import { ja4 } from '../../../src/passive/dissectors/ja4.js'
import { rdpDissector } from '../../../src/passive/dissectors/rdp.js'
import { telnetDissector } from '../../../src/passive/dissectors/telnet.js'
import { tlsDissector } from '../../../src/passive/dissectors/tls.js'
import { encodeAssociateRq } from '../../../src/probes/dicom-pdu.js'
import { frameMllp } from '../../../src/probes/hl7-mllp.js'
import { makeSelfSigned, type TestCertificate } from '../../fakes/certificates.js'
import { bytes, stream, u16, u32 } from './helpers.js'

const strip = (events: PassiveEvent[]) => events.map(({ at: _at, ...e }) => e)

describe('split anywhere, same facts', () => {
  const cases = [
    {
      name: 'DICOM',
      d: dicomDissector,
      turns: [['client', encodeAssociateRq('PACS_ARCHIVE', 'WARD_VIEWER')]] as const,
    },
    {
      name: 'HL7 (two messages, MLLP)',
      d: hl7Dissector,
      turns: [
        [
          'client',
          bytes(
            frameMllp('MSH|^~\\&|LAB|HOSP|EMR|HOSP|20261203||ORU^R01^ORU_R01|1|P|2.5.1\rPID|1||SECRET-PATIENT\r'),
            frameMllp('MSH|^~\\&|LAB|HOSP|EMR|HOSP|20261203||ADT^A08|2|P|2.3\r'),
          ),
        ],
      ] as const,
    },
    {
      name: 'FTP',
      d: ftpDissector,
      turns: [
        ['server', bytes('220 Welcome to the analyser\r\n')],
        ['client', bytes('USER service\r\n')],
        ['server', bytes('331 Password please\r\n')],
        ['client', bytes('PASS Very-Secret-1\r\n')],
        ['server', bytes('230 Logged in\r\n')],
      ] as const,
    },
    {
      name: 'HTTP Basic',
      d: httpDissector,
      turns: [
        [
          'client',
          bytes('GET /admin HTTP/1.1\r\nHost: pump-server.local\r\nAuthorization: Basic YWRtaW46aHVudGVyMg==\r\n\r\n'),
        ],
        [
          'server',
          bytes(
            'HTTP/1.1 200 OK\r\nServer: PumpAdmin/1\r\nContent-Type: text/html\r\nContent-Length: 62\r\n\r\n<html><title>Pump admin</title><input type="password"></html>',
          ),
        ],
      ] as const,
    },
  ]
  for (const c of cases)
    it(`${c.name}: one byte at a time gives what the whole gives`, () => {
      const whole = strip(
        stream(
          c.d,
          c.turns.map(([d, b]) => [d, b]),
        ),
      )
      expect(whole.length).toBeGreaterThan(0)
      for (const piece of [1, 2, 3, 7, 13])
        expect(
          strip(
            stream(
              c.d,
              c.turns.map(([d, b]) => [d, b]),
              piece,
            ),
          ),
        ).toEqual(whole)
    })

  it('HL7 reads only MSH: both messages, never the patient segment', () => {
    const events = stream(hl7Dissector, [['client', cases[1]?.turns[0]?.[1] as Uint8Array]])
    expect(events.map((e) => e.kind === 'hl7-message' && `${e.messageType} ${e.version}`)).toEqual([
      'ORU^R01 2.5.1',
      'ADT^A08 2.3',
    ])
    expect(JSON.stringify(events)).not.toContain('SECRET-PATIENT')
  })

  it('HTTP Basic keeps the user and drops the password; the page is a login form', () => {
    const events = stream(httpDissector, cases[3]?.turns.map(([d, b]) => [d, b]) ?? [])
    expect(JSON.stringify(events)).not.toContain('hunter2')
    expect(events.find((e) => e.kind === 'cleartext-login')).toMatchObject({
      user: 'admin',
      accepted: true,
      protocol: 'http-basic',
    })
    expect(events.find((e) => e.kind === 'http-response')).toMatchObject({
      title: 'Pump admin',
      passwordForm: true,
      server: 'PumpAdmin/1',
    })
    expect(events.find((e) => e.kind === 'name')).toMatchObject({ name: 'pump-server.local', address: '10.1.0.9' })
  })

  it('FTP never keeps the password', () => {
    const events = stream(ftpDissector, cases[2]?.turns.map(([d, b]) => [d, b]) ?? [])
    expect(JSON.stringify(events)).not.toContain('Very-Secret')
    expect(events.find((e) => e.kind === 'cleartext-login')).toMatchObject({ user: 'service', accepted: true })
  })
})

describe('Telnet', () => {
  it('collects the typed user name one key per packet (backspace honoured), never the password', () => {
    const typed = 'nursx\x7fe\r\n'
    const turns: ['client' | 'server', Uint8Array][] = [
      ['server', bytes([0xff, 0xfd, 0x18, 0xff, 0xfb, 0x01], '\r\nMonitor gateway\r\nlogin: ')],
      ...[...typed].map((c) => ['client', bytes(c)] as ['client', Uint8Array]),
      ['server', bytes('nurse\r\nPassword: ')],
      ...[...'Pw-Secret\r\n'].map((c) => ['client', bytes(c)] as ['client', Uint8Array]),
      ['server', bytes('\r\nLast login: Tue\r\n$ ')],
    ]
    const events = stream(telnetDissector, turns, Number.POSITIVE_INFINITY, {
      transport: 'tcp',
      client: '10.1.0.5',
      clientPort: 40000,
      server: '10.1.0.9',
      serverPort: 23,
    })
    expect(events.find((e) => e.kind === 'cleartext-login')).toMatchObject({ user: 'nurse', accepted: true })
    expect(events.find((e) => e.kind === 'banner')).toMatchObject({ text: 'Monitor gateway' })
    expect(JSON.stringify(events)).not.toContain('Pw-Secret')
  })
})

describe('RDP', () => {
  it('reads the cookie user and the protocols asked for and selected (standard RDP security: no NLA)', () => {
    const cookie = 'Cookie: mstshash=ward-pc\r\n'
    const neg = [0x01, 0x00, 0x08, 0x00, 0x03, 0x00, 0x00, 0x00]
    const cr = bytes(
      [0x03, 0x00, ...u16(11 + cookie.length + 8), 6 + cookie.length + 8, 0xe0, 0, 0, 0, 0, 0],
      cookie,
      neg,
    )
    const cc = bytes(
      [0x03, 0x00, 0x00, 0x13, 0x0e, 0xd0, 0, 0, 0x12, 0x34, 0],
      [0x02, 0x00, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00],
    )
    const events = stream(rdpDissector, [
      ['client', cr],
      ['server', cc],
    ])
    expect(events.map((e) => e.kind === 'rdp' && [e.side, e.protocols, e.cookieUser])).toEqual([
      ['request', 3, 'ward-pc'],
      ['response', 0, null],
    ])
  })
})

describe('TLS, recorded from a real Node TLS client and server on loopback', () => {
  let cert: TestCertificate
  let turns: ['client' | 'server', Uint8Array][] = []
  const servers: { close(): void }[] = []

  beforeAll(async () => {
    cert = makeSelfSigned('infusion-gw.example.invalid', 1024)
    const tls = tlsCreateServer(
      { key: cert.key, cert: cert.cert, maxVersion: 'TLSv1.2', ALPNProtocols: ['http/1.1'] },
      (s) => s.end(),
    )
    await new Promise<void>((r) => tls.listen(0, '127.0.0.1', r))
    servers.push(tls)
    const tlsPort = (tls.address() as { port: number }).port
    // A relay that records both directions, as a mirror port would see them.
    const relay = createServer((inbound: Socket) => {
      const outbound = connect(tlsPort, '127.0.0.1')
      inbound.on('data', (c: Buffer) => {
        turns.push(['client', new Uint8Array(c)])
        outbound.write(c)
      })
      outbound.on('data', (c: Buffer) => {
        turns.push(['server', new Uint8Array(c)])
        inbound.write(c)
      })
      inbound.on('close', () => outbound.destroy())
      outbound.on('close', () => inbound.destroy())
    })
    await new Promise<void>((r) => relay.listen(0, '127.0.0.1', r))
    servers.push(relay)
    const port = (relay.address() as { port: number }).port
    await new Promise<void>((resolve) => {
      const c = tlsConnect({
        host: '127.0.0.1',
        port,
        servername: 'infusion-gw.example.invalid',
        rejectUnauthorized: false,
        ALPNProtocols: ['h2', 'http/1.1'],
      })
      c.on('secureConnect', () => c.end())
      c.on('close', () => resolve())
      c.on('error', () => resolve())
    })
    turns = turns.filter(([, b]) => b.length > 0)
  }, 30_000)

  afterAll(() => {
    for (const s of servers) s.close()
  })

  it('ClientHello: versions offered, SNI, ALPN and a JA4 of the right shape', () => {
    const events = stream(tlsDissector, turns, Number.POSITIVE_INFINITY, {
      transport: 'tcp',
      client: '10.1.0.5',
      clientPort: 50000,
      server: '10.1.0.9',
      serverPort: 443,
    })
    const hello = events.find((e) => e.kind === 'tls-client-hello')
    expect(hello).toMatchObject({ sni: 'infusion-gw.example.invalid', alpn: ['h2', 'http/1.1'] })
    if (hello?.kind !== 'tls-client-hello') throw new Error('no hello')
    expect(hello.versions).toContain('TLS 1.3')
    expect(hello.ja4).toMatch(/^t13d\d{4}h2_[0-9a-f]{12}_[0-9a-f]{12}$/)
    const server = events.find((e) => e.kind === 'tls-server-hello')
    expect(server).toMatchObject({ version: 'TLS 1.2' })
    const c = events.find((e) => e.kind === 'tls-certificate')
    expect(c).toMatchObject({ selfSigned: true, publicKey: 'RSA 1024' })
    if (c?.kind !== 'tls-certificate') throw new Error('no certificate')
    expect(c.subject).toContain('infusion-gw.example.invalid')
    expect(Date.parse(c.notAfter)).toBeGreaterThan(Date.now())
  })

  it('gives the same facts byte by byte', () => {
    const flow = {
      transport: 'tcp' as const,
      client: '10.1.0.5',
      clientPort: 50000,
      server: '10.1.0.9',
      serverPort: 443,
    }
    const whole = strip(stream(tlsDissector, turns, Number.POSITIVE_INFINITY, flow))
    expect(strip(stream(tlsDissector, turns, 5, flow))).toEqual(whole)
  })
})

describe('JA4', () => {
  it('ignores GREASE, sorts ciphers and extensions, leaves SNI and ALPN out of the extension hash', () => {
    const base = {
      legacyVersion: 0x0303,
      supportedVersions: [0x0a0a, 0x0304, 0x0303],
      ciphers: [0x1a1a, 0x1301, 0x1302, 0xc02b],
      extensions: [0x2a2a, 0x0000, 0x0010, 0x000d, 0x002b],
      sni: true,
      alpn: ['h2'],
      signatureAlgorithms: [0x0403, 0x0804],
    }
    const a = ja4(base)
    expect(a.startsWith('t13d0304h2_')).toBe(true)
    // Order of ciphers and extensions does not matter; GREASE does not count.
    expect(ja4({ ...base, ciphers: [0xc02b, 0x1302, 0x1301], extensions: [0x002b, 0x000d, 0x0010, 0x0000] })).toBe(a)
    // The signature algorithms' order does.
    expect(ja4({ ...base, signatureAlgorithms: [0x0804, 0x0403] })).not.toBe(a)
    expect(ja4({ ...base, sni: false, alpn: [] }).slice(0, 10)).toBe('t13i030400')
  })
})

describe('refusals', () => {
  it("does not take other protocols' bytes", () => {
    const flow = {
      transport: 'tcp' as const,
      client: '10.1.0.5',
      clientPort: 50000,
      server: '10.1.0.9',
      serverPort: 8080,
    }
    expect(dicomDissector.detect(bytes('GET / HTTP/1.1\r\n'), 'client', flow)).toBe(false)
    expect(httpDissector.detect(encodeAssociateRq('A', 'B'), 'client', flow)).toBe(false)
    expect(tlsDissector.detect(bytes('MSH|^~\\&|'), 'client', flow)).toBe(false)
    expect(hl7Dissector.detect(bytes([0x16, 3, 1, 0, 5, 1]), 'client', flow)).toBe(false)
  })

  it('a DICOM PDU claiming 1 GB ends the flow instead of buffering it', () => {
    const rq = encodeAssociateRq('PACS', 'VIEW').slice()
    rq.set(u32(0x3fffffff), 2)
    const parser = dicomDissector.open(
      { transport: 'tcp', client: 'a', clientPort: 1, server: 'b', serverPort: 104 },
      () => {},
      { client: null, server: null },
    )
    expect(parser.data('client', rq, { packet: 1, timeUs: 1 }, false)).toBe('done')
  })
})
