import dgram from 'node:dgram'
import net from 'node:net'

/**
 * Fake services for discovery tests, on loopback only (the whole 127.0.0.0/8 is local on Linux, and ::1). Each
 * server records when connections arrive so tests can prove the engine's rate and concurrency caps at the target.
 */

export type Behaviour =
  /** Sends a line at once and keeps the connection until the client closes. */
  | { kind: 'banner'; text: string }
  /** Accepts and never sends anything (a stalled device). */
  | { kind: 'silent' }
  /** Accepts then resets the connection (RST). */
  | { kind: 'reset' }

export interface TcpServer {
  host: string
  port: number
  /** performance.now() of every accepted connection. */
  accepts: number[]
  /** Highest number of connections open at once. */
  maxOpen: number
  close(): Promise<void>
}

/** Connections open at once across several servers of one host (the host-wide view of concurrency). */
export interface HostCounter {
  open: number
  maxOpen: number
}

/** Starts a TCP server on host:port (0 = any free port); `counter` aggregates concurrency across servers. */
export async function startTcp(
  host: string,
  behaviour: Behaviour,
  port = 0,
  counter: HostCounter = { open: 0, maxOpen: 0 },
): Promise<TcpServer> {
  const sockets = new Set<net.Socket>()
  const state = { accepts: [] as number[], maxOpen: 0 }
  const server = net.createServer((s) => {
    state.accepts.push(performance.now())
    sockets.add(s)
    state.maxOpen = Math.max(state.maxOpen, sockets.size)
    counter.open++
    counter.maxOpen = Math.max(counter.maxOpen, counter.open)
    s.on('error', () => {})
    // The client's side is closed as soon as its FIN (or RST) arrives: count it as closed from then on.
    let counted = true
    const gone = () => {
      if (counted) counter.open--
      counted = false
    }
    s.on('end', gone)
    s.on('close', () => {
      sockets.delete(s)
      gone()
    })
    if (behaviour.kind === 'banner') s.write(behaviour.text)
    else if (behaviour.kind === 'reset') s.resetAndDestroy()
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen({ host, port, backlog: 511 }, () => resolve())
  })
  const addr = server.address()
  if (addr === null || typeof addr === 'string') throw new Error('no address')
  return {
    host,
    port: addr.port,
    get accepts() {
      return state.accepts
    },
    get maxOpen() {
      return state.maxOpen
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy()
        server.close(() => resolve())
      }),
  }
}

/** Several banner servers on one host sharing one {@link HostCounter}. */
export async function startMany(
  host: string,
  count: number,
  text = 'HELLO\r\n',
  counter: HostCounter = { open: 0, maxOpen: 0 },
): Promise<TcpServer[]> {
  const out: TcpServer[] = []
  for (let i = 0; i < count; i++) out.push(await startTcp(host, { kind: 'banner', text }, 0, counter))
  return out
}

/** A port on host where nothing listens (bound, then released). */
export async function closedPort(host: string): Promise<number> {
  const s = await startTcp(host, { kind: 'silent' })
  await s.close()
  return s.port
}

/** Highest number of timestamps inside any half-open window [t, t + windowMs) that starts at a timestamp. */
export function maxInWindow(times: readonly number[], windowMs = 1000): number {
  const t = [...times].sort((a, b) => a - b)
  let best = 0
  let j = 0
  for (let i = 0; i < t.length; i++) {
    while (j < t.length && t[j]! < t[i]! + windowMs) j++
    best = Math.max(best, j - i)
  }
  return best
}

export interface UdpServer {
  port: number
  received: number
  close(): Promise<void>
}

/** A UDP server that answers every datagram with `reply` (null = never answers). */
export async function startUdp(host: string, reply: Buffer | null): Promise<UdpServer> {
  const sock = dgram.createSocket(host.includes(':') ? 'udp6' : 'udp4')
  const state = { received: 0 }
  sock.on('message', (_msg, rinfo) => {
    state.received++
    if (reply) sock.send(reply, rinfo.port, rinfo.address)
  })
  await new Promise<void>((resolve) => sock.bind(0, host, () => resolve()))
  return {
    port: sock.address().port,
    get received() {
      return state.received
    },
    close: () => new Promise<void>((resolve) => sock.close(() => resolve())),
  }
}
