import { describe, expect, it } from 'vitest'
import { inRange, parseVersionRange } from '../vulns/version-range.js'
import { compareVersionKeys, compareVersions, versionKey } from './version.js'

const sign = (n: number) => Math.sign(n) || 0

describe('compareVersions: vendor version forms', () => {
  it.each([
    ['3.1.2 build 45', '3.1.2 build 100', -1],
    ['3.1.2 build 45', '3.1.3', -1],
    ['3.1.2 build 45', '3.1.2', 1],
    ['V2.0 SP1', 'V2.0', 1],
    ['V2.0 SP1', 'V2.0 SP2', -1],
    ['V2.0 SP1', '2.1', -1],
    ['R10.2', 'R9.8', 1],
    ['R10.2', '10.2', 0],
    ['2023.3_Build_9342', '2023.3_Build_10001', -1],
    ['2023.3_Build_9342', '2023.4', -1],
    ['01-23', '02-10', -1],
    ['Ver.01-23', '01-23', 0],
    ['1.0 beta', '1.0', -1],
    ['1.0-rc1', '1.0.1', -1],
    ['1.10', '1.9', 1],
  ])('%s vs %s → %i', (a, b, expected) => {
    expect(sign(compareVersions(a, b))).toBe(expected)
    expect(sign(compareVersions(b, a))).toBe(-expected || 0)
  })

  it('reads a version once into comparable parts; no digit is no version (the caller asks a person)', () => {
    expect(versionKey('3.1.2 build 45')).toEqual([3, 1, 2, 45])
    expect(versionKey('2023.3_Build_9342')).toEqual([2023, 3, 9342])
    expect(versionKey('V2.0 SP1')).toEqual([2, 0, 'sp', 1])
    for (const none of ['unknown', 'latest', '-', '*', '']) expect(versionKey(none)).toBeNull()
    expect(compareVersionKeys(versionKey('R10.2')!, versionKey('10.2')!)).toBe(0)
  })

  it.each([
    ['<= 12.2.x.x', '12.2.1.5', true],
    ['<= 12.2.x.x', '12.3', false],
    ['5.0|5.1', '5.1', true],
    ['5.0|5.1', '5.2', false],
    ['< 2.0 SP1', 'V2.0', true],
  ])('range %s holds %s: %s', (range, version, inside) => {
    const text = /^[<>=]/.test(range) ? range : `= ${range}`
    expect(inRange(version, parseVersionRange(text)).inside).toBe(inside)
  })

  it('an unreadable device version against a range is undecided, with the reason', () => {
    const a = inRange('unknown', parseVersionRange('<= 12.2.x.x'))
    expect(a.inside).toBeNull()
    expect(a.why).toContain('"unknown" has no number')
  })
})
