import type net from 'node:net'
import tls from 'node:tls'
import type { ProbeSocket } from '../probes/probe.js'

/**
 * A connected socket with bounded reads for probes. Hostile or broken peers are the normal case here: a device may
 * send nothing, send forever, reset mid-reply or half-close. Every read has a timeout and a size cap; received
 * bytes beyond {@link MAX_BUFFERED} pause the socket; socket errors are captured, never thrown from an emitter.
 */

/** Default per-read size cap. */
export const DEFAULT_MAX_READ = 64 * 1024
/** Unread bytes kept before the socket is paused (back-pressure against a flooding peer). */
export const MAX_BUFFERED = 1024 * 1024

interface PendingRead {
  wake: () => void
}

export class BoundedSocket implements ProbeSocket {
  readonly #socket: net.Socket
  readonly #defaultTimeoutMs: number
  readonly #onClose: () => void
  #chunks: Buffer[] = []
  #buffered = 0
  #ended = false
  #error: string | null = null
  #closed = false
  #pending: PendingRead | null = null

  /**
   * @param socket a connected socket (plain or TLS); this object takes ownership.
   * @param defaultTimeoutMs read timeout when a call gives none.
   * @param onClose called exactly once when the socket is closed (releases the engine's connection slot).
   */
  constructor(socket: net.Socket, defaultTimeoutMs: number, onClose: () => void) {
    this.#socket = socket
    this.#defaultTimeoutMs = defaultTimeoutMs
    this.#onClose = onClose
    socket.on('data', (chunk: Buffer) => {
      this.#chunks.push(chunk)
      this.#buffered += chunk.length
      if (this.#buffered > MAX_BUFFERED) socket.pause()
      this.#pending?.wake()
    })
    socket.on('end', () => {
      // The peer half-closed: what it sent is still readable; no more will come.
      this.#ended = true
      this.#pending?.wake()
    })
    socket.on('error', (e: NodeJS.ErrnoException) => {
      this.#error = e.code ?? e.message
      this.#pending?.wake()
    })
    socket.on('close', () => {
      this.#ended = true
      this.#pending?.wake()
      this.close()
    })
  }

  /** Bytes received and not yet read. */
  get buffered(): number {
    return this.#buffered
  }

  write(data: Uint8Array | string): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.#closed || this.#ended || this.#socket.destroyed) {
        reject(new Error(this.#error ? `connection failed (${this.#error})` : 'connection closed by peer'))
        return
      }
      this.#socket.write(data, (err) => (err ? reject(new Error(`write failed (${err.message})`)) : resolve()))
    })
  }

  #take(max: number): Buffer {
    const all = this.#chunks.length === 1 ? this.#chunks[0]! : Buffer.concat(this.#chunks)
    const out = all.subarray(0, max)
    const rest = all.subarray(max)
    this.#chunks = rest.length > 0 ? [rest] : []
    this.#buffered = rest.length
    if (this.#buffered <= MAX_BUFFERED && this.#socket.isPaused()) this.#socket.resume()
    return Buffer.from(out)
  }

  /** Waits until `ready()` or the timeout; true when ready. */
  #waitFor(ready: () => boolean, timeoutMs: number): Promise<boolean> {
    if (ready()) return Promise.resolve(true)
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#pending = null
        resolve(false)
      }, timeoutMs)
      this.#pending = {
        wake: () => {
          if (!ready()) return
          clearTimeout(timer)
          this.#pending = null
          resolve(true)
        },
      }
    })
  }

  async read(opts: { timeoutMs?: number; maxBytes?: number } = {}): Promise<Buffer> {
    const max = opts.maxBytes ?? DEFAULT_MAX_READ
    const done = () => this.#buffered > 0 || this.#ended || this.#error !== null || this.#closed
    const ok = await this.#waitFor(done, opts.timeoutMs ?? this.#defaultTimeoutMs)
    if (this.#buffered > 0) return this.#take(max)
    if (!ok) throw new Error(`no reply within ${opts.timeoutMs ?? this.#defaultTimeoutMs} ms`)
    throw new Error(this.#error ? `connection failed (${this.#error})` : 'connection closed by peer')
  }

  async readUntil(
    isDone: (buf: Buffer) => boolean,
    opts: { timeoutMs?: number; maxBytes?: number } = {},
  ): Promise<Buffer> {
    const max = opts.maxBytes ?? DEFAULT_MAX_READ
    const view = () => (this.#chunks.length === 1 ? this.#chunks[0]! : Buffer.concat(this.#chunks))
    const ready = () => {
      if (this.#ended || this.#error !== null || this.#closed || this.#buffered >= max) return true
      if (this.#buffered === 0) return false
      // Collapse the chunks once per arrival so isDone sees one buffer.
      const all = view()
      this.#chunks = [all]
      return safeDone(isDone, all.subarray(0, max))
    }
    await this.#waitFor(ready, opts.timeoutMs ?? this.#defaultTimeoutMs)
    return this.#take(max)
  }

  tlsInfo(): { protocol: string | null; cipher: string | null; peerCertificate: unknown } | null {
    const s = this.#socket
    if (!(s instanceof tls.TLSSocket)) return null
    const cert = s.getPeerCertificate(false)
    return {
      protocol: s.getProtocol() ?? null,
      cipher: s.getCipher()?.name ?? null,
      peerCertificate: cert && Object.keys(cert).length > 0 ? cert : null,
    }
  }

  close(): void {
    if (this.#closed) return
    this.#closed = true
    this.#socket.destroy()
    this.#pending?.wake()
    this.#onClose()
  }
}

/** A done-predicate written by a probe must not crash the engine when fed hostile bytes. */
function safeDone(isDone: (buf: Buffer) => boolean, buf: Buffer): boolean {
  try {
    return isDone(buf)
  } catch {
    return true
  }
}
