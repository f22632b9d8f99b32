import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { inRange, parseVersionRange } from './version-range.js'

const inside = (range: string, version: string | null) => inRange(version, parseVersionRange(range)).inside

describe('parseVersionRange: the forms CISA medical advisories use', () => {
  it.each([
    ['vers:all/*', 'all'],
    ['vers:generic/>=1.2|<2.0', 'constraints'],
    ['<= 12.2.x.x', 'constraints'],
    ['>= 1.0.0 | <= 1.1.1', 'constraints'],
    ['< 1.8.4 Service Pack 01', 'constraints'],
    ['<= 2.01 (end-of-life Nov 2017)', 'constraints'],
    ['<  july 1 2017', 'date'],
    ['<May 2018', 'date'],
    ['distributed  < april 1, 2018', 'date'],
    ['< august 28', 'unparsed'],
    ['<= U61 |<= L81', 'unparsed'],
    ['A10 < A11', 'unparsed'],
    ['A.01 <= C.0x | 4.0', 'unparsed'],
    ['v8.x (with Wireless Battery Modules v17 | v17D19 | >= v20D29 | <= v20D32)', 'unparsed'],
    ['', 'unparsed'],
  ])('%s → %s', (text, kind) => {
    expect(parseVersionRange(text).kind).toBe(kind)
  })

  it('keeps the remark and the dates as written', () => {
    expect(parseVersionRange('<= 2.01 (end-of-life Nov 2017)')).toMatchObject({ note: 'end-of-life Nov 2017' })
    expect(parseVersionRange('<  july 1 2017')).toMatchObject({ comparator: '<', date: '2017-07-01' })
    expect(parseVersionRange('<May 2018')).toMatchObject({ date: '2018-05-01' })
  })
})

describe('inRange', () => {
  it.each([
    ['<= 12.2.x.x', '12.2.5.1', true],
    ['<= 12.2.x.x', '12.2', true],
    ['<= 12.2.x.x', '12.3.0', false],
    ['< 3.x', '2.9.9', true],
    ['< 3.x', '3.1', false],
    ['>= 1.0.0 | <= 1.1.1', '1.0.5', true],
    ['>= 1.0.0 | <= 1.1.1', '1.2', false],
    ['>= 1.0.0 | <= 1.1.1', '0.9', false],
    ['vers:generic/>=1.2|<2.0', '1.10', true],
    ['vers:generic/>=1.2|<2.0', '2.0', false],
    ['< 1.8.4 Service Pack 01', '1.8.4', true],
    ['< 1.8.4 Service Pack 01', '1.8.4 SP2', false],
    ['<= R8.0.3', 'R8.0.2', true],
    ['<= 3.0 D15', 'V3.0 D14', true],
    ['< B.06.18', 'B.06.17', true],
    ['< B.06.18', 'B.07', false],
    ['>= 2018-1 | <= 2021-1', '2019-3', true],
    ['vers:all/*', null, true],
    ['= 5.0 | = 5.1', '5.1', true],
    ['= 5.0 | = 5.1', '5.2', false],
    ['vers:generic/!=2.0', '2.0', false],
  ])('%s contains %s: %s', (range, version, expected) => {
    expect(inside(range, version)).toBe(expected)
  })

  it('cannot tell without a version, for a date range, or for text it could not read — and says why', () => {
    expect(inRange(null, parseVersionRange('< 2.0'))).toEqual({
      inside: null,
      why: 'the device has no version to compare',
    })
    expect(inRange('1.0', parseVersionRange('< july 1 2017')).why).toContain('2017-07-01')
    expect(inRange('1.0', parseVersionRange('<= U61 |<= L81')).why).toContain('several upper or lower bounds')
  })

  it('explains an answer with the bounds it used', () => {
    expect(inRange('1.2', parseVersionRange('>= 1.0.0 | <= 1.1.1')).why).toBe('1.2 is not >= 1.0.0 and <= 1.1.1')
  })

  it('never throws, whatever the text and the version', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), fc.option(fc.string({ maxLength: 20 })), (range, version) => {
        const r = inRange(version, parseVersionRange(range))
        expect([true, false, null]).toContain(r.inside)
        expect(r.why.length).toBeGreaterThan(0)
      }),
      { numRuns: 2000 },
    )
  })
})
