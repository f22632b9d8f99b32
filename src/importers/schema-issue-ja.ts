import type { z } from 'zod'

/**
 * Japanese text for a schema issue from `deviceInput` (zod 4 issue codes), naming the column as the file writes it
 * (or the field's Japanese header). zod's own messages are English only; the codes carry the limits we need.
 */
export function zodIssueJa(issue: z.core.$ZodIssue, label: string): string {
  // An element of a list (["ipAddresses", 3]) is named by its position, as people count: 4 番目.
  const at = typeof issue.path[1] === 'number' ? ` の ${issue.path[1] + 1} 番目の値` : ''
  const where = `「${label}」${at}`
  switch (issue.code) {
    case 'too_big': {
      const max = String(issue.maximum)
      if (issue.origin === 'string') return `${where}が長すぎます。${max} 文字以内にしてください。`
      if (issue.origin === 'array' || issue.origin === 'set')
        return `${where}の数が多すぎます。${max} 個までにしてください。`
      return `${where}が大きすぎます。${max} 以下にしてください。`
    }
    case 'too_small': {
      const min = String(issue.minimum)
      if (issue.origin === 'string') {
        return min === '1'
          ? `${where}が空です。値を入力してください。`
          : `${where}が短すぎます。${min} 文字以上にしてください。`
      }
      if (issue.origin === 'array' || issue.origin === 'set')
        return `${where}の数が足りません。${min} 個以上にしてください。`
      return `${where}が小さすぎます。${min} 以上にしてください。`
    }
    case 'invalid_type':
      return `${where}の値の形式が正しくありません。`
    case 'invalid_value':
      return `${where}は選べる値のどれにも当たりません(選べる値: ${issue.values.map(String).join('、')})。`
    case 'invalid_format':
      return issue.format === 'regex' && /date/i.test(issue.message)
        ? `${where}は日付として読めません。2023-04-01 のように入力してください。`
        : `${where}の書き方が正しくありません。`
    case 'custom':
      return /calendar date/i.test(issue.message)
        ? `${where}は存在しない日付です。`
        : `${where}の値が正しくありません。`
    default:
      return `${where}の値が正しくありません。`
  }
}
