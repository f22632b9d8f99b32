import { describe, expect, it } from 'vitest'
import { MamoriError } from '../errors.js'
import { DEFAULT_PROFILE, PROFILES, resolveProfile } from './profiles.js'

describe('profiles', () => {
  it('gentle is the default: one connection per host, 5/s per host, 50/s overall, fragile hosts skipped', () => {
    expect(DEFAULT_PROFILE).toBe('gentle')
    expect(resolveProfile()).toMatchObject({
      id: 'gentle',
      perHostConcurrency: 1,
      perHostRate: 5,
      globalRate: 50,
      skipFragile: true,
      retries: 1,
    })
  })

  it('profiles get faster in order', () => {
    expect(PROFILES.standard.perHostConcurrency).toBeGreaterThan(PROFILES.gentle.perHostConcurrency)
    expect(PROFILES.fast.globalConcurrency).toBeGreaterThan(PROFILES.standard.globalConcurrency)
    expect(PROFILES.fast.perHostRate).toBeNull()
  })

  it('applies valid overrides', () => {
    const p = resolveProfile('standard', { perHostRate: 2, globalRate: null, retries: 0, skipFragile: true })
    expect(p).toMatchObject({ perHostRate: 2, globalRate: null, retries: 0, skipFragile: true })
  })

  it.each([
    ['fastest', {}, 'PROFILE_INVALID', /Unknown scan profile "fastest"/],
    ['gentle', { perHostConcurrency: 0 }, 'PROFILE_OVERRIDE_INVALID', /"perHostConcurrency" = 0 .* from 1 to 4096/],
    ['gentle', { perHostConcurrency: 1.5 }, 'PROFILE_OVERRIDE_INVALID', /whole number/],
    ['gentle', { perHostRate: -1 }, 'PROFILE_OVERRIDE_INVALID', /or null for no cap/],
    ['gentle', { perHostConcurrency: null }, 'PROFILE_OVERRIDE_INVALID', /perHostConcurrency/],
    ['gentle', { connectTimeoutMs: '100' }, 'PROFILE_OVERRIDE_INVALID', /"100"/],
    ['gentle', { turbo: true }, 'PROFILE_OVERRIDE_INVALID', /Unknown profile setting "turbo"/],
    ['gentle', { skipFragile: 'no' }, 'PROFILE_OVERRIDE_INVALID', /true or false/],
  ])('refuses %s %j', (id, overrides, code, message) => {
    try {
      resolveProfile(id, overrides)
      expect.unreachable()
    } catch (e) {
      expect(e).toBeInstanceOf(MamoriError)
      if (!(e instanceof MamoriError)) return
      expect(e.code).toBe(code)
      expect(e.message).toMatch(message)
    }
  })
})
