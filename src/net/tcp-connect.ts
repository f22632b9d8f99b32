import net from 'node:net'
import os from 'node:os'

/**
 * A bare TCP connect attempt that only learns the port's state: open (handshake completed), closed (RST, i.e.
 * ECONNREFUSED) or filtered (no answer in time, or ICMP unreachable). Used by the port sweep, where speed matters.
 *
 * Fast path: Node's internal `tcp_wrap` binding (what `net.Socket` itself uses underneath). A `net.Socket` costs a
 * stream object, event emitter and several closures per attempt; on loopback that made a 1–65535 sweep ~60 % slower
 * than nmap's connect scan, while the bare handle is faster than nmap. If the binding is missing or behaves
 * differently in a future Node version, the module falls back to `net.Socket` (same results, slower). Set
 * MAMORI_NET_PORTABLE=1 to force the portable path.
 */

export type ConnectOutcome = 'open' | 'closed' | 'filtered' | 'unreachable' | 'local-error'

/** Called once with the outcome and, for failures, the system error name (ECONNREFUSED, ETIMEDOUT…). */
export type ConnectCallback = (outcome: ConnectOutcome, detail: string) => void

const E = os.constants.errno

/** Outcome for a libuv/system error name. */
export function classifyError(code: string | undefined): ConnectOutcome {
  switch (code) {
    case 'ECONNREFUSED':
      return 'closed'
    case 'ECONNRESET':
      // Linux reports a RST answering our SYN as ECONNREFUSED; ECONNRESET means the handshake completed and the
      // peer reset afterwards (a service that accepts and drops at once): the port is open.
      return 'open'
    case 'ETIMEDOUT':
    case 'ECONNABORTED':
      return 'filtered'
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'EHOSTDOWN':
    case 'ENETDOWN':
      return 'unreachable'
    case 'EADDRNOTAVAIL': // out of ephemeral ports
    case 'EMFILE': // out of file descriptors
    case 'ENFILE':
    case 'ENOBUFS':
    case 'EAGAIN':
      return 'local-error'
    default:
      return 'filtered'
  }
}

const ERRNO_NAMES = new Map<number, string>(Object.entries(E).map(([name, n]) => [-n, name]))

interface TcpHandle {
  connect(req: ConnectReq, address: string, port: number): number
  connect6(req: ConnectReq, address: string, port: number): number
  getsockname(out: { address?: string; port?: number }): number
  close(cb?: () => void): void
}
interface ConnectReq {
  oncomplete: ((status: number) => void) | null
  address: string
  port: number
}
interface TcpWrapBinding {
  TCP: new (type: number) => TcpHandle
  TCPConnectWrap: new () => ConnectReq
  constants: { SOCKET: number }
}

function isTcpWrapBinding(b: unknown): b is TcpWrapBinding {
  if (typeof b !== 'object' || b === null) return false
  const TCP = Reflect.get(b, 'TCP')
  const Wrap = Reflect.get(b, 'TCPConnectWrap')
  const constants: unknown = Reflect.get(b, 'constants')
  return (
    typeof TCP === 'function' &&
    typeof Wrap === 'function' &&
    typeof constants === 'object' &&
    constants !== null &&
    typeof Reflect.get(constants, 'SOCKET') === 'number' &&
    typeof Reflect.get(TCP.prototype, 'connect') === 'function' &&
    typeof Reflect.get(TCP.prototype, 'connect6') === 'function' &&
    typeof Reflect.get(TCP.prototype, 'getsockname') === 'function'
  )
}

function loadBinding(): TcpWrapBinding | null {
  if (process.env.MAMORI_NET_PORTABLE === '1') return null
  try {
    const binding: unknown = Reflect.get(process, 'binding')
    if (typeof binding !== 'function') return null
    const b: unknown = binding.call(process, 'tcp_wrap')
    return isTcpWrapBinding(b) ? b : null
  } catch {
    return null
  }
}

let binding: TcpWrapBinding | null | undefined

/** Which connect implementation is in use: 'tcp_wrap' (fast) or 'net' (portable). */
export function connectImplementation(): 'tcp_wrap' | 'net' {
  if (binding === undefined) binding = loadBinding()
  return binding ? 'tcp_wrap' : 'net'
}

