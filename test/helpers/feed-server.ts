import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

/** One answer of the fake provider. */
export interface FeedReply {
  status?: number
  headers?: Record<string, string>
  body?: string | Uint8Array
}

/** Answers a request (its path and query) with a reply, or undefined for 404. */
export type FeedRoute = (url: URL, req: IncomingMessage) => FeedReply | undefined | Promise<FeedReply | undefined>

/**
 * A local HTTP server on 127.0.0.1 standing in for feed providers (CISA, FIRST, NVD, JVN): tests set what each path
 * answers — a document, a 429 with Retry-After, a 500 outage, a malformed page — and read which requests came.
 * Nothing ever leaves the machine.
 */
export interface FeedServer {
  /** `http://127.0.0.1:PORT` */
  base: string
  /** Every request as path + query, in order. */
  requests: URL[]
  /** Sets the answer of one path (exact, without query). */
  on(path: string, route: FeedRoute | FeedReply): void
  /** Answers one path with these replies in turn, the last one repeated. */
  sequence(path: string, replies: FeedReply[]): void
  close(): Promise<void>
}

export async function startFeedServer(): Promise<FeedServer> {
  const routes = new Map<string, FeedRoute>()
  const requests: URL[] = []
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    requests.push(url)
    const route = routes.get(url.pathname)
    const reply = route ? await route(url, req) : undefined
    if (!reply) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found')
      return
    }
    res.writeHead(reply.status ?? 200, reply.headers ?? {})
    res.end(reply.body ?? '')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    base: `http://127.0.0.1:${port}`,
    requests,
    on(path, route) {
      routes.set(path, typeof route === 'function' ? route : () => route)
    },
    sequence(path, replies) {
      let i = 0
      routes.set(path, () => replies[Math.min(i++, replies.length - 1)])
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
