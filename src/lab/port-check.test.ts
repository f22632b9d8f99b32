import { createSocket, type Socket as UdpSocket } from 'node:dgram'
import { createServer, type Server } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { checkPort, SNMP_GET_SYSDESCR, waitForPorts } from './port-check.js'

describe('lab port check (loopback)', () => {
  let tcp: Server
  let udp: UdpSocket
  let tcpPort = 0
  let udpPort = 0
  let closedPort = 0
  const received: Buffer[] = []

  beforeAll(async () => {
    tcp = createServer((s) => s.end())
    await new Promise<void>((r) => tcp.listen(0, '127.0.0.1', r))
    const a = tcp.address()
    tcpPort = typeof a === 'object' && a ? a.port : 0
    // A port that was free a moment ago: nothing listens there now.
    const tmp = createServer()
    await new Promise<void>((r) => tmp.listen(0, '127.0.0.1', r))
    const b = tmp.address()
    closedPort = typeof b === 'object' && b ? b.port : 0
    await new Promise<void>((r) => tmp.close(() => r()))
    udp = createSocket('udp4')
    udp.on('message', (msg, rinfo) => {
      received.push(msg)
      udp.send(Buffer.from([0x30, 0x00]), rinfo.port, rinfo.address)
    })
    await new Promise<void>((r) => udp.bind(0, '127.0.0.1', r))
    udpPort = udp.address().port
  })
  afterAll(async () => {
    await new Promise<void>((r) => tcp.close(() => r()))
    await new Promise<void>((r) => udp.close(() => r()))
  })

  it('sees an open and a closed TCP port', async () => {
    expect(await checkPort({ address: '127.0.0.1', port: tcpPort, transport: 'tcp' }, 1000)).toMatchObject({
      open: true,
      error: null,
    })
    const closed = await checkPort({ address: '127.0.0.1', port: closedPort, transport: 'tcp' }, 1000)
    expect(closed).toMatchObject({ open: false, error: 'ECONNREFUSED' })
  })

  it('sends a well-formed SNMP GET and counts any reply as open', async () => {
    const r = await checkPort({ address: '127.0.0.1', port: udpPort, transport: 'udp' }, 1000)
    expect(r.open).toBe(true)
    const msg = received.at(-1)
    expect(msg && Uint8Array.from(msg)).toEqual(SNMP_GET_SYSDESCR)
    // Outer SEQUENCE length covers the rest of the datagram exactly (BER definite length).
    expect(SNMP_GET_SYSDESCR[1]).toBe(SNMP_GET_SYSDESCR.length - 2)
    expect(Buffer.from(SNMP_GET_SYSDESCR.subarray(7, 13)).toString()).toBe('public')
  })

  it('gives up on a port that never opens by the deadline', async () => {
    const [r] = await waitForPorts([{ address: '127.0.0.1', port: closedPort, transport: 'tcp' }], {
      deadlineMs: 400,
      intervalMs: 50,
    })
    expect(r?.open).toBe(false)
  })

  it('waits for a port that opens late', async () => {
    const late = createServer((s) => s.end())
    setTimeout(() => late.listen(closedPort, '127.0.0.1'), 300)
    try {
      const [r] = await waitForPorts([{ address: '127.0.0.1', port: closedPort, transport: 'tcp' }], {
        deadlineMs: 3000,
        intervalMs: 50,
      })
      expect(r?.open).toBe(true)
    } finally {
      await new Promise<void>((r) => late.close(() => r()))
    }
  })
})
