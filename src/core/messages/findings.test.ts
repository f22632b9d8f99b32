import { describe, expect, it } from 'vitest'
import { FINDING_RULES } from '../discovery/rules/index.js'
import { en } from './en.js'
import { ja } from './ja.js'
import { hasMessage, translate } from './translate.js'

const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort()
const keys = Object.keys(en.findings) as (keyof typeof en.findings)[]

/** The groups of title + detail + recommendation: a rule's id, or `<ruleId>.<variant>` for a rule with several. */
const groups = [...new Set(keys.filter((k) => k.endsWith('.title')).map((k) => k.slice(0, -'.title'.length)))]

describe('the findings section of the catalog', () => {
  it.each(keys)('%s has an English and a Japanese text with the same parameters', (key) => {
    expect(en.findings[key].trim()).not.toBe('')
    expect(ja.findings[key].trim()).not.toBe('')
    expect(placeholders(ja.findings[key]), key).toEqual(placeholders(en.findings[key]))
    expect(hasMessage(`findings.${key}`)).toBe(true)
  })

  it('Japanese texts are Japanese, except the ones that are only brackets or quotes around a value', () => {
    for (const key of keys) {
      const words = ja.findings[key].replace(/\{\{\w+\}\}/g, '')
      if (/^[\s()「」]*$/.test(words)) continue
      expect(ja.findings[key], key).toMatch(/[\u3040-\u30ff\u3400-\u9fff]/)
    }
  })

  it('every rule has a title, a detail and a recommendation in both languages', () => {
    for (const rule of FINDING_RULES) {
      const own = groups.filter((g) => g === rule.id || g.startsWith(`${rule.id}.`))
      expect(own.length, rule.id).toBeGreaterThan(0)
      for (const group of own)
        for (const part of ['title', 'detail', 'recommendation'])
          expect(hasMessage(`findings.${group}.${part}`), `${group}.${part}`).toBe(true)
    }
    // The finding for a rule that threw.
    expect(groups).toContain('rule-error')
  })

  it('every group belongs to a rule (no texts left behind by a removed rule)', () => {
    const ids = FINDING_RULES.map((r) => r.id)
    for (const group of groups.filter((g) => g !== 'rule-error'))
      expect(
        ids.some((id) => group === id || group.startsWith(`${id}.`)),
        group,
      ).toBe(true)
  })

  it('a detail that can be partial ends with the partial-result note, which renders in each language', () => {
    for (const group of groups) {
      const detail = `${group}.detail` as keyof typeof en.findings
      if (!placeholders(en.findings[detail]).includes('note')) continue
      expect(en.findings[detail], group).toMatch(/\{\{note\}\}$/)
      expect(ja.findings[detail], group).toMatch(/\{\{note\}\}$/)
    }
    const why = { en: ' (peer reset)', ja: '(peer reset)' }
    expect(translate('ja', 'findings.partial.note', { why })).toBe(
      ' なお、この確認は途中で終わっています(peer reset)。結果は部分的なものです。',
    )
    expect(translate('en', 'findings.partial.note', { why })).toBe(
      ' Note: this check stopped part-way (peer reset); the result is partial.',
    )
  })

  it('inserts values as they are: no HTML escaping and no second round of interpolation', () => {
    expect(translate('en', 'findings.rule-error.detail', { reason: '<b>{{port}}</b> $t(findings.partial.why)' })).toBe(
      'The observation data had an unexpected shape: <b>{{port}}</b> $t(findings.partial.why)',
    )
  })
})
