/**
 * Every TCP probe against a server that answers with random or mutated bytes, stalls or resets: run() must
 * resolve to one of the four result kinds, never throw, and never hang past its timeouts.
 */
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PROBES } from '../../src/probes/index.js'
import { type FakeServer, startTcpServer } from '../fakes/tcp-server.js'
import { target } from './helpers.js'
import { loopbackContext } from './loopback-net.js'

interface Behaviour {
  greeting: Uint8Array | null
  reply: Uint8Array
  close: boolean
}

let behaviour: Behaviour = { greeting: null, reply: new Uint8Array(), close: true }
let server: FakeServer
beforeAll(async () => {
  server = await startTcpServer((socket) => {
    const b = behaviour
    if (b.greeting) socket.write(b.greeting)
    socket.on('data', () => {
      if (b.close) socket.end(b.reply)
      else socket.write(b.reply)
    })
    if (b.close && b.greeting && b.reply.length === 0) socket.end()
  })
})
afterAll(async () => {
  await server.close()
})

/** Replies that start like the real protocol more often than pure noise would. */
const PREFIXES = [
  'RFB 003.008\n',
  'SSH-2.0-',
  '220 ',
  'HTTP/1.1 200 OK\r\n',
  '\x0bMSH|^~\\&|',
  '\x03\x00\x00\x13\x0e\xd0',
  '\x02\x00\x00\x00\x00\x44',
  '\x00\x00\x00\x45\xffSMB\x72',
  '\xff\xfd\x18',
]
const reply = fc.oneof(
  fc.uint8Array({ maxLength: 300 }),
  fc
    .tuple(fc.constantFrom(...PREFIXES), fc.uint8Array({ maxLength: 120 }))
    .map(([p, rest]) => Uint8Array.from([...Buffer.from(p, 'latin1'), ...rest])),
)
const behaviours = fc.record({ greeting: fc.option(reply, { nil: null }), reply, close: fc.boolean() })

describe('probes against hostile servers', () => {
  for (const probe of PROBES.filter((p) => p.transport === 'tcp')) {
    it(`${probe.id} always returns a result`, async () => {
      await fc.assert(
        fc.asyncProperty(behaviours, async (b) => {
          behaviour = b
          const r = await probe.run(target(server.port), loopbackContext({ timeoutMs: 80 }))
          expect(['observed', 'absent', 'unreachable', 'incomplete']).toContain(r.kind)
          if (r.kind === 'incomplete') expect(r.reason.length).toBeGreaterThan(0)
        }),
        { numRuns: 12 },
      )
    })
  }
})
