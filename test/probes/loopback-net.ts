/**
 * A real {@link ProbeNet} for probe tests: node:net / node:tls / node:dgram, loopback addresses only, every
 * read bounded by a timeout and a size cap. It refuses any other address so a test can never reach a device.
 */
import dgram from 'node:dgram'
import net from 'node:net'
import tls from 'node:tls'
import type { ProbeContext, ProbeNet, ProbeSocket, TlsOptions } from '../../src/probes/probe.js'

function assertLoopback(address: string): void {
  const ok = (net.isIPv4(address) && address.startsWith('127.')) || address === '::1'
  if (!ok) throw new Error(`loopback-net refuses ${address}: tests may only reach 127.0.0.0/8 or ::1`)
}

class BufferedSocket implements ProbeSocket {
  private chunks: Buffer[] = []
  private ended = false
  private failure: Error | null = null
  private wake: (() => void) | null = null

  constructor(
    private readonly sock: net.Socket,
    private readonly defaultTimeoutMs: number,
  ) {
    sock.on('data', (d: Buffer) => {
      this.chunks.push(d)
      this.notify()
    })
    sock.on('end', () => {
      this.ended = true
      this.notify()
    })
    sock.on('close', () => {
      this.ended = true
      this.notify()
    })
    sock.on('error', (e) => {
      this.failure = e
      this.ended = true
      this.notify()
    })
  }

  private notify(): void {
    const w = this.wake
    this.wake = null
    w?.()
  }

  private get size(): number {
    let n = 0
    for (const c of this.chunks) n += c.length
    return n
  }

  private take(max: number): Buffer {
    const all = Buffer.concat(this.chunks)
    const out = all.subarray(0, max)
    const rest = all.subarray(max)
    this.chunks = rest.length > 0 ? [rest] : []
    return Buffer.from(out)
  }

  private waitMore(deadline: number): Promise<boolean> {
    const left = deadline - Date.now()
    if (left <= 0) return Promise.resolve(false)
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        this.wake = null
        resolve(false)
      }, left)
      this.wake = () => {
        clearTimeout(t)
        resolve(true)
      }
    })
  }

  write(data: Uint8Array | string): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.sock.destroyed) {
        reject(new Error('socket closed'))
        return
      }
      this.sock.write(data, (e) => (e ? reject(e) : resolve()))
    })
  }

  async read(opts?: { timeoutMs?: number; maxBytes?: number }): Promise<Buffer> {
    const deadline = Date.now() + (opts?.timeoutMs ?? this.defaultTimeoutMs)
    const max = opts?.maxBytes ?? 65_536
    for (;;) {
      if (this.size > 0) return this.take(max)
      if (this.ended) throw this.failure ?? new Error('connection closed by peer')
      if (!(await this.waitMore(deadline)) && this.size === 0) {
        if (this.ended) throw this.failure ?? new Error('connection closed by peer')
        throw new Error('read timed out')
      }
    }
  }

  async readUntil(done: (buf: Buffer) => boolean, opts?: { timeoutMs?: number; maxBytes?: number }): Promise<Buffer> {
    const deadline = Date.now() + (opts?.timeoutMs ?? this.defaultTimeoutMs)
    const max = opts?.maxBytes ?? 65_536
    for (;;) {
      const all = Buffer.concat(this.chunks)
      if (all.length >= max || done(all) || this.ended) return this.take(max)
      if (!(await this.waitMore(deadline))) return this.take(max)
    }
  }

  tlsInfo(): { protocol: string | null; cipher: string | null; peerCertificate: unknown } | null {
    if (!(this.sock instanceof tls.TLSSocket)) return null
    return {
      protocol: this.sock.getProtocol(),
      cipher: this.sock.getCipher()?.name ?? null,
      peerCertificate: this.sock.getPeerCertificate(true),
    }
  }

  close(): void {
    this.sock.destroy()
  }
}

/** Options of {@link createLoopbackNet}: default timeout and a log of every connection (for tests). */
export interface LoopbackNetOptions {
  timeoutMs?: number
  onConnect?: (address: string, port: number, tls: boolean) => void
}

/** Creates the loopback-only ProbeNet used by the probe tests. */
export function createLoopbackNet(options: LoopbackNetOptions = {}): ProbeNet {
  const timeoutMs = options.timeoutMs ?? 2000
  return {
    connect(address, port, opts) {
      assertLoopback(address)
      options.onConnect?.(address, port, Boolean(opts?.tls))
      const t = opts?.timeoutMs ?? timeoutMs
      return new Promise<ProbeSocket>((resolve, reject) => {
        const tlsOpts: TlsOptions | undefined = opts?.tls
        const sock = tlsOpts
          ? tls.connect({
              host: address,
              port,
              rejectUnauthorized: false,
              ...(tlsOpts.servername ? { servername: tlsOpts.servername } : {}),
              ...(tlsOpts.minVersion ? { minVersion: tlsOpts.minVersion } : {}),
              ...(tlsOpts.maxVersion ? { maxVersion: tlsOpts.maxVersion } : {}),
              ...(tlsOpts.ciphers ? { ciphers: tlsOpts.ciphers } : {}),
            })
          : net.connect({ host: address, port })
        const timer = setTimeout(() => {
          sock.destroy()
          reject(new Error(`connect timed out after ${t} ms`))
        }, t)
        const ready = tlsOpts ? 'secureConnect' : 'connect'
        sock.once(ready, () => {
          clearTimeout(timer)
          sock.removeAllListeners('error')
          resolve(new BufferedSocket(sock, t))
        })
        sock.once('error', (e) => {
          clearTimeout(timer)
          sock.destroy()
          reject(e)
        })
      })
    },
    udpRequest(address, port, payload, udpTimeout) {
      assertLoopback(address)
      return new Promise((resolve) => {
        const sock = dgram.createSocket(net.isIPv6(address) ? 'udp6' : 'udp4')
        const timer = setTimeout(() => {
          sock.close()
          resolve(null)
        }, udpTimeout ?? timeoutMs)
        sock.on('message', (msg) => {
          clearTimeout(timer)
          sock.close()
          resolve(new Uint8Array(msg))
        })
        sock.on('error', () => {
          clearTimeout(timer)
          sock.close()
          resolve(null)
        })
        sock.send(payload, port, address)
      })
    },
  }
}

/** A ProbeContext over the loopback net. */
export function loopbackContext(options: LoopbackNetOptions = {}): ProbeContext {
  return { net: createLoopbackNet(options), signal: new AbortController().signal, timeoutMs: options.timeoutMs ?? 2000 }
}
