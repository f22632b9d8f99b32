import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { MamoriError } from '../errors.js'
import { guessService, guessServiceFromBanner, parsePortSpec, TOP_TCP_PORTS, TOP_UDP_PORTS } from './ports.js'

describe('parsePortSpec', () => {
  it.each([
    // Without T:/U: the safe UDP checks (SNMP) stay on; with them, exactly what is named.
    ['22,80,100-102', [22, 80, 100, 101, 102], [161]],
    ['80,22,80', [22, 80], [161]],
    ['T:22,80', [22, 80], []],
    ['t:22', [22], []],
    ['U:161', [], [161]],
    ['U:162', [], [162]],
    ['T:80,443,U:161,162', [80, 443], [161, 162]],
    ['65530-', [65530, 65531, 65532, 65533, 65534, 65535], [161]],
    ['-3', [1, 2, 3], [161]],
  ])('%s', (spec, tcp, udp) => {
    expect(parsePortSpec(spec)).toEqual({ tcp, udp })
  })

  it('"-" and "1-65535" mean every TCP port and keep the UDP checks; "T:1-65535" is TCP only', () => {
    expect(parsePortSpec('-').tcp).toHaveLength(65535)
    expect(parsePortSpec('1-65535').tcp.at(-1)).toBe(65535)
    expect(parsePortSpec('1-65535').udp).toEqual([...TOP_UDP_PORTS])
    expect(parsePortSpec('T:1-65535').udp).toEqual([])
    expect(parsePortSpec('T:-,U:161').udp).toEqual([161])
  })

  it('"top" includes the medical ports and SNMP', () => {
    const { tcp, udp } = parsePortSpec('top')
    for (const p of [104, 11112, 2761, 2762, 4242, 2575, 21, 22, 23, 80, 139, 443, 445, 3389, 5900, 8080, 8443]) {
      expect(tcp).toContain(p)
    }
    expect(udp).toEqual([...TOP_UDP_PORTS])
    expect(TOP_TCP_PORTS.length).toBeGreaterThanOrEqual(100)
    expect(TOP_TCP_PORTS.length).toBeLessThanOrEqual(200)
  })

  it.each([
    ['', /empty/],
    ['0', /port 0 is outside 1–65535/],
    ['70000', /is not a port number|outside/],
    ['80,,81', /empty item/],
    ['http', /"http" is not a port number/],
    ['90-80', /ends before it starts/],
  ])('refuses %j', (spec, message) => {
    try {
      parsePortSpec(spec)
      expect.unreachable()
    } catch (e) {
      expect(e).toBeInstanceOf(MamoriError)
      if (!(e instanceof MamoriError)) return
      expect(e.code).toBe('PORTS_INVALID')
      expect(e.message).toMatch(message)
      expect(e.message).toMatch(/Accepted forms:/)
    }
  })

  it('fuzz: any text gives a sorted in-range set or a MamoriError', () => {
    const item = fc.oneof(
      fc.nat(70000).map(String),
      fc.tuple(fc.nat(70000), fc.nat(70000)).map(([a, b]) => `${a}-${b}`),
      fc.constantFrom('top', '-', 'T:', 'U:', 'T:top', 'U:-', ''),
      fc.string({ maxLength: 6 }),
    )
    const spec = fc.array(item, { maxLength: 6 }).map((a) => a.join(','))
    fc.assert(
      fc.property(fc.oneof(spec, fc.string({ maxLength: 40 })), (s) => {
        try {
          const r = parsePortSpec(s)
          for (const list of [r.tcp, r.udp]) {
            const ok = list.every((p, i) => p >= 1 && p <= 65535 && (i === 0 || p > list[i - 1]!))
            expect(ok).toBe(true)
          }
        } catch (e) {
          expect(e).toBeInstanceOf(MamoriError)
        }
      }),
      { numRuns: 300 },
    )
  })
})

describe('service guesses', () => {
  it.each([
    [104, 'tcp', 'dicom'],
    [11112, 'tcp', 'dicom'],
    [2575, 'tcp', 'hl7'],
    [161, 'udp', 'snmp'],
    [445, 'tcp', 'smb'],
    [12345, 'tcp', null],
  ] as const)('%i/%s → %s', (port, transport, name) => {
    expect(guessService(port, transport)).toBe(name)
  })
  it('banners correct the port guess', () => {
    expect(guessServiceFromBanner(2222, 'SSH-2.0-OpenSSH_9.2')).toBe('ssh')
    expect(guessServiceFromBanner(2121, '220 (vsFTPd 3.0.3)\r\n')).toBe('ftp')
    expect(guessServiceFromBanner(25, '220 mail ESMTP Postfix')).toBe('smtp')
    expect(guessServiceFromBanner(2323, '\\xff\\xfd\\x18')).toBe('telnet')
    expect(guessServiceFromBanner(5900, null)).toBe('vnc')
  })
})
