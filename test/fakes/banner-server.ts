/** A server that writes fixed bytes on connect (SSH identification, garbage, …), optionally then closes. */
import { type FakeServer, startTcpServer } from './tcp-server.js'

export function startBannerServer(banner: Uint8Array | string, closeAfter = false): Promise<FakeServer> {
  return startTcpServer((socket) => {
    if (closeAfter) socket.end(banner)
    else socket.write(banner)
  })
}

/** A server that accepts and never says anything (a stalled device). */
export function startSilentServer(): Promise<FakeServer> {
  return startTcpServer(() => undefined)
}
