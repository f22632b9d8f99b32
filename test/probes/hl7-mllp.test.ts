import { afterEach, describe, expect, it } from 'vitest'
import { buildNmqMessage, hl7Mllp, parseHl7Reply } from '../../src/probes/hl7-mllp.js'
import { startFakeHl7 } from '../fakes/hl7-server.js'
import type { FakeServer } from '../fakes/tcp-server.js'
import { target } from './helpers.js'
import { loopbackContext } from './loopback-net.js'

let server: FakeServer | null = null
afterEach(async () => {
  await server?.close()
  server = null
})

describe('hl7-mllp', () => {
  it('detects MLLP and reads the ACK and sender from MSH', async () => {
    const fake = await startFakeHl7({ ack: 'AR' })
    server = fake
    const r = await hl7Mllp.run(target(fake.port), loopbackContext())
    expect(r).toMatchObject({
      kind: 'observed',
      facts: {
        mllpFraming: true,
        ackCode: 'AR',
        ackText: 'Unsupported message type',
        sendingApplication: 'LABSYS',
        sendingFacility: 'CENTRAL-LAB',
        messageType: 'ACK^N01',
        version: '2.3',
      },
    })
    // What we sent: one NMQ^N01 with processing ID D, no patient segments.
    expect(fake.received).toHaveLength(1)
    const segments = fake.received[0]!.split('\r').filter(Boolean)
    expect(segments.map((s) => s.slice(0, 3))).toEqual(['MSH', 'NCK'])
    expect(segments[0]!.split('|')[8]).toBe('NMQ^N01')
    expect(segments[0]!.split('|')[10]).toBe('D')
  })

  it('reports a reply without MLLP framing', async () => {
    server = await startFakeHl7({ ack: 'AA', unframed: true })
    const r = await hl7Mllp.run(target(server.port), loopbackContext({ timeoutMs: 300 }))
    expect(r).toMatchObject({ kind: 'observed', facts: { mllpFraming: false, ackCode: 'AA' } })
  })

  it('builds a valid message and parses custom separators', () => {
    expect(buildNmqMessage(new Date('2026-01-02T03:04:05Z'), 'X1')).toBe(
      'MSH|^~\\&|MAMORI|SCAN|||20260102030405||NMQ^N01|X1|D|2.3\rNCK|20260102030405',
    )
    const r = parseHl7Reply(Buffer.from('\x0bMSH#^~\\&#APP#FAC#####ACK#1#P#2.5\rMSA#AE#1#bad\r\x1c\r', 'latin1'))
    expect(r).toEqual({
      ok: true,
      value: {
        mllpFraming: true,
        sendingApplication: 'APP',
        sendingFacility: 'FAC',
        messageType: 'ACK',
        version: '2.5',
        ackCode: 'AE',
        ackText: 'bad',
      },
    })
    expect(parseHl7Reply(Buffer.from('\x0bMSH|^~\\&|A'))).toMatchObject({ ok: false })
  })
})
