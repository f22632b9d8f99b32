import { Badge, Button, Group } from '@mantine/core'
import { IconDownload } from '@tabler/icons-react'
import { useMutation } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { ErrorAlert } from '../../components/common.js'
import type { BidAnswerValue } from '../../data/procurement.js'
import { downloadFile } from '../../data/reports.js'

export const ANSWER_COLOR: Record<BidAnswerValue, string> = {
  yes: 'teal',
  partial: 'yellow',
  no: 'red',
  unknown: 'gray',
}

/** A vendor's answer as a coloured badge (はい / 一部 / いいえ / 不明; 未回答 when there is none). */
export function AnswerBadge({ answer }: { answer: BidAnswerValue | null | undefined }) {
  const { t } = useTranslation()
  if (!answer)
    return (
      <Badge color="gray" variant="outline" data-answer="none">
        {t('procurement.answer.none')}
      </Badge>
    )
  return (
    <Badge color={ANSWER_COLOR[answer]} variant="light" data-answer={answer}>
      {t(`procurement.answer.${answer}`)}
    </Badge>
  )
}

/** Mandatory requirements not met, as red badges with the requirement ids. */
export function GapBadges({ gaps }: { gaps: readonly string[] }) {
  const { t } = useTranslation()
  if (gaps.length === 0)
    return (
      <Badge color="teal" variant="light">
        {t('procurement.noGaps')}
      </Badge>
    )
  return (
    <Group gap={4} aria-label={t('procurement.col.gaps')}>
      {gaps.map((g) => (
        <Badge key={g} color="red" variant="filled" data-gap={g}>
          {g}
        </Badge>
      ))}
    </Group>
  )
}

/** One download button: the file comes with the session; a refusal shows its message below. */
export function DownloadButton({ path, fallback, label }: { path: string; fallback: string; label: string }) {
  const dl = useMutation({ mutationFn: () => downloadFile(path, fallback) })
  return (
    <div>
      <Button
        variant="default"
        size="sm"
        leftSection={<IconDownload size={16} />}
        loading={dl.isPending}
        onClick={() => dl.mutate()}
      >
        {label}
      </Button>
      {dl.error && <ErrorAlert error={dl.error} />}
    </div>
  )
}
