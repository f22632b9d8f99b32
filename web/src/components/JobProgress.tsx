import { Alert, Badge, Button, Group, Paper, Progress, Text } from '@mantine/core'
import { IconPlayerStop } from '@tabler/icons-react'
import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import type { Job } from '../../../api/jobs.js'
import { canEdit, useAuth } from '../auth.js'
import { isJobActive, jobPercent, jobStateColor } from '../data/job-state.js'
import { useCancelJob, useJob } from '../data/jobs.js'
import { ErrorAlert, formatNumber, inLanguage } from './common.js'

/**
 * One job's progress, followed with {@link useJob} (polled about every second while it moves): a bar with
 * done/total, what it is doing now (`jobs.phase.<key>`, the key itself when the catalog has no text for it), its
 * state, why it failed, and a Cancel button for engineers and admins (`cancellable={false}` when the page has its
 * own stop button, as the scan page does). `onFinished` runs once when the job ends.
 */
export function JobProgress({
  jobId,
  onFinished,
  cancellable = true,
}: {
  jobId: string
  onFinished?: (job: Job) => void
  cancellable?: boolean
}) {
  const { t, i18n } = useTranslation()
  const lang = i18n.language
  const { user } = useAuth()
  const job = useJob(jobId)
  const cancel = useCancelJob()
  const state = job.data?.state
  const finishedFor = useRef<string | null>(null)

  useEffect(() => {
    if (!job.data || isJobActive(job.data.state) || finishedFor.current === job.data.id) return
    finishedFor.current = job.data.id
    onFinished?.(job.data)
  }, [job.data, onFinished])

  if (job.error) return <ErrorAlert error={job.error} />
  const j = job.data
  if (!j || !state) return <Text c="dimmed">{t('common.loading')}</Text>
  const active = isJobActive(state)
  const pct = jobPercent(j.progress, state)
  const { done, total, phase } = j.progress
  const label = t('jobs.progress')

  return (
    <Paper withBorder p="md" aria-live="polite" aria-label={label}>
      <Group justify="space-between" mb={6}>
        <Group gap="xs">
          <Text size="sm" fw={600}>
            {label}
          </Text>
          <Badge variant="light" color={jobStateColor(state)}>
            {t(`jobs.state.${state}`, { defaultValue: state })}
          </Badge>
        </Group>
        <Text size="sm">{pct === null ? '…' : `${pct}%`}</Text>
      </Group>
      <Progress value={pct ?? 100} animated={active} striped={pct === null} aria-label={label} />
      <Group justify="space-between" mt="xs">
        <Text size="sm">
          {total === null
            ? t('jobs.doneCount', { done: formatNumber(done, lang) })
            : t('jobs.doneOfTotal', { done: formatNumber(done, lang), total: formatNumber(total, lang) })}
          {phase ? ` — ${t(`jobs.phase.${phase}`, { defaultValue: phase })}` : ''}
        </Text>
        {active && cancellable && canEdit(user) && (
          <Button
            color="red"
            size="xs"
            variant="light"
            leftSection={<IconPlayerStop size={14} />}
            disabled={state === 'cancelling'}
            loading={cancel.isPending}
            onClick={() => cancel.mutate(j.id)}
          >
            {t('jobs.cancel')}
          </Button>
        )}
      </Group>
      {cancel.error && <ErrorAlert error={cancel.error} />}
      {j.error && (
        <Alert color="red" mt="sm" title={t('jobs.failed')}>
          {inLanguage(lang, j.error.message, j.error.messageJa)}
        </Alert>
      )}
    </Paper>
  )
}
