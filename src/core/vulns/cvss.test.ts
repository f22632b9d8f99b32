import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { cvssSeverity, parseCvss } from './cvss.js'

describe('parseCvss', () => {
  it('scores known vectors', () => {
    expect(parseCvss('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H')).toEqual({
      version: '3.1',
      baseScore: 9.8,
      severity: 'critical',
    })
    expect(parseCvss('CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H')).toEqual({
      version: '3.0',
      baseScore: 7.5,
      severity: 'high',
    })
    // Scope changed, user interaction: the usual reflected cross-site scripting vector.
    expect(parseCvss('CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N')).toMatchObject({
      baseScore: 6.1,
      severity: 'medium',
    })
    // CVSS 4.0: the critical network vector CISA and NVD publish as 9.3, and all-none as 0.
    expect(parseCvss('CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N')).toEqual({
      version: '4.0',
      baseScore: 9.3,
      severity: 'critical',
    })
    expect(parseCvss('CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H')).toMatchObject({
      baseScore: 10,
    })
    expect(parseCvss('CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N')).toMatchObject({
      baseScore: 0,
      severity: 'none',
    })
  })

  it('keeps the base score when temporal or threat metrics follow', () => {
    expect(parseCvss('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:U/RL:O/RC:C')).toMatchObject({ baseScore: 9.8 })
    expect(parseCvss(' CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:U ')).toMatchObject({
      baseScore: 9.3,
    })
  })

  it('refuses incomplete, repeated, unknown or CVSS 2.0 vectors with a reason', () => {
    const bad: [string, RegExp][] = [
      ['CVSS:3.1/AV:N', /AC is missing/],
      ['CVSS:3.1/AV:N/AV:L/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', /AV appears twice/],
      ['CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', /AV:X is not a valid value/],
      ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/FOO:1', /does not know/],
      ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A', /metric:value/],
      ['AV:N/AC:L/Au:N/C:C/I:C/A:C', /CVSS 2\.0/],
      ['CVSS:5.0/AV:N', /must start with/],
      ['', /must start with/],
    ]
    for (const [vector, why] of bad) {
      const r = parseCvss(vector)
      expect('error' in r ? r.error : r).toMatch(why)
    }
  })

  it('never throws, and any score it gives is between 0 and 10 with the matching severity', () => {
    const metric = fc.constantFrom(
      'AV',
      'AC',
      'AT',
      'PR',
      'UI',
      'S',
      'C',
      'I',
      'A',
      'VC',
      'VI',
      'VA',
      'SC',
      'SI',
      'SA',
      'E',
      'X',
    )
    const value = fc.constantFrom('N', 'L', 'H', 'A', 'P', 'R', 'U', 'C', 'X', 'Q', '')
    const vector = fc
      .tuple(
        fc.constantFrom('CVSS:3.0/', 'CVSS:3.1/', 'CVSS:4.0/', 'CVSS:/', ''),
        fc.array(fc.tuple(metric, value), { maxLength: 14 }),
      )
      .map(([p, parts]) => p + parts.map(([k, v]) => `${k}:${v}`).join('/'))
    fc.assert(
      fc.property(fc.oneof(vector, fc.string()), (v) => {
        const r = parseCvss(v)
        if ('error' in r) return typeof r.error === 'string'
        return r.baseScore >= 0 && r.baseScore <= 10 && r.severity === cvssSeverity(r.baseScore)
      }),
      { numRuns: 2000 },
    )
  })
})
