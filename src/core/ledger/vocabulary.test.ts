import { describe, expect, it } from 'vitest'
import { CONNECTION_TYPES, DEVICE_CATEGORIES, DEVICE_KINDS, DEVICE_STATUSES, USAGE_ENVIRONMENTS } from './device.js'
import { CATEGORY_WORDS, CONNECTION_WORDS, KIND_WORDS, STATUS_WORDS, USAGE_WORDS } from './vocabulary.js'

describe('vocabulary', () => {
  it.each([
    ['kind', DEVICE_KINDS, KIND_WORDS],
    ['category', DEVICE_CATEGORIES, CATEGORY_WORDS],
    ['connection type', CONNECTION_TYPES, CONNECTION_WORDS],
    ['usage environment', USAGE_ENVIRONMENTS, USAGE_WORDS],
    ['status', DEVICE_STATUSES, STATUS_WORDS],
  ] as const)('every %s id has words, and only those ids', (_name, ids, words) => {
    expect(Object.keys(words).sort()).toEqual([...ids].sort())
    for (const list of Object.values(words)) expect(list.length).toBeGreaterThan(0)
  })
})
