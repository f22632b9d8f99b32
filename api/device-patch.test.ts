import { describe, expect, it } from 'vitest'
import { devicePatch } from './device.js'

describe('devicePatch', () => {
  it('keeps only the fields that were sent (no defaults filled in)', () => {
    expect(devicePatch.parse({ location: '3F ICU' })).toEqual({ location: '3F ICU' })
    expect(devicePatch.parse({})).toEqual({})
  })

  it('still validates the fields that were sent', () => {
    expect(devicePatch.safeParse({ vlan: 5000 }).success).toBe(false)
    expect(devicePatch.safeParse({ installedOn: '2020-02-30' }).success).toBe(false)
    expect(devicePatch.parse({ kind: 'server', notes: null })).toEqual({ kind: 'server', notes: null })
  })
})
