import net from 'node:net'
import { afterEach, describe, expect, it, vi } from 'vitest'

/** A fresh copy of the module, with or without the portable path forced (the choice is made once per module). */
async function load(portable: boolean) {
  vi.resetModules()
  vi.stubEnv('MAMORI_NET_PORTABLE', portable ? '1' : '')
  return import('./tcp-connect.js')
}

afterEach(() => {
  vi.unstubAllEnvs()
})

async function listener(): Promise<{ port: number; close: () => Promise<void> }> {
  const s = net.createServer((c) => c.destroy())
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()))
  const port = (s.address() as net.AddressInfo).port
  return { port, close: () => new Promise((r) => s.close(() => r())) }
}

async function closedPort(): Promise<number> {
  const l = await listener()
  await l.close()
  return l.port
}

describe.each([
  ['tcp_wrap', false],
  ['net', true],
] as const)('slotConnector (%s)', (impl, portable) => {
  it('reports open and closed ports by slot, once each, never synchronously', async () => {
    const m = await load(portable)
    expect(m.connectImplementation()).toBe(impl)
    const open = await listener()
    const closed = await closedPort()
    const seen: [number, string, string][] = []
    const done = new Promise<void>((resolve) => {
      const c = m.slotConnector((slot, outcome, detail) => {
        seen.push([slot, outcome, detail])
        if (seen.length === 2) resolve()
      })
      expect(c.start(0, '127.0.0.1', open.port, 4)).toBeNull()
      expect(c.start(5, '127.0.0.1', closed, 4)).toBeNull()
      expect(c.live).toBe(2)
      // Nothing is reported from inside start().
      expect(seen).toEqual([])
    })
    await done
    expect(seen.sort((a, b) => a[0] - b[0])).toEqual([
      [0, 'open', ''],
      [5, 'closed', 'ECONNREFUSED'],
    ])
    await open.close()
  })

  it('a cancelled attempt never calls back, and its slot can be reused at once', async () => {
    const m = await load(portable)
    const open = await listener()
    const seen: [number, string][] = []
    const c = m.slotConnector((slot, outcome) => seen.push([slot, outcome]))
    expect(c.start(1, '127.0.0.1', open.port, 4)).toBeNull()
    c.cancel(1)
    c.cancel(1)
    expect(c.live).toBe(0)
    const closed = await closedPort()
    expect(c.start(1, '127.0.0.1', closed, 4)).toBeNull()
    await vi.waitFor(() => expect(seen.length).toBe(1))
    await new Promise((r) => setTimeout(r, 50))
    expect(seen).toEqual([[1, 'closed']])
    await open.close()
  })
})
