import { Group, SegmentedControl, Stack, Text, TextInput } from '@mantine/core'
import { memo } from 'react'
import { useTranslation } from 'react-i18next'
import type { DisclosureQuestion } from '../../data/disclosures.js'

/** One typed-in answer: the value (null = unanswered), words after it, and the notes it points to ("1, 3"). */
export interface Draft {
  value: 'yes' | 'no' | 'na' | 'see-notes' | null
  comment: string
  noteRefs: string
}

export const EMPTY_DRAFT: Draft = { value: null, comment: '', noteRefs: '' }

const VALUES = ['unanswered', 'yes', 'no', 'na', 'see-notes'] as const

/** A control's value as an answer (`unanswered` → null). */
function answerOf(v: string): Draft['value'] {
  return v === 'yes' || v === 'no' || v === 'na' || v === 'see-notes' ? v : null
}

/** Whether a draft says anything (only those are sent). */
export function isAnswered(d: Draft | undefined): d is Draft {
  return Boolean(d && (d.value !== null || d.comment.trim() || d.noteRefs.trim()))
}

/** "1, 3" → [1, 3]; anything that is not a number from 1 to 999 is left out. */
export function parseNoteRefs(text: string): number[] {
  return text
    .split(/[,、\s]+/)
    .map((s) => Number.parseInt(s, 10))
    .filter((n) => Number.isInteger(n) && n >= 1 && n <= 999)
}

/**
 * One question of the hand-entry form: はい / いいえ / 該当なし / 注記参照 / 未回答 and a comment (a text or date
 * question takes only the text). Memoised: typing in one of ~225 questions re-renders only that one.
 */
export const QuestionRow = memo(function QuestionRow({
  question,
  draft,
  en,
  onChange,
}: {
  question: DisclosureQuestion
  draft: Draft
  en: boolean
  onChange: (id: string, draft: Draft) => void
}) {
  const { t } = useTranslation()
  const text = en ? question.textEn : question.textJa
  const yesNo = question.kind === 'yes-no'
  return (
    <Stack gap={4} py={6} data-question={question.id} style={{ borderBottom: '1px solid var(--mantine-color-gray-2)' }}>
      <Group gap="xs" wrap="nowrap" align="flex-start">
        <Text size="sm" fw={600} className="mono" miw={90}>
          {question.id}
        </Text>
        <Text size="sm">{text}</Text>
      </Group>
      <Group gap="sm" wrap="wrap" pl={98}>
        {yesNo && (
          <SegmentedControl
            size="xs"
            aria-label={`${question.id} ${t('disclosureUi.answers.answer')}`}
            value={draft.value ?? 'unanswered'}
            onChange={(v) => onChange(question.id, { ...draft, value: answerOf(v) })}
            data={VALUES.map((v) => ({ value: v, label: t(`disclosureUi.answer.${v}`) }))}
          />
        )}
        <TextInput
          size="xs"
          w={yesNo ? 280 : 420}
          aria-label={`${question.id} ${t(yesNo ? 'disclosureUi.answers.comment' : 'disclosureUi.manual.text')}`}
          placeholder={t(yesNo ? 'disclosureUi.manual.commentPlaceholder' : 'disclosureUi.manual.textPlaceholder')}
          value={draft.comment}
          onChange={(e) => onChange(question.id, { ...draft, comment: e.currentTarget.value })}
        />
        {yesNo && (
          <TextInput
            size="xs"
            w={120}
            aria-label={`${question.id} ${t('disclosureUi.answers.notes')}`}
            placeholder={t('disclosureUi.manual.noteRefsPlaceholder')}
            value={draft.noteRefs}
            onChange={(e) => onChange(question.id, { ...draft, noteRefs: e.currentTarget.value })}
          />
        )}
      </Group>
    </Stack>
  )
})
