import net from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { BoundedSocket } from './probe-socket.js'

const cleanups: (() => void)[] = []
afterEach(() => {
  for (const c of cleanups.splice(0)) c()
})

async function pair(onServer: (s: net.Socket) => void): Promise<{ sock: BoundedSocket; closed: () => number }> {
  const server = net.createServer((s) => {
    s.on('error', () => {})
    onServer(s)
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
  const addr = server.address()
  if (!addr || typeof addr === 'string') throw new Error('no port')
  const client = net.connect(addr.port, '127.0.0.1')
  client.on('error', () => {})
  await new Promise<void>((r) => client.once('connect', () => r()))
  let closes = 0
  const sock = new BoundedSocket(client, 300, () => closes++)
  cleanups.push(() => {
    sock.close()
    server.close()
  })
  return { sock, closed: () => closes }
}

describe('BoundedSocket', () => {
  it('read returns at most maxBytes and keeps the rest for the next read', async () => {
    const { sock } = await pair((s) => s.write('hello world'))
    expect((await sock.read({ maxBytes: 5 })).toString()).toBe('hello')
    expect((await sock.read()).toString()).toBe(' world')
  })

  it('read rejects after its timeout when the peer stalls', async () => {
    const { sock } = await pair(() => {})
    await expect(sock.read({ timeoutMs: 50 })).rejects.toThrow('no reply within 50 ms')
  })

  it('read rejects when the peer closes with nothing sent, and reports a reset', async () => {
    const { sock } = await pair((s) => s.end())
    await expect(sock.read()).rejects.toThrow(/closed by peer/)
    const r = await pair((s) => setTimeout(() => s.resetAndDestroy(), 30))
    await expect(r.sock.read()).rejects.toThrow(/ECONNRESET|closed/)
  })

  it('readUntil stops at the predicate, at the size cap, or returns what it has at the timeout', async () => {
    const a = await pair((s) => s.write('line1\r\nline2'))
    expect((await a.sock.readUntil((b) => b.includes('\r\n'))).toString()).toMatch(/^line1\r\n/)
    const b = await pair((s) => s.write('x'.repeat(5000)))
    expect((await b.sock.readUntil(() => false, { maxBytes: 1000 })).length).toBe(1000)
    const c = await pair((s) => s.write('partial'))
    expect((await c.sock.readUntil(() => false, { timeoutMs: 80 })).toString()).toBe('partial')
  })

  it('a predicate that throws on hostile bytes ends the read instead of crashing', async () => {
    const { sock } = await pair((s) => s.write('\xff\xfe'))
    const buf = await sock.readUntil(() => {
      throw new Error('bad parser')
    })
    expect(buf.length).toBeGreaterThan(0)
  })

  it('close releases exactly once, and writes after close fail cleanly', async () => {
    const { sock, closed } = await pair(() => {})
    sock.close()
    sock.close()
    expect(closed()).toBe(1)
    await expect(sock.write('x')).rejects.toThrow(/closed/)
    expect(sock.tlsInfo()).toBeNull()
  })
})
