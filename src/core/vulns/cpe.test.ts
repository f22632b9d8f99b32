import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { type Configuration, configurationApplies, cpeMatches, parseCpe } from './cpe.js'

const cpe = (s: string) => parseCpe(s)!

describe('parseCpe', () => {
  it('reads CPE 2.3 with escaped colons and refuses what is not one', () => {
    expect(cpe('cpe:2.3:o:microsoft:windows_xp:-:sp3:*:*:*:*:*:*')).toMatchObject({
      part: 'o',
      product: 'windows_xp',
      version: '-',
      update: 'sp3',
    })
    expect(cpe('cpe:2.3:a:vendor:prod\\:uct:1.0:*:*:*:*:*:*:*').product).toBe('prod\\:uct')
    expect(parseCpe('cpe:/o:microsoft:windows_xp')).toBeNull()
    expect(parseCpe('cpe:2.3:x:a:b:c:*:*:*:*:*:*:*')).toBeNull()
  })
  it('never throws', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 120 }), (s) => void parseCpe(s)),
      { numRuns: 1000 },
    )
  })
})

describe('cpeMatches', () => {
  it.each([
    [
      { criteria: 'cpe:2.3:o:microsoft:windows_xp:-:*:*:*:*:*:*:*' },
      'cpe:2.3:o:microsoft:windows_xp:-:sp3:*:*:*:*:*:*',
      true,
    ],
    [
      {
        criteria: 'cpe:2.3:a:apache:tomcat:*:*:*:*:*:*:*:*',
        versionStartIncluding: '9.0.0',
        versionEndExcluding: '9.0.31',
      },
      'cpe:2.3:a:apache:tomcat:9.0.30:*:*:*:*:*:*:*',
      true,
    ],
    [
      {
        criteria: 'cpe:2.3:a:apache:tomcat:*:*:*:*:*:*:*:*',
        versionStartIncluding: '9.0.0',
        versionEndExcluding: '9.0.31',
      },
      'cpe:2.3:a:apache:tomcat:9.0.31:*:*:*:*:*:*:*',
      false,
    ],
    [
      { criteria: 'cpe:2.3:a:apache:tomcat:*:*:*:*:*:*:*:*', versionEndIncluding: '8.5.50' },
      'cpe:2.3:a:apache:tomcat:*:*:*:*:*:*:*:*',
      false,
    ],
    [
      { criteria: 'cpe:2.3:h:philips:intellivue_mx*:-:*:*:*:*:*:*:*' },
      'cpe:2.3:h:philips:intellivue_mx450:-:*:*:*:*:*:*:*',
      true,
    ],
    [
      { criteria: 'cpe:2.3:o:microsoft:windows_7:-:*:*:*:*:*:*:*' },
      'cpe:2.3:o:microsoft:windows_xp:-:*:*:*:*:*:*:*',
      false,
    ],
  ])('%j vs %s → %s', (m, c, expected) => {
    expect(cpeMatches({ vulnerable: true, ...m }, cpe(c))).toBe(expected)
  })
})

describe('configurationApplies: NVD AND/OR semantics', () => {
  // Firmware on hardware: vulnerable firmware only on the named device (NVD "running on/with").
  const firmwareOnDevice: Configuration = {
    nodes: [
      {
        operator: 'AND',
        nodes: [
          {
            operator: 'OR',
            cpeMatch: [
              {
                vulnerable: true,
                criteria: 'cpe:2.3:o:example:pump_firmware:*:*:*:*:*:*:*:*',
                versionEndExcluding: '3.0',
              },
            ],
          },
          { operator: 'OR', cpeMatch: [{ vulnerable: false, criteria: 'cpe:2.3:h:example:sp-2000:-:*:*:*:*:*:*:*' }] },
        ],
      },
    ],
  }
  const firmware = (v: string) => cpe(`cpe:2.3:o:example:pump_firmware:${v}:*:*:*:*:*:*:*`)
  const pump = cpe('cpe:2.3:h:example:sp-2000:-:*:*:*:*:*:*:*')
  const otherPump = cpe('cpe:2.3:h:example:sp-9000:-:*:*:*:*:*:*:*')

  it('matches firmware on hardware only when both hold', () => {
    expect(configurationApplies(firmwareOnDevice, [firmware('2.1'), pump])).toEqual({
      applies: true,
      vulnerableVia: ['cpe:2.3:o:example:pump_firmware:*:*:*:*:*:*:*:*'],
    })
    expect(configurationApplies(firmwareOnDevice, [firmware('2.1'), otherPump]).applies).toBe(false)
    expect(configurationApplies(firmwareOnDevice, [firmware('3.0'), pump]).applies).toBe(false)
  })

  it('a platform alone is not a vulnerability', () => {
    const platformOnly: Configuration = {
      nodes: [
        { operator: 'OR', cpeMatch: [{ vulnerable: false, criteria: 'cpe:2.3:h:example:sp-2000:-:*:*:*:*:*:*:*' }] },
      ],
    }
    expect(configurationApplies(platformOnly, [pump]).applies).toBe(false)
  })

  it('honours negate', () => {
    const notOnWindows7: Configuration = {
      nodes: [
        {
          operator: 'AND',
          nodes: [
            { operator: 'OR', cpeMatch: [{ vulnerable: true, criteria: 'cpe:2.3:a:example:viewer:*:*:*:*:*:*:*:*' }] },
            {
              operator: 'OR',
              negate: true,
              cpeMatch: [{ vulnerable: false, criteria: 'cpe:2.3:o:microsoft:windows_7:-:*:*:*:*:*:*:*' }],
            },
          ],
        },
      ],
    }
    const viewer = cpe('cpe:2.3:a:example:viewer:1.0:*:*:*:*:*:*:*')
    expect(configurationApplies(notOnWindows7, [viewer]).applies).toBe(true)
    expect(
      configurationApplies(notOnWindows7, [viewer, cpe('cpe:2.3:o:microsoft:windows_7:-:*:*:*:*:*:*:*')]).applies,
    ).toBe(false)
  })
})
