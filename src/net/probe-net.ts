import dgram from 'node:dgram'
import net from 'node:net'
import tls from 'node:tls'
import type { ProbeNet, ProbeSocket, TlsOptions } from '../probes/probe.js'
import type { ConnectionGate } from './gate.js'
import { BoundedSocket } from './probe-socket.js'
import { classifyError } from './tcp-connect.js'

/**
 * The network handed to probes and used for banner grabs. Every connection and datagram takes a slot from the
 * engine's {@link ConnectionGate} (scope check, rate and concurrency caps) and gives it back when the socket is
 * closed. A probe never opens a socket by itself.
 */

/** Why a connect failed, in words a probe can put into an 'unreachable' result. */
export class ConnectFailed extends Error {
  constructor(
    readonly code: string,
    readonly outcome: string,
    message: string,
  ) {
    super(message)
    this.name = 'ConnectFailed'
  }
}

export interface EngineNetOptions {
  gate: ConnectionGate
  signal: AbortSignal
  connectTimeoutMs: number
  readTimeoutMs: number
}

function familyOf(address: string): 4 | 6 {
  return net.isIPv6(address) ? 6 : 4
}

/**
 * A ProbeNet bound to one scan. Aborting the scan's signal closes every socket it opened and rejects waiting
 * connects, so "stop" is immediate.
 */
export class EngineNet implements ProbeNet {
  readonly #o: EngineNetOptions
  readonly #open = new Set<{ close(): void }>()

  constructor(opts: EngineNetOptions) {
    this.#o = opts
    opts.signal.addEventListener('abort', () => this.closeAll(), { once: true })
  }

  /** Sockets and UDP exchanges currently open. */
  get openCount(): number {
    return this.#open.size
  }

  /** Closes everything this net opened (scan stopped or finished). */
  closeAll(): void {
    for (const s of [...this.#open]) s.close()
    this.#open.clear()
  }

  async connect(
    address: string,
    port: number,
    opts: { timeoutMs?: number; tls?: TlsOptions } = {},
  ): Promise<ProbeSocket> {
    const { gate, signal } = this.#o
    await gate.acquire(address, signal)
    let released = false
    const release = () => {
      if (released) return
      released = true
      gate.release(address)
    }
    const timeoutMs = opts.timeoutMs ?? this.#o.connectTimeoutMs
    try {
      const socket = await openSocket(address, port, timeoutMs, opts.tls, signal)
      const bounded: BoundedSocket = new BoundedSocket(socket, this.#o.readTimeoutMs, () => {
        this.#open.delete(bounded)
        release()
      })
      this.#open.add(bounded)
      if (signal.aborted) bounded.close()
      return bounded
    } catch (e) {
      release()
      throw e
    }
  }

  async udpRequest(address: string, port: number, payload: Uint8Array, timeoutMs?: number): Promise<Uint8Array | null> {
    const { gate, signal } = this.#o
    await gate.acquire(address, signal)
    const wait = timeoutMs ?? this.#o.readTimeoutMs
    return new Promise((resolve, reject) => {
      const sock = dgram.createSocket(familyOf(address) === 6 ? 'udp6' : 'udp4')
      let done = false
      const handle = {
        close: () => finish(null),
      }
      const finish = (reply: Uint8Array | null, error?: Error) => {
        if (done) return
        done = true
        clearTimeout(timer)
        this.#open.delete(handle)
        try {
          sock.close()
        } catch {
          // already closed
        }
        gate.release(address)
        if (error) reject(error)
        else resolve(reply)
      }
      const fail = (err: Error) => finish(null, err)
      this.#open.add(handle)
      const timer = setTimeout(() => finish(null), wait)
      // The socket is connected, so the kernel reports an ICMP "port unreachable" as ECONNREFUSED: the port is
      // closed, which the caller learns as a PortUnreachable rejection (no point asking again). Other errors: no reply.
      sock.on('error', (err: NodeJS.ErrnoException) =>
        err.code === 'ECONNREFUSED' ? fail(new PortUnreachable(address, port)) : finish(null),
      )
      sock.on('message', (msg, rinfo) => {
        // Only the host and port we asked: anything else on this socket is not the reply.
        if (rinfo.port === port && sameAddress(rinfo.address, address)) finish(new Uint8Array(msg))
      })
      sock.connect(port, address, () => {
        sock.send(payload, (err) => {
          if (err) finish(null)
        })
      })
    })
  }
}

/** A UDP port answered with ICMP "port unreachable": nothing listens there (the port is closed). */
export class PortUnreachable extends Error {
  constructor(
    readonly address: string,
    readonly port: number,
  ) {
    super(`udp port ${port} on ${address} is closed (ICMP port unreachable)`)
    this.name = 'PortUnreachable'
  }
}

function sameAddress(a: string, b: string): boolean {
  return a === b || a === `::ffff:${b}` || b === `::ffff:${a}`
}

/**
 * Opens a plain or TLS connection with a timeout covering the TCP and TLS handshakes. TLS never verifies the peer:
 * probes inspect certificates, they never trust them, and devices commonly present self-signed or expired ones.
 */
export function openSocket(
  address: string,
  port: number,
  timeoutMs: number,
  tlsOpts: TlsOptions | undefined,
  signal: AbortSignal,
): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(new ConnectFailed('ABORTED', 'aborted', 'the scan was stopped'))
      return
    }
    let settled = false
    const socket: net.Socket = tlsOpts
      ? tls.connect({
          host: address,
          port,
          // SNI must be a host name (RFC 6066 §3), never an IP literal.
          servername: tlsOpts.servername && !net.isIP(tlsOpts.servername) ? tlsOpts.servername : undefined,
          rejectUnauthorized: false,
          minVersion: tlsOpts.minVersion,
          maxVersion: tlsOpts.maxVersion,
          // OpenSSL 3's default security level refuses TLS 1.0/1.1 and weak keys; to *detect* them we must allow them.
          ciphers: 'DEFAULT:@SECLEVEL=0',
        })
      : net.connect({ host: address, port })
    const fail = (code: string, message: string) => {
      if (settled) return
      settled = true
      cleanup()
      socket.destroy()
      reject(new ConnectFailed(code, classifyError(code), message))
    }
    const timer = setTimeout(
      () => fail('ETIMEDOUT', `no answer from ${address}:${port} within ${timeoutMs} ms`),
      timeoutMs,
    )
    const onAbort = () => fail('ABORTED', 'the scan was stopped')
    const onError = (e: NodeJS.ErrnoException) => {
      const code = e.code ?? 'ERROR'
      const what =
        code === 'ECONNREFUSED' ? 'connection refused' : code === 'ECONNRESET' ? 'connection reset' : e.message
      fail(code, `${what} (${address}:${port})`)
    }
    const cleanup = () => {
      clearTimeout(timer)
      signal.removeEventListener('abort', onAbort)
      socket.removeListener('error', onError)
      // Keep a no-op error handler for the gap before BoundedSocket attaches its own: an error must never throw.
      socket.on('error', () => {})
    }
    signal.addEventListener('abort', onAbort, { once: true })
    socket.on('error', onError)
    socket.once(tlsOpts ? 'secureConnect' : 'connect', () => {
      if (settled) return
      settled = true
      cleanup()
      resolve(socket)
    })
  })
}
