import { describe, expect, it } from 'vitest'
import { normalizeIp, normalizeMac, splitList } from './address.js'

describe('normalizeMac', () => {
  it.each([
    ['00:1A:2B:3C:4D:5E', '00:1a:2b:3c:4d:5e'],
    ['00-1a-2b-3c-4d-5e', '00:1a:2b:3c:4d:5e'],
    ['001a.2b3c.4d5e', '00:1a:2b:3c:4d:5e'],
    ['001A2B3C4D5E', '00:1a:2b:3c:4d:5e'],
    ['00:1a:2b:3c:4d', null],
    ['zz:1a:2b:3c:4d:5e', null],
    ['', null],
  ])('%s -> %s', (input, expected) => {
    expect(normalizeMac(input)).toBe(expected)
  })
})

describe('normalizeIp', () => {
  it.each([
    ['10.0.0.1', '10.0.0.1'],
    [' 192.168.1.20 ', '192.168.1.20'],
    ['fe80::1', 'fe80::1'],
    ['2001:db8:0:0:0:0:0:1', '2001:db8::1'],
    ['10.1', null],
    ['256.0.0.1', null],
    ['host.local', null],
  ])('%s -> %s', (input, expected) => {
    expect(normalizeIp(input)).toBe(expected)
  })
})

it('splitList splits on the separators people use in spreadsheets', () => {
  expect(splitList('10.0.0.1; 10.0.0.2,10.0.0.3、10.0.0.4')).toEqual(['10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.4'])
})
