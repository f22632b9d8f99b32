import { afterEach, describe, expect, it } from 'vitest'
import { ftpAnon, parseFtpReply } from '../../src/probes/ftp-anon.js'
import { startFakeFtp } from '../fakes/ftp-server.js'
import type { FakeServer } from '../fakes/tcp-server.js'
import { target } from './helpers.js'
import { loopbackContext } from './loopback-net.js'

let server: FakeServer | null = null
afterEach(async () => {
  await server?.close()
  server = null
})

describe('ftp-anon', () => {
  it('reports anonymous login allowed', async () => {
    server = await startFakeFtp({ anonymous: true })
    const r = await ftpAnon.run(target(server.port), loopbackContext())
    expect(r).toMatchObject({
      kind: 'observed',
      facts: {
        banner: '220 (FakeFTPd 1.0)',
        anonymous: 'allowed',
        loginReplies: ['331 Please specify the password.', '230 Login successful.'],
      },
    })
    if (r.kind === 'observed') expect(r.evidence).toContain('> PASS mamori@')
  })

  it('reports anonymous login refused, with a multi-line banner', async () => {
    server = await startFakeFtp({ anonymous: false, banner: 'multiline' })
    const r = await ftpAnon.run(target(server.port), loopbackContext())
    expect(r.kind).toBe('observed')
    if (r.kind !== 'observed') return
    expect(r.facts.anonymous).toBe('refused')
    expect(r.facts.banner.split('\n')).toHaveLength(3)
  })

  it('marks a 421 banner incomplete (FTP is there, login not checked)', async () => {
    server = await startFakeFtp({ anonymous: true, banner: '421' })
    const r = await ftpAnon.run(target(server.port), loopbackContext())
    expect(r).toMatchObject({ kind: 'incomplete', reason: '421 service not available' })
  })

  it('parses multi-line replies and rejects broken ones', () => {
    expect(parseFtpReply(Buffer.from('230-a\r\n b\r\n230 done\r\n'))).toEqual({
      ok: true,
      value: { code: 230, lines: ['230-a', ' b', '230 done'] },
    })
    expect(parseFtpReply(Buffer.from('230-a\r\n'))).toMatchObject({ ok: false })
    expect(parseFtpReply(Buffer.from('SSH-2.0-x\r\n'))).toMatchObject({ ok: false })
  })
})
