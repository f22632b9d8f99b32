import { describe, expect, it } from 'vitest'
import { bilingual, hasMessage } from '../messages/translate.js'
import { FINDING_SOURCES, findingSource } from './sources/index.js'

describe.each(FINDING_SOURCES.map((s) => [s.id, s] as const))('finding source %s', (id, source) => {
  it('takes its label from the catalog (findings.source.<id>), in both languages', () => {
    expect(hasMessage(`findings.source.${id}`)).toBe(true)
    expect(source.label).toEqual(bilingual(`findings.source.${id}`))
    expect(source.label.ja).toMatch(/[\u3040-\u30ff\u3400-\u9fff]/)
    expect(source.label.en.trim()).not.toBe('')
  })

  it('is found by its id', () => {
    expect(findingSource(id)).toBe(source)
  })
})

it('the scan source is called a network scan', () => {
  expect(findingSource('scan')?.label).toEqual({ ja: 'ネットワークスキャン', en: 'Network scan' })
})
