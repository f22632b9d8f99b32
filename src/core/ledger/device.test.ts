import { describe, expect, it } from 'vitest'
import { DEVICE_CATEGORIES, DEVICE_KINDS, DEVICE_STATUSES, defaultFields, fieldsOf, TEXT_LIMITS } from './device.js'
import { storedDevice } from './test-rows.js'

describe('device model', () => {
  it.each([
    ['kind', DEVICE_KINDS, 'medical_device'],
    ['category', DEVICE_CATEGORIES, 'other'],
    ['status', DEVICE_STATUSES, 'in_use'],
  ] as const)('the default %s is one of its vocabulary', (field, values, expected) => {
    const d = defaultFields()
    expect(d[field]).toBe(expected)
    expect(values).toContain(d[field])
  })

  it('defaultFields returns a fresh object each time (callers fill it in)', () => {
    const a = defaultFields()
    a.tags.push('x')
    a.customFields.k = 'v'
    expect(defaultFields().tags).toEqual([])
    expect(defaultFields().customFields).toEqual({})
  })

  it.each(Object.entries(TEXT_LIMITS))('text limit of %s is a positive length', (_field, max) => {
    expect(max).toBeGreaterThan(0)
  })

  it('fieldsOf drops what the server keeps and nothing else', () => {
    const d = storedDevice({ assetTag: 'ME-1', name: '輸液ポンプ' })
    const f = fieldsOf(d)
    expect(f).toEqual({ ...defaultFields(), assetTag: 'ME-1', name: '輸液ポンプ' })
    expect(Object.keys(f)).not.toContain('id')
    expect(Object.keys(f)).not.toContain('version')
  })
})
