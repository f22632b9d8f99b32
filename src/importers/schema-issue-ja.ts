import type { z } from 'zod'
import { type MessageParams, translate } from '../core/messages/translate.js'

/**
 * Japanese text for a schema issue from `deviceInput` (zod 4 issue codes), naming the column as the file writes it
 * (or the field's Japanese header). zod's own messages are English only (they stay the English half of the problem);
 * the codes carry the limits we need. The texts are the catalog's `import.schema*` keys.
 */
export function zodIssueJa(issue: z.core.$ZodIssue, label: string): string {
  // An element of a list (["ipAddresses", 3]) is named by its position, as people count: 4 番目.
  const at = typeof issue.path[1] === 'number' ? issue.path[1] + 1 : null
  const where = {
    en: at === null ? `"${label}"` : `"${label}" (value ${at})`,
    ja: `「${label}」${at === null ? '' : ` の ${at} 番目の値`}`,
  }
  const ja = (key: string, params: MessageParams = {}) => translate('ja', `import.${key}`, { where, ...params })
  switch (issue.code) {
    case 'too_big': {
      const max = String(issue.maximum)
      if (issue.origin === 'string') return ja('schemaTooLong', { max })
      if (issue.origin === 'array' || issue.origin === 'set') return ja('schemaTooMany', { max })
      return ja('schemaTooBig', { max })
    }
    case 'too_small': {
      const min = String(issue.minimum)
      if (issue.origin === 'string') return min === '1' ? ja('schemaEmpty') : ja('schemaTooShort', { min })
      if (issue.origin === 'array' || issue.origin === 'set') return ja('schemaTooFew', { min })
      return ja('schemaTooSmall', { min })
    }
    case 'invalid_type':
      return ja('schemaBadType')
    case 'invalid_value':
      return ja('schemaNotInList', {
        accepted: { en: issue.values.map(String).join(', '), ja: issue.values.map(String).join('、') },
      })
    case 'invalid_format':
      return issue.format === 'regex' && /date/i.test(issue.message) ? ja('schemaNotADate') : ja('schemaBadFormat')
    case 'custom':
      return /calendar date/i.test(issue.message) ? ja('schemaNotRealDate') : ja('schemaInvalid')
    default:
      return ja('schemaInvalid')
  }
}
