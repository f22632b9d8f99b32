import { describe, expect, it } from 'vitest'
import { matchPurl, parsePurl } from './purl.js'

describe('purl', () => {
  it('reads a purl with the type-specific normalisation', () => {
    expect(parsePurl('pkg:NPM/%40Angular/Core@1.2.3')).toEqual({
      purl: { type: 'npm', namespace: '@angular', name: 'core', version: '1.2.3', qualifiers: {} },
    })
    expect('error' in parsePurl('lodash@4.17.20')).toBe(true)
  })

  it.each([
    ['pkg:npm/lodash@4.17.20', 'pkg:npm/lodash', 'vers:npm/<4.17.21', true],
    ['pkg:npm/lodash@4.17.21', 'pkg:npm/lodash', 'vers:npm/<4.17.21', false],
    ['pkg:npm/lodash@4.17.20', 'pkg:npm/lodash@4.17.20', null, true],
    ['pkg:npm/lodash@4.17.19', 'pkg:npm/lodash@4.17.20', null, false],
    ['pkg:pypi/Django_Rest@3.0', 'pkg:pypi/django-rest', null, true],
    ['pkg:npm/underscore@1.0', 'pkg:npm/lodash', null, false],
    ['pkg:npm/lodash', 'pkg:npm/lodash', 'vers:npm/<4.17.21', null],
    ['not a purl', 'pkg:npm/lodash', null, null],
  ])('%s against %s %s → %s', (component, product, range, expected) => {
    const a = matchPurl(component, product, range)
    expect(a.matches).toBe(expected)
    expect(a.why.ja.length).toBeGreaterThan(0)
  })
})
