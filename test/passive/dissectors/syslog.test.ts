import { describe, expect, it } from 'vitest'
import { syslogDissector } from '../../../src/passive/dissectors/syslog.js'
import { bytes, datagram } from './helpers.js'

describe('Syslog dissector', () => {
  it('keeps only printable host and application names (control and high bytes dropped), never the message', () => {
    const events = datagram(
      syslogDissector,
      bytes('<134>1 2026-12-03T10:00:00Z ward3-\x01gw\xff app\x07d 1 - - patient Yamada transferred'),
      { src: 40514, dst: 514 },
    )
    expect(events.find((e) => e.kind === 'syslog')).toMatchObject({
      hostname: 'ward3-gw',
      appName: 'appd',
      facility: 16,
      severity: 6,
    })
    expect(events.find((e) => e.kind === 'name')).toMatchObject({
      source: 'syslog',
      name: 'ward3-gw',
      address: '10.1.0.5',
    })
    expect(JSON.stringify(events)).not.toContain('Yamada')
  })
})
