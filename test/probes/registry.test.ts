import { describe, expect, it } from 'vitest'
import { DEFAULT_PROBES, PROBES, probeById } from '../../src/probes/index.js'

describe('probe registry', () => {
  it('has unique, stable kebab-case ids', () => {
    const ids = PROBES.map((p) => p.id)
    expect(new Set(ids).size).toBe(ids.length)
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/)
    expect(ids).toEqual([
      'dicom-echo',
      'hl7-mllp',
      'smb-negotiate',
      'ftp-anon',
      'telnet-banner',
      'snmp-community',
      'http-info',
      'tls-info',
      'ssh-banner',
      'rdp-detect',
      'vnc-auth',
    ])
  })

  it.each(PROBES.map((p) => [p.id, p] as const))('%s declares what it is and what it sends', (_id, p) => {
    expect(p.summary.trim().length).toBeGreaterThan(20)
    expect(p.sends.trim().length).toBeGreaterThan(10)
    expect(['safe', 'intrusive']).toContain(p.safety)
    expect(p.ports.length).toBeGreaterThan(0)
    for (const port of p.ports) expect(port).toBeGreaterThanOrEqual(1)
    // applies() agrees with the declared ports and transport.
    for (const port of p.ports) {
      expect(p.applies({ address: '127.0.0.1', port, transport: p.transport, service: null, banner: null })).toBe(true)
    }
    expect(
      p.applies({
        address: '127.0.0.1',
        port: 1,
        transport: p.transport === 'tcp' ? 'udp' : 'tcp',
        service: null,
        banner: null,
      }),
    ).toBe(false)
  })

  it('puts nothing intrusive in the default selection', () => {
    expect(DEFAULT_PROBES.every((p) => p.safety === 'safe')).toBe(true)
    expect(DEFAULT_PROBES).toHaveLength(PROBES.length) // every probe of issue 3 is safe
  })

  it('looks probes up by id', () => {
    expect(probeById('vnc-auth')?.protocol).toBe('vnc')
    expect(probeById('nope')).toBeUndefined()
  })
})
