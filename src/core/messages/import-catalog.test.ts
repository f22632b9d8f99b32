import { describe, expect, it } from 'vitest'
import { readDate, readEnum, readInt } from '../ledger/cells.js'
import { importText } from '../ledger/import-row.js'
import { en } from './en.js'
import { ja } from './ja.js'
import { bilingual, hasMessage, translate } from './translate.js'

/**
 * The import section of the message catalog (`import.*`, src/core/messages/{en,ja}/import.ts): every problem the
 * ledger import reports, in both languages, with the same parameters. The import's own tests (src/core/ledger,
 * src/importers, test/import) pin the rendered texts byte for byte.
 */

const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1] ?? '').sort()

/** Keys whose Japanese leaves out a parameter the English repeats: an ISO date is written once, not twice. */
const JA_OMITS: Readonly<Record<string, readonly string[]>> = { cellNotRealDateIso: ['value'] }

describe('the import section (import.*)', () => {
  const keys = Object.keys(en.import) as (keyof typeof en.import)[]

  it.each(keys)('%s has an English and a Japanese text with the same parameters', (key) => {
    expect(en.import[key].trim()).not.toBe('')
    expect(ja.import[key].trim()).not.toBe('')
    const omitted = JA_OMITS[key] ?? []
    expect(placeholders(ja.import[key]), key).toEqual(placeholders(en.import[key]).filter((p) => !omitted.includes(p)))
    expect(hasMessage(`import.${key}`)).toBe(true)
  })

  it('Japanese texts are Japanese, not copies of the English', () => {
    for (const key of keys) expect(ja.import[key], key).toMatch(/[\u3040-\u30ff\u3400-\u9fff]/)
  })

  it('lists only parameters the texts use (no `count`, which would make i18next look for plural keys)', () => {
    for (const key of keys) expect(placeholders(en.import[key]), key).not.toContain('count')
  })

  it('renders a bilingual parameter in each language', () => {
    const t = bilingual('import.cellNotInList', { value: 'x', accepted: { en: 'a (甲), b', ja: '甲、b' } })
    expect(t).toEqual({
      en: '"x" is not one of the accepted values: a (甲), b.',
      ja: '"x" は選べる値のどれにも当たりません。次のいずれかを入力してください: 甲、b。',
    })
  })

  it('keeps the cell readers’ texts as they were', () => {
    expect(readDate('2023-02-30')).toEqual({
      error: '"2023-02-30" is not a real calendar date (2023-02-30).',
      errorJa: '2023-02-30 は存在しない日付です。',
    })
    expect(readDate('令和5年2月30日')).toMatchObject({ errorJa: '"令和5年2月30日"(2023-02-30)は存在しない日付です。' })
    expect(readInt('9', 1, 4)).toEqual({
      error: '9 is out of range (1–4).',
      errorJa: '9 は範囲外です(1〜4 の整数を入力してください)。',
    })
    expect(readEnum('青', { red: ['赤'], blue: [] })).toEqual({
      error: '"青" is not one of the accepted values: red (赤), blue.',
      errorJa: '"青" は選べる値のどれにも当たりません。次のいずれかを入力してください: 赤、blue。',
    })
  })

  it('leaves a value that looks like a template alone', () => {
    expect(translate('en', 'import.cellNotADate', { value: '{{x}} $t(import.fileEmpty)' })).toBe(
      '"{{x}} $t(import.fileEmpty)" is not a date. Use YYYY-MM-DD (2023-04-01), YYYY/MM/DD, 2023年4月1日 or 令和5年4月1日.',
    )
  })

  it('importText gives the message / messageJa pair of a problem', () => {
    expect(importText('rowTooWide', { cells: 5, width: 3 })).toEqual({
      message: 'The row has 5 cells but the header only 3; cells right of the header are ignored.',
      messageJa: 'この行は 5 列ありますが、見出しは 3 列です。見出しより右のセルは取り込みません。',
    })
  })
})
