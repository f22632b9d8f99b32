import { Alert, Anchor, Breadcrumbs, Group, Skeleton, Stack, Stepper, Text, Title } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { Link, useParams } from 'react-router-dom'
import { canEdit, useAuth } from '../../auth.js'
import { ErrorAlert, formatDateTime } from '../../components/common.js'
import { type Acceptance, acceptanceApi, acceptanceKeys } from '../../data/acceptance.js'
import { ChecksSection } from './ChecksSection.js'
import { ComparisonSection } from './ComparisonSection.js'
import { IssuesSection } from './IssuesSection.js'
import { DeviceHeader, StateBadge } from './parts.js'
import { SignOffSection } from './SignOffSection.js'

/** Which of the five steps are done, from the acceptance itself (no state of its own). */
export function stepsDone(a: Acceptance): boolean[] {
  return [
    a.scopeId !== null || a.comparison.scanId !== null,
    a.comparison.scanId !== null,
    a.checks.every((c) => c.result !== null),
    a.issues.every((i) => i.resolution !== 'open'),
    a.signOff !== null,
  ]
}

const STEP_IDS = ['acc-step-1', 'acc-step-2', 'acc-step-3', 'acc-step-4', 'acc-step-5'] as const

/**
 * One acceptance test (導入時確認): the device, a stepper over the five steps (1 接続と隔離スコープ → 2 スキャンと申告の比較 →
 * 3 目視・手作業の確認 → 4 メーカーへの確認事項 → 5 承認; a click goes to the step), and each step's section below. Only an
 * acceptance in progress can be changed, and only by engineers and admins.
 */
export function AcceptanceDetailPage() {
  const { t, i18n } = useTranslation()
  const { id = '' } = useParams()
  const { user } = useAuth()
  const q = useQuery({ queryKey: acceptanceKeys.detail(id), queryFn: () => acceptanceApi.get(id) })
  if (q.error) return <ErrorAlert error={q.error} />
  const a = q.data
  if (!a) return <Skeleton h={400} />
  const editable = canEdit(user) && a.state === 'in_progress'
  const done = stepsDone(a)
  const active = Math.max(
    0,
    done.findIndex((d) => !d),
  )
  const title = a.device.assetTag ?? a.device.name ?? a.deviceId
  return (
    <Stack gap="md">
      <Breadcrumbs>
        <Anchor component={Link} to="/acceptance" size="sm">
          {t('acceptance.title')}
        </Anchor>
        <Text size="sm">{title}</Text>
      </Breadcrumbs>
      <Group gap="sm">
        <Title order={2} size="h3">
          {t('acceptance.detailTitle', { name: title })}
        </Title>
        <StateBadge area="acceptance" state={a.state} />
      </Group>
      <DeviceHeader device={a.device} deviceId={a.deviceId} />
      <Text size="xs" c="dimmed">
        {t('acceptance.startedBy', { at: formatDateTime(a.startedAt, i18n.language), by: a.startedBy ?? '—' })}
      </Text>
      {a.cancelled && (
        <Alert color="gray" role="status">
          {t('acceptance.cancelledBy', {
            at: formatDateTime(a.cancelled.at, i18n.language),
            by: a.cancelled.by,
            reason: a.cancelled.reason,
          })}
        </Alert>
      )}
      <Stepper
        active={a.signOff ? 5 : active}
        size="sm"
        aria-label={t('acceptance.steps')}
        onStepClick={(i) => document.getElementById(STEP_IDS[i] ?? '')?.scrollIntoView({ behavior: 'smooth' })}
        allowNextStepsSelect
      >
        {STEP_IDS.map((sid, i) => (
          <Stepper.Step
            key={sid}
            label={t(`acceptance.step.${i + 1}`)}
            completedIcon={undefined}
            data-done={done[i] || undefined}
          />
        ))}
      </Stepper>
      <ComparisonSection acceptance={a} editable={editable} ids={[STEP_IDS[0], STEP_IDS[1]]} />
      <ChecksSection acceptance={a} editable={editable} sectionId={STEP_IDS[2]} />
      <IssuesSection acceptance={a} editable={editable} sectionId={STEP_IDS[3]} />
      <SignOffSection acceptance={a} editable={editable} sectionId={STEP_IDS[4]} />
    </Stack>
  )
}
