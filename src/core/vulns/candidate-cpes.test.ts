import { describe, expect, it } from 'vitest'
import { builtinAliasRows } from '../catalog/builtin-aliases.js'
import { VendorResolver } from '../catalog/vendor-resolver.js'
import { candidateCpes } from './candidate-cpes.js'

const vendors = new VendorResolver(builtinAliasRows())
const osOf = (os: string) =>
  candidateCpes({ manufacturer: null, model: null, softwareVersion: null, os }, vendors)[0]?.cpe

describe('candidateCpes', () => {
  it.each([
    ['Windows 7 SP1', 'cpe:2.3:o:microsoft:windows_7:-:sp1:*:*:*:*:*:*'],
    ['Windows XP', 'cpe:2.3:o:microsoft:windows_xp:-:*:*:*:*:*:*:*'],
    ['Win XP Professional SP3', 'cpe:2.3:o:microsoft:windows_xp:-:sp3:*:*:*:*:*:*'],
    ['Windows 10 1809', 'cpe:2.3:o:microsoft:windows_10_1809:-:*:*:*:*:*:*:*'],
    ['Windows 10 IoT Enterprise', 'cpe:2.3:o:microsoft:windows_10:-:*:*:*:*:*:*:*'],
    ['Windows Server 2008 R2 SP1', 'cpe:2.3:o:microsoft:windows_server_2008:r2:sp1:*:*:*:*:*:*'],
    ['Windows Embedded Standard 7 SP1', 'cpe:2.3:o:microsoft:windows_embedded_standard_7:-:sp1:*:*:*:*:*:*'],
    ['Linux', 'cpe:2.3:o:linux:linux_kernel:*:*:*:*:*:*:*:*'],
    ['Linux 4.19.0', 'cpe:2.3:o:linux:linux_kernel:4.19.0:*:*:*:*:*:*:*'],
    ['VxWorks 6.9', 'cpe:2.3:o:windriver:vxworks:6.9:*:*:*:*:*:*:*'],
    ['QNX', 'cpe:2.3:o:blackberry:qnx_neutrino_rtos:*:*:*:*:*:*:*:*'],
    ['独自OS', undefined],
  ])('OS %s → %s', (os, expected) => {
    expect(osOf(os)).toBe(expected)
  })

  it('proposes firmware on hardware from the ledger maker (alias table) and model, never with full confidence', () => {
    const out = candidateCpes(
      { manufacturer: '日本光電工業株式会社', model: 'BSM-6501', softwareVersion: 'Ver.01-23', os: 'VxWorks 6.9' },
      vendors,
    )
    expect(out.map((c) => [c.kind, c.cpe])).toEqual([
      ['operating-system', 'cpe:2.3:o:windriver:vxworks:6.9:*:*:*:*:*:*:*'],
      ['firmware', 'cpe:2.3:o:nihon_kohden:bsm-6501_firmware:01-23:*:*:*:*:*:*:*'],
      ['hardware', 'cpe:2.3:h:nihon_kohden:bsm-6501:-:*:*:*:*:*:*:*'],
    ])
    for (const c of out) {
      expect(c.confidence).toBeLessThan(1)
      expect(c.reasons.length).toBeGreaterThan(0)
    }
    expect(out[1]!.reasons[0]!.ja).toContain('別名表により Nihon Kohden')
  })

  it('proposes nothing for a maker a CPE cannot spell', () => {
    expect(
      candidateCpes({ manufacturer: '未登録メーカー', model: 'X-1', softwareVersion: '1', os: null }, vendors),
    ).toEqual([])
  })
})