/**
 * Starts one connect attempt. Returns a cancel function that closes the attempt without calling back (used on
 * timeout and abort). The callback is called at most once, never synchronously.
 *
 * A connection that lands on itself (on loopback the kernel may pick the target port as the source port, "TCP
 * simultaneous open") is reported as 'closed': nothing listens there.
 */
export function startConnect(address: string, port: number, family: 4 | 6, cb: ConnectCallback): () => void {
  if (binding === undefined) binding = loadBinding()
  if (binding) {
    try {
      return startFast(binding, address, port, family, cb)
    } catch {
      // The binding changed shape: use the portable path from now on.
      binding = null
    }
  }
  return startPortable(address, port, cb)
}

function startFast(b: TcpWrapBinding, address: string, port: number, family: 4 | 6, cb: ConnectCallback): () => void {
  const handle = new b.TCP(b.constants.SOCKET)
  const req = new b.TCPConnectWrap()
  let live = true
  req.address = address
  req.port = port
  req.oncomplete = (status: number) => {
    if (!live) return
    live = false
    let outcome: ConnectOutcome
    let detail = ''
    if (status === 0) {
      outcome = 'open'
      const local: { address?: string; port?: number } = {}
      if (handle.getsockname(local) === 0 && local.port === port && local.address === address) {
        outcome = 'closed'
        detail = 'self-connect'
      }
    } else {
      detail = ERRNO_NAMES.get(status) ?? `errno ${status}`
      outcome = classifyError(detail)
    }
    handle.close()
    cb(outcome, detail)
  }
  const err = family === 6 ? handle.connect6(req, address, port) : handle.connect(req, address, port)
  if (err !== 0) {
    live = false
    handle.close()
    const detail = ERRNO_NAMES.get(err) ?? `errno ${err}`
    queueMicrotask(() => cb(classifyError(detail), detail))
    return () => {}
  }
  return () => {
    if (!live) return
    live = false
    handle.close()
  }
}

function startPortable(address: string, port: number, cb: ConnectCallback): () => void {
  let live = true
  const s = new net.Socket()
  const finish = (outcome: ConnectOutcome, detail: string) => {
    if (!live) return
    live = false
    s.destroy()
    cb(outcome, detail)
  }
  s.once('connect', () => {
    const self = s.localPort === port && s.localAddress === address
    finish(self ? 'closed' : 'open', self ? 'self-connect' : '')
  })
  // An error handler is always attached: a socket error must never become an uncaught exception.
  s.on('error', (e: NodeJS.ErrnoException) => finish(classifyError(e.code), e.code ?? e.message))
  s.connect({ host: address, port })
  return () => {
    if (!live) return
    live = false
    s.destroy()
  }
}

/**
 * Many connect attempts with no per-attempt closures: each attempt lives in a numbered slot chosen by the caller
 * (the port sweep keeps one slot per connection in flight), and every outcome goes to the one `onDone` callback
 * given at construction. On the fast path one shared `oncomplete` function serves every attempt (the request
 * object carries its slot), so an attempt costs the two native objects Node needs (the TCP handle and the connect
 * request) and nothing else; a full sweep makes 65 535 attempts per host.
 */
export interface SlotConnector {
  /**
   * Starts an attempt in `slot` (which must be free). Returns null when it is under way (`onDone` will be called
   * later, never synchronously), or the system error name when it failed at once (socket() or connect() refused
   * locally, e.g. EMFILE, EADDRNOTAVAIL); then `onDone` is not called and the slot is free again.
   */
  start(slot: number, address: string, port: number, family: 4 | 6): string | null
  /** Closes the attempt in `slot` without calling `onDone` (timeout, abort). Harmless when the slot is free. */
  cancel(slot: number): void
  /** Attempts under way. */
  readonly live: number
}

/** Called once per started attempt (unless cancelled) with the slot, the outcome and the error name for failures. */
export type SlotCallback = (slot: number, outcome: ConnectOutcome, detail: string) => void

interface SlotReq extends ConnectReq {
  slot: number
  owner: FastSlots
}

/** The shared completion callback: Node calls it with the request as `this` (status, handle, request). */
function onSlotComplete(this: SlotReq, status: number): void {
  this.owner.complete(this, status)
}

