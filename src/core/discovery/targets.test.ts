import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { MamoriError } from '../errors.js'
import {
  canonicalAddress,
  countAddresses,
  expandTargets,
  needsConfirmation,
  parseAddress,
  parseTargets,
} from './targets.js'

const expand = (input: string) => [...expandTargets(parseTargets(input))]

describe('parseTargets', () => {
  it.each([
    ['10.0.0.5', ['10.0.0.5']],
    ['10.0.0.0/30', ['10.0.0.0', '10.0.0.1', '10.0.0.2', '10.0.0.3']],
    ['10.0.0.5/30', ['10.0.0.4', '10.0.0.5', '10.0.0.6', '10.0.0.7']],
    ['10.0.0.1-3', ['10.0.0.1', '10.0.0.2', '10.0.0.3']],
    ['10.0.0.254-10.0.1.1', ['10.0.0.254', '10.0.0.255', '10.0.1.0', '10.0.1.1']],
    ['fe80::1', ['fe80::1']],
    ['2001:db8::/126', ['2001:db8::', '2001:db8::1', '2001:db8::2', '2001:db8::3']],
    ['::1-::2', ['::1', '::2']],
    ['::ffff:10.0.0.1', ['10.0.0.1']],
    ['10.0.0.1, 10.0.0.2;10.0.0.1 10.0.0.3', ['10.0.0.1', '10.0.0.2', '10.0.0.3']],
  ])('%s', (input, expected) => {
    expect(expand(input)).toEqual(expected)
  })

  it.each([
    ['10.0.0.300', 'TARGET_INVALID', /"10\.0\.0\.300".*not an IP address/],
    ['10.1', 'TARGET_INVALID', /not an IP address, CIDR block or range/],
    ['010.0.0.1', 'TARGET_INVALID', /not an IP address/],
    ['10.0.0.0/33', 'TARGET_INVALID', /prefix length "\/33" must be a number from 0 to 32/],
    ['10.0.0.0/x', 'TARGET_INVALID', /prefix length/],
    ['10.0.0.9-3', 'TARGET_INVALID', /ends before it starts/],
    ['10.0.0.1-256', 'TARGET_INVALID', /last octet "256"/],
    ['10.0.0.1-::1', 'TARGET_INVALID', /both ends must be IPv4 or both IPv6/],
    ['pacs.hospital.local', 'TARGET_HOSTNAME', /host names are not accepted here/],
    ['fe80::1%eth0', 'TARGET_INVALID', /not an IP address/],
    ['', 'TARGET_INVALID', /no target was given/],
  ])('refuses %s with %s', (input, code, message) => {
    try {
      parseTargets(input)
      expect.unreachable()
    } catch (e) {
      expect(e).toBeInstanceOf(MamoriError)
      if (!(e instanceof MamoriError)) return
      expect(e.code).toBe(code)
      expect(e.message).toMatch(message)
      expect(e.message).toMatch(/Accepted forms: an IPv4 or IPv6 address/)
    }
  })

  it('counts without expanding and asks for confirmation above the threshold', () => {
    expect(countAddresses(parseTargets('10.0.0.0/8'))).toBe(16777216n)
    expect(countAddresses(parseTargets('2001:db8::/64'))).toBe(1n << 64n)
    expect(needsConfirmation(parseTargets('10.0.0.0/22'))).toBe(false) // 1024: at the threshold
    expect(needsConfirmation(parseTargets('10.0.0.0/21'))).toBe(true)
    expect(needsConfirmation(parseTargets('10.0.0.0/24'), 100)).toBe(true)
  })

  it('expands lazily: the first address of a /8 comes without walking the rest', () => {
    const it = expandTargets(parseTargets('10.0.0.0/8'))
    expect(it.next().value).toBe('10.0.0.0')
    expect(it.next().value).toBe('10.0.0.1')
  })

  it('canonicalises addresses', () => {
    expect(canonicalAddress('2001:DB8:0:0::1')).toBe('2001:db8::1')
    expect(canonicalAddress('nope')).toBeNull()
    expect(parseAddress('1.2.3.4')).toEqual({ family: 4, value: 0x01020304n })
  })
})

describe('parseTargets fuzz', () => {
  const check = (s: string) => {
    try {
      const ranges = parseTargets(s)
      for (const r of ranges) expect(r.last >= r.first).toBe(true)
    } catch (e) {
      expect(e).toBeInstanceOf(MamoriError)
    }
  }
  it('random text gives ranges or a MamoriError, never a crash', () => {
    fc.assert(fc.property(fc.string({ maxLength: 80 }), check), { numRuns: 2000 })
  })
  it('target-like text gives ranges or a MamoriError', () => {
    const part = fc.oneof(fc.nat(300).map(String), fc.constantFrom('', '0', '00', '::', 'ff', 'x'))
    const target = fc
      .tuple(part, part, part, part, fc.constantFrom('', '/', '-', '/24', '-5', '/129', ':', '%'), part)
      .map(([a, b, c, d, sep, e]) => `${a}.${b}.${c}.${d}${sep}${e}`)
    fc.assert(fc.property(target, check), { numRuns: 2000 })
  })
})
