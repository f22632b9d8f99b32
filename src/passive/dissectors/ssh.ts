import type { BannerEvent, Direction, StreamDissector } from '../contract.js'
import { printable } from './bytes.js'
import { LineReader } from './text-lines.js'

/** SSH identification strings (RFC 4253 §4.2) of both sides; the key exchange after them is not read. */
export const sshDissector: StreamDissector = {
  protocol: 'ssh',
  detect: (first) => first[0] === 0x53 && first[1] === 0x53 && first[2] === 0x48 && first[3] === 0x2d,
  open(flow, emit, mac) {
    const lines = { client: new LineReader(255), server: new LineReader(255) }
    const done = { client: false, server: false }
    const seen = { client: 0, server: 0 }
    return {
      data(dir: Direction, bytes, at) {
        seen[dir] += bytes.length
        if (!done[dir]) {
          for (const line of lines[dir].push(bytes)) {
            if (!line.startsWith('SSH-')) continue
            done[dir] = true
            emit({
              kind: 'banner',
              at: { ...at },
              flow,
              mac: dir === 'client' ? mac.client : mac.server,
              protocol: 'ssh',
              side: dir,
              text: printable(Uint8Array.from(line, (c) => c.charCodeAt(0) & 0xff)),
            } satisfies BannerEvent)
            break
          }
        }
        return (done.client && done.server) || seen.client > 4096 || seen.server > 4096 ? 'done' : 'more'
      },
      end() {},
    }
  },
}
