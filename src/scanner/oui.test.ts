import { describe, expect, it } from 'vitest'
import { lookupVendor, normalizeMac } from './oui.js'

describe('lookupVendor', () => {
  it.each([
    ['00:09:5c:12:34:56', /^Philips Medical Systems/],
    ['00-09-5C-12-34-56', /^Philips Medical Systems/],
    ['0009.5c12.3456', /^Philips Medical Systems/],
    ['00:19:d1:00:00:01', /^Intel Corporate/],
  ])('%s → %s', (mac, vendor) => {
    expect(lookupVendor(mac)).toMatch(vendor)
  })

  it('prefers the longer MA-M assignment over the MA-L block it sits in', () => {
    // 10:06:48 is an MA-L block owned by the IEEE RA itself, split into MA-M assignments (10:06:48:0… etc.).
    expect(lookupVendor('10:06:48:01:23:45')).toMatch(/^FLEXTRONICS TECHNOLOGIES/)
  })

  it.each(['02:00:00:00:00:01', 'da:a1:19:00:00:01', 'not a mac', '00:09:5c', ''])('%s → null', (mac) => {
    expect(lookupVendor(mac)).toBeNull()
  })

  it('normalises spellings', () => {
    expect(normalizeMac('aa:bb:cc:dd:ee:ff')).toBe('AABBCCDDEEFF')
    expect(normalizeMac('aabb.ccdd.eeff')).toBe('AABBCCDDEEFF')
    expect(normalizeMac('aa:bb:cc:dd:ee')).toBeNull()
  })
})
