import { describe, expect, it } from 'vitest'
import { lifecycleFlags } from './device-lifecycle.js'

const base = { serviceLifeEnd: null, supportEnd: null, os: null, osVersion: null, declaredPorts: [] }

describe('lifecycleFlags', () => {
  it('flags an ended service life and support, a legacy OS and declared cleartext ports', () => {
    expect(
      lifecycleFlags(
        {
          serviceLifeEnd: '2024-03-31',
          supportEnd: '2025-01-01',
          os: 'Windows',
          osVersion: 'XP Embedded',
          declaredPorts: [104, 443, 23],
        },
        '2025-06-01',
      ),
    ).toEqual([
      { id: 'past_service_life', date: '2024-03-31' },
      { id: 'support_ended', date: '2025-01-01' },
      { id: 'legacy_os', os: 'Windows XP Embedded' },
      {
        id: 'cleartext_ports',
        ports: [
          { port: 104, protocol: 'DICOM' },
          { port: 23, protocol: 'Telnet' },
        ],
      },
    ])
  })

  it('flags nothing for dates still ahead (the end date itself is still in service), current OS and TLS ports', () => {
    expect(
      lifecycleFlags(
        {
          ...base,
          serviceLifeEnd: '2025-06-01',
          supportEnd: '2030-01-01',
          os: 'Windows 10',
          declaredPorts: [443, 2762],
        },
        '2025-06-01',
      ),
    ).toEqual([])
    expect(lifecycleFlags(base)).toEqual([])
  })
})
