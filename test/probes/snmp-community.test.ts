import { afterEach, describe, expect, it } from 'vitest'
import { decodeGetResponse, encodeGetRequest } from '../../src/probes/snmp-ber.js'
import { snmpCommunity } from '../../src/probes/snmp-community.js'
import { type FakeSnmp, startFakeSnmp } from '../fakes/snmp-agent.js'
import { target } from './helpers.js'
import { loopbackContext } from './loopback-net.js'

let agent: FakeSnmp | null = null
afterEach(async () => {
  await agent?.close()
  agent = null
})

const udp = (port: number) => target(port, { transport: 'udp' })

describe('snmp-community (against net-snmp agent)', () => {
  it('finds public accepted in v1 and v2c and reads the system group', async () => {
    agent = await startFakeSnmp(['public'])
    const r = await snmpCommunity.run(udp(agent.port), loopbackContext({ timeoutMs: 400 }))
    expect(r).toMatchObject({
      kind: 'observed',
      facts: {
        accepted: [
          { version: 'v1', community: 'public' },
          { version: 'v2c', community: 'public' },
        ],
        sysDescr: 'Linux lab-monitor 6.1.0-18-amd64 #1 SMP x86_64',
        sysObjectID: '1.3.6.1.4.1.8072.3.2.10',
        sysName: 'lab-monitor',
      },
    })
  })

  it('finds private too', async () => {
    agent = await startFakeSnmp(['public', 'private'], 'Printer 日本語')
    const r = await snmpCommunity.run(udp(agent.port), loopbackContext({ timeoutMs: 400 }))
    expect(r.kind).toBe('observed')
    if (r.kind !== 'observed') return
    expect(r.facts.accepted.map((a) => `${a.version}/${a.community}`)).toEqual([
      'v1/public',
      'v1/private',
      'v2c/public',
      'v2c/private',
    ])
    expect(r.facts.sysDescr).toBe('Printer 日本語')
  })

  it('is absent when no default community is accepted', async () => {
    agent = await startFakeSnmp(['s3cret-community'])
    const r = await snmpCommunity.run(udp(agent.port), loopbackContext({ timeoutMs: 300 }))
    expect(r.kind).toBe('absent')
  })

  it('round-trips the BER codec on known bytes', () => {
    // GetRequest v2c "public", request-id 1001, sysDescr.0: bytes checked against net-snmp's encoding.
    expect(Buffer.from(encodeGetRequest(1, 'public', 1001, ['1.3.6.1.2.1.1.1.0'])).toString('hex')).toBe(
      '302702010104067075626c6963a01a020203e9020100020100300e300c06082b060102010101000500',
    )
    const reply = Buffer.from(
      '302902010104067075626c6963a21c020203e90201000201003010300e06082b06010201010100040268690000',
      'hex',
    )
    const d = decodeGetResponse(reply.subarray(0, reply.length - 2))
    expect(d).toMatchObject({
      ok: true,
      value: { requestId: 1001, varbinds: [{ oid: '1.3.6.1.2.1.1.1.0', type: 'OctetString', value: 'hi' }] },
    })
  })
})
