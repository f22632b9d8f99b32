/**
 * A TCP server on 127.0.0.1 (random port) for fake devices in probe tests. Counts connections so tests can
 * check how many a probe opened.
 */
import net from 'node:net'

export interface FakeServer {
  port: number
  /** Connections accepted so far. */
  connections: number
  close(): Promise<void>
}

/** Starts `handler` for every connection on 127.0.0.1:<random port>. */
export async function startTcpServer(handler: (socket: net.Socket) => void): Promise<FakeServer> {
  const sockets = new Set<net.Socket>()
  const state = { connections: 0 }
  const server = net.createServer((socket) => {
    state.connections += 1
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    socket.on('error', () => socket.destroy())
    handler(socket)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('fake server has no TCP address')
  return {
    port: address.port,
    get connections() {
      return state.connections
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy()
        server.close(() => resolve())
      }),
  }
}

/** Collects bytes from a socket and calls `onData` with everything received so far. */
export function accumulate(socket: net.Socket, onData: (all: Buffer) => void): void {
  let all = Buffer.alloc(0)
  socket.on('data', (d: Buffer) => {
    all = Buffer.concat([all, d])
    onData(all)
  })
}

/** A port on 127.0.0.1 that nothing listens on (bound, then closed). */
export async function closedPort(): Promise<number> {
  const s = net.createServer()
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve))
  const a = s.address()
  await new Promise<void>((resolve) => s.close(() => resolve()))
  if (a === null || typeof a === 'string') throw new Error('no port')
  return a.port
}
