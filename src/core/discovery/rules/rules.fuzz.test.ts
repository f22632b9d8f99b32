import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { identifyHost } from '../identify.js'
import type { HostObservation } from '../observation.js'
import { evaluateHost } from './index.js'

const PROBE_IDS = [
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
  'passive',
]

/** Hosts whose probe facts hold anything at all (as if read back from an old or corrupted store). */
const hosts: fc.Arbitrary<HostObservation> = fc.record({
  address: fc.constant('10.0.0.9'),
  mac: fc.option(fc.string(), { nil: null }),
  hostname: fc.constant(null),
  state: fc.constant('up' as const),
  upReason: fc.constant(null),
  complete: fc.boolean(),
  services: fc.array(
    fc.record({
      port: fc.integer({ min: 1, max: 65535 }),
      transport: fc.constantFrom('tcp' as const, 'udp' as const),
      state: fc.constantFrom('open' as const, 'closed' as const, 'filtered' as const, 'open|filtered' as const),
      service: fc.option(fc.constantFrom('telnet', 'ftp', 'http', 'dicom'), { nil: null }),
      banner: fc.option(fc.string(), { nil: null }),
      probes: fc.array(
        fc.record({
          probeId: fc.constantFrom(...PROBE_IDS),
          outcome: fc.constantFrom(
            'observed' as const,
            'absent' as const,
            'unreachable' as const,
            'incomplete' as const,
          ),
          facts: fc.dictionary(
            fc.constantFrom(
              'smbv1',
              'acceptsAnyAet',
              'accepted',
              'versions',
              'certificate',
              'adminPages',
              'tls',
              'isLoginPage',
              'noAuth',
              'anonymous',
              'sysDescr',
              'title',
              'banner',
              'implementationClassUid',
              'acceptsStandardRdp',
              'loginPrompt',
              'capture',
              'cleartextLogins',
              'dicomAssociations',
              'hl7Messages',
              'internetPeers',
              'internetPeerCount',
              'aeTitles',
              'dicomImplementation',
              'dhcp',
              'ntlm',
              'neighbours',
              'names',
            ),
            fc.anything(),
          ),
          evidence: fc.string(),
        }),
        { maxLength: 3 },
      ),
    }),
    { maxLength: 5 },
  ),
})

describe('rules and identification on arbitrary facts', () => {
  it('evaluateHost never throws and no rule falls over', () => {
    fc.assert(
      fc.property(
        hosts,
        fc.option(fc.record({ declaredPorts: fc.array(fc.integer({ min: 1, max: 65535 })) }), { nil: null }),
        (host, ledger) => {
          const findings = evaluateHost(host, ledger)
          expect(findings.filter((f) => f.titleEn.includes('could not run'))).toEqual([])
        },
      ),
      { numRuns: 500 },
    )
  })

  it('identifyHost never throws and keeps confidence in [0, 1]', () => {
    fc.assert(
      fc.property(hosts, fc.option(fc.string(), { nil: null }), (host, vendor) => {
        const id = identifyHost(host, () => vendor)
        expect(id.confidence).toBeGreaterThanOrEqual(0)
        expect(id.confidence).toBeLessThanOrEqual(1)
      }),
      { numRuns: 500 },
    )
  })
})
