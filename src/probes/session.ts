import type { ProbeContext, ProbeSocket, ServiceTarget, TlsOptions } from './probe.js'
import { errorText } from './wire.js'

/**
 * Opens the probe's one connection through the engine's {@link ProbeContext.net}. Returns the socket, or the
 * reason it could not connect (a refusal or timeout is a result, not a throw). The socket closes itself when
 * the scan is stopped, so a probe waiting on a stalled peer returns at once.
 */
export async function connectFor(
  target: ServiceTarget,
  ctx: ProbeContext,
  tls?: TlsOptions,
): Promise<{ socket: ProbeSocket } | { reason: string }> {
  if (ctx.signal.aborted) return { reason: 'scan stopped before connecting' }
  let socket: ProbeSocket
  try {
    socket = await ctx.net.connect(
      target.address,
      target.port,
      tls ? { timeoutMs: ctx.timeoutMs, tls } : { timeoutMs: ctx.timeoutMs },
    )
  } catch (error) {
    return { reason: `could not connect to ${target.address}:${target.port}: ${errorText(error)}` }
  }
  const onAbort = (): void => socket.close()
  ctx.signal.addEventListener('abort', onAbort, { once: true })
  const close = socket.close.bind(socket)
  return {
    socket: {
      write: (data) => socket.write(data),
      read: (opts) => socket.read(opts),
      readUntil: (done, opts) => socket.readUntil(done, opts),
      tlsInfo: () => socket.tlsInfo(),
      close: () => {
        ctx.signal.removeEventListener('abort', onAbort)
        close()
      },
    },
  }
}

/** Reads one reply, returning an empty buffer instead of rejecting when the peer is silent or closes. */
export async function readSome(socket: ProbeSocket, timeoutMs: number, maxBytes = 65_536): Promise<Buffer> {
  try {
    return await socket.read({ timeoutMs, maxBytes })
  } catch {
    return Buffer.alloc(0)
  }
}

/** Like {@link ProbeSocket.readUntil} but never rejects: returns what arrived. */
export async function readUntilSafe(
  socket: ProbeSocket,
  done: (buf: Buffer) => boolean,
  timeoutMs: number,
  maxBytes = 65_536,
): Promise<Buffer> {
  try {
    return await socket.readUntil(done, { timeoutMs, maxBytes })
  } catch {
    return Buffer.alloc(0)
  }
}
