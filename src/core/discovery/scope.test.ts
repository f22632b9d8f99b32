import { describe, expect, it } from 'vitest'
import { MamoriError } from '../errors.js'
import { checkScope, ScopeGuard } from './scope.js'

describe('checkScope', () => {
  const scopes = ['10.0.0.0/24', '10.0.1.0/24', '2001:db8::/120']

  it('allows targets entirely inside the approved scopes, across adjacent scopes', () => {
    const r = checkScope(['10.0.0.254-10.0.1.1'], scopes)
    expect(r).toEqual({ allowed: ['10.0.0.254', '10.0.0.255', '10.0.1.0', '10.0.1.1'], refused: [] })
  })

  it('refuses a whole target that reaches outside, with the reason', () => {
    const r = checkScope(['10.0.0.0/22', '10.0.2.5', '10.0.0.7'], scopes)
    expect(r.allowed).toEqual(['10.0.0.7'])
    expect(r.refused).toEqual([
      {
        target: '10.0.0.0/22',
        reason: 'not entirely inside one approved scope (a scan never leaves its approved scope)',
      },
      { target: '10.0.2.5', reason: 'outside every approved scope' },
    ])
  })

  it('removes excluded and never-scan addresses one by one, with their reasons', () => {
    const r = checkScope('10.0.0.0/30', scopes, [{ target: '10.0.0.2', reason: 'ventilator' }, '10.0.0.0'])
    expect(r.allowed).toEqual(['10.0.0.1', '10.0.0.3'])
    expect(r.refused).toEqual([
      { target: '10.0.0.0', reason: 'excluded (excluded from scanning)' },
      { target: '10.0.0.2', reason: 'excluded (ventilator)' },
    ])
  })

  it('says so when no scope is approved at all', () => {
    expect(checkScope('10.0.0.1', []).refused[0]?.reason).toMatch(/no scope has been approved yet/)
  })

  it('does not mix families: a v4 scope never covers v6', () => {
    expect(checkScope('2001:db8::5', ['10.0.0.0/8']).allowed).toEqual([])
    expect(checkScope('2001:db8::5', scopes).allowed).toEqual(['2001:db8::5'])
  })

  it('refuses scans over the hard ceiling', () => {
    expect(() => checkScope('10.0.0.0/8', ['10.0.0.0/8'])).toThrow(/at most 1048576/)
  })

  it('reports a bad scope entry as such', () => {
    try {
      checkScope('10.0.0.1', ['10.0.0.0/40'])
      expect.unreachable()
    } catch (e) {
      expect(e).toBeInstanceOf(MamoriError)
      if (e instanceof MamoriError) expect(e.code).toBe('SCOPE_INVALID')
    }
  })
})

describe('ScopeGuard', () => {
  it('permits only in-scope, non-excluded addresses', () => {
    const g = new ScopeGuard(['127.0.0.0/8'], [{ target: '127.0.0.5', reason: 'infusion pump' }])
    expect(g.permits('127.0.0.1')).toBe(true)
    expect(g.permits('127.0.0.5')).toBe(false)
    expect(g.refusal('127.0.0.5')).toBe('excluded (infusion pump; entry 127.0.0.5)')
    expect(g.refusal('10.0.0.1')).toBe('outside every approved scope')
    expect(g.refusal('::ffff:127.0.0.1')).toBeNull()
    expect(g.refusal('garbage')).toBe('"garbage" is not an IP address')
  })
})
