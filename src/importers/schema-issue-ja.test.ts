import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { zodIssueJa } from './schema-issue-ja.js'

/** The Japanese of each zod issue the device schema raises, from the catalog's `import.schema*` keys. */
const issueOf = (schema: z.ZodType, value: unknown) => {
  const r = schema.safeParse(value)
  if (r.success) throw new Error('expected an issue')
  return r.error.issues[0]!
}

describe('zodIssueJa', () => {
  it.each([
    ['too long', z.object({ a: z.string().max(3) }), { a: 'abcd' }, '「型式」が長すぎます。3 文字以内にしてください。'],
    ['empty', z.object({ a: z.string().min(1) }), { a: '' }, '「型式」が空です。値を入力してください。'],
    ['too short', z.object({ a: z.string().min(3) }), { a: 'a' }, '「型式」が短すぎます。3 文字以上にしてください。'],
    [
      'too many',
      z.object({ a: z.array(z.string()).max(1) }),
      { a: ['x', 'y'] },
      '「型式」の数が多すぎます。1 個までにしてください。',
    ],
    ['too big', z.object({ a: z.number().max(4) }), { a: 9 }, '「型式」が大きすぎます。4 以下にしてください。'],
    ['wrong type', z.object({ a: z.string() }), { a: 1 }, '「型式」の値の形式が正しくありません。'],
    [
      'not in list',
      z.object({ a: z.enum(['x', 'y']) }),
      { a: 'z' },
      '「型式」は選べる値のどれにも当たりません(選べる値: x、y)。',
    ],
    [
      'list element',
      z.object({ a: z.array(z.string().max(2)) }),
      { a: ['ok', 'long'] },
      '「型式」 の 2 番目の値が長すぎます。2 文字以内にしてください。',
    ],
    ['custom', z.object({ a: z.string().refine(() => false, 'nope') }), { a: 'x' }, '「型式」の値が正しくありません。'],
  ])('%s', (_name, schema, value, expected) => {
    expect(zodIssueJa(issueOf(schema, value), '型式')).toBe(expected)
  })
})
