/** DHCP (RFC 2131/2132) with the client FQDN option (RFC 4702) in both encodings. */
import { describe, expect, it } from 'vitest'
import { dhcpDissector } from '../../../src/passive/dissectors/dhcp.js'
import { datagram } from './helpers.js'

function discover(options: number[]): Uint8Array {
  const b = new Uint8Array(240 + options.length + 1)
  b.set([1, 1, 6, 0], 0)
  b.set([0x00, 0x00, 0x5e, 0x00, 0x53, 0x42], 28)
  b.set([0x63, 0x82, 0x53, 0x63], 236)
  b.set([...options, 255], 240)
  return b
}
const text = (s: string) => [...new TextEncoder().encode(s)]

describe('DHCP client FQDN (option 81)', () => {
  it('reads the DNS wire encoding (E flag) as a dotted name, bound to the requested address and chaddr', () => {
    const name = [4, ...text('pump'), 4, ...text('ward'), 0]
    const events = datagram(
      dhcpDissector,
      discover([53, 1, 1, 50, 4, 10, 77, 0, 40, 81, 3 + name.length, 0x05, 0, 0, ...name]),
      {
        src: 68,
        dst: 67,
      },
    )
    expect(events[0]).toMatchObject({
      kind: 'dhcp',
      messageType: 1,
      clientMac: '00:00:5e:00:53:42',
      requestedAddress: '10.77.0.40',
    })
    expect(events[1]).toMatchObject({
      kind: 'name',
      source: 'dhcp',
      name: 'pump.ward',
      address: '10.77.0.40',
      mac: '00:00:5e:00:53:42',
    })
  })
  it('reads the ASCII encoding; the host name (12) wins when both are present', () => {
    const ascii = datagram(dhcpDissector, discover([53, 1, 3, 81, 3 + 9, 0x01, 0, 0, ...text('ecg-7.lan')]), {
      src: 68,
      dst: 67,
    })
    expect(ascii[1]).toMatchObject({ kind: 'name', name: 'ecg-7.lan', address: null })
    const both = datagram(
      dhcpDissector,
      discover([12, 5, ...text('ECG-7'), 81, 3 + 9, 0x01, 0, 0, ...text('other.lan')]),
      {
        src: 68,
        dst: 67,
      },
    )
    expect(both[1]).toMatchObject({ name: 'ecg-7' })
  })
  it('a wire name whose label runs past the option keeps only the whole labels', () => {
    const events = datagram(dhcpDissector, discover([81, 3 + 7, 0x04, 0, 0, 4, ...text('pump'), 9, 0x41]), {
      src: 68,
      dst: 67,
    })
    expect(events[1]).toMatchObject({ name: 'pump' })
  })
})
