import { describe, expect, it } from 'vitest'
import type { Direction, FlowKey, PassiveEvent } from '../../../src/passive/contract.js'
import { httpDissector } from '../../../src/passive/dissectors/http.js'
import { bytes, stream } from './helpers.js'

const WEB: FlowKey = { transport: 'tcp', client: '10.1.0.5', clientPort: 40002, server: '10.1.0.9', serverPort: 8080 }
const facts = (events: PassiveEvent[]) => events.map(({ at: _at, ...rest }) => rest)

describe('HTTP dissector, keep-alive', () => {
  it('a HEAD answer with Content-Length has no body: the next answer on the connection is still read', () => {
    const turns: [Direction, Uint8Array][] = [
      [
        'client',
        bytes(
          'HEAD / HTTP/1.1\r\nHost: monitor-gw\r\n\r\n',
          'GET /cfg HTTP/1.1\r\nHost: monitor-gw\r\nAuthorization: Basic c2VydmljZTpzM2NyM3Q=\r\n\r\n',
        ),
      ],
      [
        'server',
        bytes(
          'HTTP/1.1 200 OK\r\nServer: GW/2\r\nContent-Length: 5000\r\n\r\n',
          'HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic realm="gw"\r\nContent-Length: 0\r\n\r\n',
        ),
      ],
    ]
    const whole = stream(httpDissector, turns, Number.POSITIVE_INFINITY, WEB)
    expect(whole.filter((e) => e.kind === 'http-response').map((e) => e.kind === 'http-response' && e.status)).toEqual([
      200, 401,
    ])
    expect(whole.filter((e) => e.kind === 'cleartext-login')).toEqual([
      expect.objectContaining({ protocol: 'http-basic', user: 'service', accepted: false }),
    ])
    expect(JSON.stringify(whole)).not.toContain('s3cr3t')
    expect(facts(stream(httpDissector, turns, 1, WEB))).toEqual(facts(whole))
  })

  it('100 Continue is not the answer (the login is judged on the final status); 304 has no body', () => {
    const turns: [Direction, Uint8Array][] = [
      [
        'client',
        bytes(
          'POST /login HTTP/1.1\r\nHost: pacs.local\r\nAuthorization: Basic YWRtaW46eA==\r\nContent-Length: 2\r\n\r\nok',
          'GET /a HTTP/1.1\r\nHost: pacs.local\r\n\r\n',
          'GET /b HTTP/1.1\r\nHost: pacs.local\r\n\r\n',
        ),
      ],
      [
        'server',
        bytes(
          'HTTP/1.1 100 Continue\r\n\r\n',
          'HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\n\r\n',
          'HTTP/1.1 304 Not Modified\r\nContent-Length: 99\r\n\r\n',
          'HTTP/1.1 200 OK\r\nServer: X\r\nContent-Length: 0\r\n\r\n',
        ),
      ],
    ]
    const events = stream(httpDissector, turns, 3, WEB)
    expect(events.filter((e) => e.kind === 'http-response').map((e) => e.kind === 'http-response' && e.status)).toEqual(
      [100, 401, 304, 200],
    )
    expect(events.filter((e) => e.kind === 'cleartext-login')).toEqual([
      expect.objectContaining({ user: 'admin', accepted: false }),
    ])
  })
})
