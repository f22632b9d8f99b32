import { afterEach, describe, expect, it } from 'vitest'
import { decodeTelnet, findLoginPrompt, telnetBanner } from '../../src/probes/telnet-banner.js'
import type { FakeServer } from '../fakes/tcp-server.js'
import { startFakeTelnet, TELNET_BANNER } from '../fakes/telnet-server.js'
import { target } from './helpers.js'
import { loopbackContext } from './loopback-net.js'

let server: FakeServer | null = null
afterEach(async () => {
  await server?.close()
  server = null
})

describe('telnet-banner', () => {
  it('refuses every option and reads the login prompt', async () => {
    const fake = await startFakeTelnet()
    server = fake
    const r = await telnetBanner.run(target(fake.port), loopbackContext())
    expect(r.kind).toBe('observed')
    if (r.kind !== 'observed') return
    expect(r.facts.loginPrompt).toBe('lab-monitor login:')
    expect(r.facts.banner).toBe(TELNET_BANNER.replace(/\r\n/g, '\n'))
    expect(r.evidence).toContain('lab-monitor login: ')
    expect(r.facts.negotiation).toEqual(['DO TERMINAL-TYPE', 'WILL ECHO'])
    // Our only bytes on the wire: IAC WONT TERMINAL-TYPE, IAC DONT ECHO.
    expect(fake.answers.flat()).toEqual([255, 252, 24, 255, 254, 1])
  })

  it('decodes IAC sequences without throwing on truncation', () => {
    const d = decodeTelnet(Uint8Array.from([65, 255, 255, 66, 255, 250, 24, 1, 255, 240, 67, 255, 253]))
    expect(d.text).toBe('A\xffBC')
    expect(d.replies).toEqual(new Uint8Array())
    expect(findLoginPrompt('Welcome\r\nUsername: ')).toBe('Username:')
    expect(findLoginPrompt('Welcome to the device')).toBeNull()
  })
})
