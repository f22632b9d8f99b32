import { describe, expect, it } from 'vitest'
import { MamoriError, notFound } from '../errors.js'
import { en } from './en.js'
import { ERROR_STATUS, type ErrorCode, isErrorCode } from './error-codes.js'
import { ja } from './ja.js'
import { bilingual, hasMessage, translate } from './translate.js'

const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort()

describe('the message catalog', () => {
  const codes = Object.keys(ERROR_STATUS) as ErrorCode[]

  it.each(codes)('%s has an English and a Japanese text with the same parameters', (code) => {
    expect(en.errors[code].trim()).not.toBe('')
    expect(ja.errors[code].trim()).not.toBe('')
    expect(placeholders(ja.errors[code]), code).toEqual(placeholders(en.errors[code]))
    expect(hasMessage(`errors.${code}`)).toBe(true)
  })

  it('Japanese texts are Japanese, not copies of the English', () => {
    for (const code of codes) expect(ja.errors[code], code).toMatch(/[\u3040-\u30ff\u3400-\u9fff]/)
  })

  it('renders parameters, and a bilingual parameter in each language', () => {
    const t = bilingual('errors.NOT_FOUND', { what: { en: 'Device', ja: '機器' }, id: 'ME-1' })
    expect(t.en).toBe('Device "ME-1" was not found.')
    expect(t.ja).toBe('機器「ME-1」が見つかりません。削除された可能性があります。')
    expect(translate('en', 'errors.SCAN_TOO_LARGE', { total: 70000, max: 65536 })).toContain('70000 addresses')
  })

  it('leaves characters as they are (the texts go into JSON and text nodes, never HTML)', () => {
    expect(translate('en', 'errors.SCOPE_EXISTS', { target: '<b>&"x"</b>' })).toBe(
      'The scope <b>&"x"</b> is already approved.',
    )
  })
})

describe('MamoriError.of', () => {
  it('takes its texts and status from the catalog and keeps the parameters for the UI', () => {
    const e = MamoriError.of('SCOPE_EXISTS', { target: '10.0.0.0/24' })
    expect(e.status).toBe(409)
    expect(e.message).toBe('The scope 10.0.0.0/24 is already approved.')
    expect(e.messageJa).toBe('スコープ 10.0.0.0/24 はすでに承認されています。')
    expect(e.params).toEqual({ target: '10.0.0.0/24' })
  })

  it('notFound names the thing in both languages', () => {
    const e = notFound('Scope', 'x', 'スコープ')
    expect([e.code, e.status, e.message, e.messageJa]).toEqual([
      'NOT_FOUND',
      404,
      'Scope "x" was not found.',
      'スコープ「x」が見つかりません。削除された可能性があります。',
    ])
  })

  it('knows its codes', () => {
    expect(isErrorCode('NOT_FOUND')).toBe(true)
    expect(isErrorCode('toString')).toBe(false)
    expect(isErrorCode('NO_SUCH_CODE')).toBe(false)
  })
})

describe('the password policy section (passwordPolicy.*)', () => {
  const keys = Object.keys(en.passwordPolicy) as (keyof typeof en.passwordPolicy)[]

  it.each(keys)('%s has an English and a Japanese text, the Japanese in Japanese', (key) => {
    expect(en.passwordPolicy[key].trim()).not.toBe('')
    expect(ja.passwordPolicy[key], key).toMatch(/[\u3040-\u30ff\u3400-\u9fff]/)
    expect(placeholders(ja.passwordPolicy[key])).toEqual(placeholders(en.passwordPolicy[key]))
    expect(hasMessage(`passwordPolicy.${key}`)).toBe(true)
  })

  it('is the bilingual why of PASSWORD_WEAK', () => {
    const e = MamoriError.of('PASSWORD_WEAK', { why: bilingual('passwordPolicy.tooShort') })
    expect(e.message).toBe('The password is too weak: The password must have at least 12 characters.')
    expect(e.messageJa).toBe('パスワードが弱すぎます: パスワードは12文字以上にしてください。')
  })
})

describe('the disclosures section (disclosures.*)', () => {
  const keys = Object.keys(en.disclosures) as (keyof typeof en.disclosures)[]

  it.each(keys)('%s has an English and a Japanese text with the same parameters', (key) => {
    expect(en.disclosures[key].trim()).not.toBe('')
    expect(ja.disclosures[key], key).toMatch(/[\u3040-\u30ff\u3400-\u9fff]/)
    expect(placeholders(ja.disclosures[key]), key).toEqual(placeholders(en.disclosures[key]))
    expect(placeholders(en.disclosures[key]), key).not.toContain('count')
    expect(hasMessage(`disclosures.${key}`)).toBe(true)
  })
})
