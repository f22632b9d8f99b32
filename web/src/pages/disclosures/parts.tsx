import { Anchor, Badge, Breadcrumbs, Group, Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router-dom'

/** Where the catalog shows a model (the catalog pages own that route). */
export function modelPath(id: string): string {
  return `/catalog/models/${encodeURIComponent(id)}`
}

/** A model as "Vendor Name", linked to its catalog page; a dash when the disclosure has no model. */
export function ModelLink({ model }: { model: { id: string; vendor: string; name: string } | null }) {
  const { t } = useTranslation()
  if (!model) {
    return (
      <Text size="sm" c="dimmed">
        {t('disclosureUi.noModel')}
      </Text>
    )
  }
  return (
    <Anchor component={Link} to={modelPath(model.id)} size="sm">
      {[model.vendor, model.name].filter(Boolean).join(' ')}
    </Anchor>
  )
}

/** The form a disclosure was read from: MDS2 2019 / MDS2 2013 / MDS/SDS / 手入力. */
export function FormBadge({ form }: { form: string }) {
  const { t } = useTranslation()
  return (
    <Badge variant="light" tt="none" color={form === 'manual' ? 'grape' : form === 'mds-sds' ? 'cyan' : 'indigo'}>
      {t(`disclosureUi.form.${form}`, { defaultValue: form })}
    </Badge>
  )
}

/** An answer value in words: はい / いいえ / 該当なし / 注記参照 / 未回答. */
export function useAnswerLabel(): (value: string | null) => string {
  const { t } = useTranslation()
  return (value) => t(`disclosureUi.answer.${value ?? 'unanswered'}`, { defaultValue: value ?? '' })
}

/** Answer value → badge colour (no is what matters most to a hospital). */
export function answerColor(value: string | null): string {
  switch (value) {
    case 'yes':
      return 'teal'
    case 'no':
      return 'red'
    case 'see-notes':
      return 'yellow'
    case 'na':
      return 'gray'
    default:
      return 'orange'
  }
}

/** The answers an output came from, as chips: 「PAUT-1: いいえ」, with the comment when the form had one. */
export function CitationChips({
  citations,
}: {
  citations: readonly { questionId: string; answer: string; comment: string | null }[]
}) {
  const { t } = useTranslation()
  const label = useAnswerLabel()
  if (citations.length === 0) return null
  return (
    <Group gap={6} aria-label={t('disclosureUi.eval.cites')}>
      <Text size="xs" c="dimmed">
        {t('disclosureUi.eval.cites')}:
      </Text>
      {citations.map((c) => (
        <Badge
          key={`${c.questionId}:${c.answer}`}
          variant="outline"
          color={answerColor(c.answer === 'unanswered' ? null : c.answer)}
          tt="none"
          data-citation={c.questionId}
        >
          {`${c.questionId}: ${label(c.answer === 'unanswered' ? null : c.answer)}${c.comment ? `（${c.comment}）` : ''}`}
        </Badge>
      ))}
    </Group>
  )
}

/** Whether the UI speaks English (texts with a Ja/En pair pick the English one). */
export function useIsEnglish(): boolean {
  const { i18n } = useTranslation()
  return (i18n.resolvedLanguage ?? i18n.language).startsWith('en')
}

/** 開示書 › here: the way back to the disclosure list from every sub-page. */
export function DisclosureCrumbs({ here }: { here: string }) {
  const { t } = useTranslation()
  return (
    <Breadcrumbs>
      <Anchor component={Link} to="/disclosures" size="sm">
        {t('nav.disclosures')}
      </Anchor>
      <Text size="sm">{here}</Text>
    </Breadcrumbs>
  )
}
