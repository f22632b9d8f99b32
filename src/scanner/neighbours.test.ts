import { describe, expect, it } from 'vitest'
import { parseIpNeighJson, parseProcNetArp } from './neighbours.js'

describe('neighbour table parsing', () => {
  it('reads usable entries from ip -j neigh and skips failed ones', () => {
    const json = JSON.stringify([
      { dst: '10.0.0.5', dev: 'br0', lladdr: '00:1B:21:AA:BB:CC', state: ['REACHABLE'] },
      { dst: 'fe80::1', dev: 'br0', lladdr: '00:1b:21:aa:bb:cd', state: ['STALE'] },
      { dst: '10.0.0.6', dev: 'br0', state: ['FAILED'] },
      { dst: '10.0.0.7', dev: 'br0', lladdr: '00:1b:21:aa:bb:ce', state: ['INCOMPLETE'] },
      'junk',
    ])
    expect(parseIpNeighJson(json)).toEqual([
      { address: '10.0.0.5', mac: '00:1b:21:aa:bb:cc' },
      { address: 'fe80::1', mac: '00:1b:21:aa:bb:cd' },
    ])
    expect(parseIpNeighJson('not json')).toEqual([])
    expect(parseIpNeighJson('{}')).toEqual([])
  })

  it('reads /proc/net/arp and skips incomplete entries', () => {
    const text = [
      'IP address       HW type     Flags       HW address            Mask     Device',
      '10.0.0.5         0x1         0x2         00:1b:21:aa:bb:cc     *        br0',
      '10.0.0.6         0x1         0x0         00:00:00:00:00:00     *        br0',
      '',
    ].join('\n')
    expect(parseProcNetArp(text)).toEqual([{ address: '10.0.0.5', mac: '00:1b:21:aa:bb:cc' }])
  })
})