class FastSlots implements SlotConnector {
  readonly #b: TcpWrapBinding
  readonly #onDone: SlotCallback
  readonly #handles: (TcpHandle | undefined)[] = []
  readonly #reqs: (SlotReq | undefined)[] = []
  readonly #ports: number[] = []
  readonly #addresses: string[] = []
  live = 0

  constructor(b: TcpWrapBinding, onDone: SlotCallback) {
    this.#b = b
    this.#onDone = onDone
  }

  start(slot: number, address: string, port: number, family: 4 | 6): string | null {
    const handle = new this.#b.TCP(this.#b.constants.SOCKET)
    const req = new this.#b.TCPConnectWrap() as SlotReq
    req.oncomplete = onSlotComplete
    req.slot = slot
    req.owner = this
    const err = family === 6 ? handle.connect6(req, address, port) : handle.connect(req, address, port)
    if (err !== 0) {
      handle.close()
      return ERRNO_NAMES.get(err) ?? `errno ${err}`
    }
    this.#handles[slot] = handle
    this.#reqs[slot] = req
    this.#ports[slot] = port
    this.#addresses[slot] = address
    this.live++
    return null
  }

  complete(req: SlotReq, status: number): void {
    const slot = req.slot
    // A cancelled attempt completes with ECANCELED after its slot was reused or freed: not ours any more.
    if (this.#reqs[slot] !== req) return
    const handle = this.#handles[slot]!
    this.#reqs[slot] = undefined
    this.#handles[slot] = undefined
    this.live--
    let outcome: ConnectOutcome
    let detail = ''
    if (status === 0) {
      outcome = 'open'
      const local: { address?: string; port?: number } = {}
      if (
        handle.getsockname(local) === 0 &&
        local.port === this.#ports[slot] &&
        local.address === this.#addresses[slot]
      ) {
        outcome = 'closed'
        detail = 'self-connect'
      }
    } else {
      detail = ERRNO_NAMES.get(status) ?? `errno ${status}`
      outcome = classifyError(detail)
    }
    handle.close()
    this.#onDone(slot, outcome, detail)
  }

  cancel(slot: number): void {
    const handle = this.#handles[slot]
    if (!handle) return
    this.#reqs[slot] = undefined
    this.#handles[slot] = undefined
    this.live--
    handle.close()
  }
}

/** The portable form (net.Socket per attempt) of {@link SlotConnector}, for when the binding is unavailable. */
class PortableSlots implements SlotConnector {
  readonly #onDone: SlotCallback
  readonly #cancels: ((() => void) | undefined)[] = []
  live = 0

  constructor(onDone: SlotCallback) {
    this.#onDone = onDone
  }

  start(slot: number, address: string, port: number): string | null {
    this.live++
    const cancel = startPortable(address, port, (outcome, detail) => {
      if (this.#cancels[slot] !== cancel) return
      this.#cancels[slot] = undefined
      this.live--
      this.#onDone(slot, outcome, detail)
    })
    this.#cancels[slot] = cancel
    return null
  }

  cancel(slot: number): void {
    const c = this.#cancels[slot]
    if (!c) return
    this.#cancels[slot] = undefined
    this.live--
    c()
  }
}

/** A {@link SlotConnector} on the fastest implementation available (see {@link connectImplementation}). */
export function slotConnector(onDone: SlotCallback): SlotConnector {
  if (binding === undefined) binding = loadBinding()
  return binding ? new FastSlots(binding, onDone) : new PortableSlots(onDone)
}

/**
 * One connect attempt with a timeout and an AbortSignal, as a promise. For single checks (host discovery); the
 * sweep uses {@link startConnect} with a shared deadline queue instead.
 */
export function connectState(
  address: string,
  port: number,
  family: 4 | 6,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<{ outcome: ConnectOutcome; detail: string }> {
  return new Promise((resolve) => {
    if (signal?.aborted) {
      resolve({ outcome: 'filtered', detail: 'aborted' })
      return
    }
    const done = (outcome: ConnectOutcome, detail: string) => {
      clearTimeout(timer)
      signal?.removeEventListener('abort', onAbort)
      resolve({ outcome, detail })
    }
    const cancel = startConnect(address, port, family, done)
    const timer = setTimeout(() => {
      cancel()
      done('filtered', 'ETIMEDOUT')
    }, timeoutMs)
    const onAbort = () => {
      cancel()
      done('filtered', 'aborted')
    }
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}
