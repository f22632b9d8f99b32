import { Badge, Card, Group, Paper, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core'
import { IconArrowRight, IconCheck, IconClockPause } from '@tabler/icons-react'
import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router-dom'
import { type FirstSteps as FirstStepsData, SEVERITIES } from '../../../api/discovery.js'
import { overviewApi, overviewKeys } from '../data/devices.js'
import { severityColor } from '../pages/discovery/types.js'
import { ErrorAlert, formatNumber } from './common.js'

const STEP_LINKS: Record<FirstStepsData['steps'][number]['id'], string> = {
  import: '/import',
  scope: '/discovery/scopes',
  scan: '/discovery/scans',
  findings: '/discovery/findings?status=open',
  reconcile: '/discovery/reconciliation',
}

const STATE_COLOR = { done: 'teal', todo: 'indigo', waiting: 'gray' } as const

/**
 * The dashboard's "first steps" (import → approve a scope → scan → review findings → reconcile), each with its
 * state and a link to where it is done, and the open findings by severity, each linking to the filtered list.
 */
export function FirstSteps() {
  const { t, i18n } = useTranslation()
  const q = useQuery({ queryKey: overviewKeys.firstSteps(), queryFn: overviewApi.firstSteps })
  if (q.error) return <ErrorAlert error={q.error} />
  const data = q.data
  if (!data) return null
  return (
    <Stack gap="md">
      <Paper withBorder p="md" component="section" aria-label={t('firstSteps.title')}>
        <Title order={3} size="h5">
          {t('firstSteps.title')}
        </Title>
        <Text size="sm" c="dimmed" mb="sm">
          {t('firstSteps.hint')}
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 5 }} spacing="sm">
          {data.steps.map((s, i) => {
            const title = `${i + 1}. ${t(`firstSteps.step.${s.id}.title`)}`
            // Done: what was achieved; next: what is left (with its count); later: what the step is about.
            const text = t(
              `firstSteps.step.${s.id}.${s.state === 'done' ? 'done' : s.state === 'todo' ? 'todo' : 'about'}`,
              {
                count: s.count,
              },
            )
            return (
              <Card
                key={s.id}
                withBorder
                padding="sm"
                component={Link}
                to={STEP_LINKS[s.id]}
                data-step={s.id}
                data-state={s.state}
                aria-label={`${title}: ${t(`firstSteps.state.${s.state}`)}`}
                style={
                  s.state === 'todo' ? { borderColor: 'var(--mantine-color-indigo-5)', borderWidth: 2 } : undefined
                }
              >
                <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
                  <Text fw={700} size="sm">
                    {title}
                  </Text>
                  <ThemeIcon variant="light" color={STATE_COLOR[s.state]} size="sm" radius="xl">
                    {s.state === 'done' ? (
                      <IconCheck size={14} />
                    ) : s.state === 'todo' ? (
                      <IconArrowRight size={14} />
                    ) : (
                      <IconClockPause size={14} />
                    )}
                  </ThemeIcon>
                </Group>
                <Badge size="xs" variant="light" color={STATE_COLOR[s.state]} mt={4}>
                  {t(`firstSteps.state.${s.state}`)}
                </Badge>
                <Text size="xs" mt={6}>
                  {text}
                </Text>
              </Card>
            )
          })}
        </SimpleGrid>
      </Paper>
      <Paper withBorder p="md" component="section" aria-label={t('firstSteps.openFindings')}>
        <Title order={3} size="h5" mb="sm">
          {t('firstSteps.openFindings')}
        </Title>
        <SimpleGrid cols={{ base: 2, sm: 5 }} spacing="sm">
          {SEVERITIES.map((sev) => (
            <Card
              key={sev}
              withBorder
              padding="sm"
              component={Link}
              to={`/discovery/findings?status=open&severity=${sev}`}
              data-severity={sev}
              aria-label={`${t(`enums.severity.${sev}`)}: ${data.openFindings[sev]}`}
            >
              <Badge color={severityColor(sev)} variant="filled" size="sm">
                {t(`enums.severity.${sev}`)}
              </Badge>
              <Text fw={700} size="xl" mt={4}>
                {formatNumber(data.openFindings[sev], i18n.language)}
              </Text>
              <Text size="xs" c="indigo.7">
                {t('firstSteps.openList')}
              </Text>
            </Card>
          ))}
        </SimpleGrid>
      </Paper>
    </Stack>
  )
}
