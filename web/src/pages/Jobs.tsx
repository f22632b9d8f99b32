import { Anchor, Badge, Paper, Progress, Stack, Table, Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router-dom'
import type { Job } from '../../../api/jobs.js'
import { ErrorAlert, formatDateTime, formatNumber, PageHeader } from '../components/common.js'
import { jobPercent, jobStateColor } from '../data/job-state.js'
import { useJobs } from '../data/jobs.js'

const LIMIT = 50

/** Where a job's subject is shown: a scan's page; imports have no page of their own. */
function subjectLink(job: Job): string | null {
  return job.kind === 'scan' && job.subjectId ? `/discovery/scans/${encodeURIComponent(job.subjectId)}` : null
}

/** The newest jobs (scans, imports) with their state and progress; refreshes while any is still moving. */
export function JobsPage() {
  const { t, i18n } = useTranslation()
  const lang = i18n.language
  const jobs = useJobs({ limit: LIMIT })
  const items = jobs.data?.items ?? []
  return (
    <Stack gap="md">
      <PageHeader title={t('jobs.title')} />
      <Text size="sm" c="dimmed">
        {t('jobs.intro')}
      </Text>
      {jobs.error && <ErrorAlert error={jobs.error} />}
      <Paper withBorder>
        <Table fz="sm" verticalSpacing={4} highlightOnHover aria-label={t('jobs.title')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('jobs.col.kind')}</Table.Th>
              <Table.Th>{t('jobs.col.state')}</Table.Th>
              <Table.Th w={220}>{t('jobs.col.progress')}</Table.Th>
              <Table.Th>{t('jobs.col.createdBy')}</Table.Th>
              <Table.Th>{t('jobs.col.createdAt')}</Table.Th>
              <Table.Th>{t('jobs.col.finishedAt')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((j) => {
              const pct = jobPercent(j.progress, j.state)
              const link = subjectLink(j)
              const kind = t(`jobs.kind.${j.kind}`, { defaultValue: j.kind })
              return (
                <Table.Tr key={j.id}>
                  <Table.Td>
                    {link ? (
                      <Anchor component={Link} to={link} size="sm">
                        {kind}
                      </Anchor>
                    ) : (
                      kind
                    )}
                    <Text span size="xs" c="dimmed">
                      {' '}
                      ({t(`jobs.trigger.${j.trigger}`, { defaultValue: j.trigger })})
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={jobStateColor(j.state)}>
                      {t(`jobs.state.${j.state}`, { defaultValue: j.state })}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Progress value={pct ?? 100} striped={pct === null} size="sm" aria-hidden />
                    <Text size="xs" c="dimmed">
                      {formatNumber(j.progress.done, lang)}
                      {j.progress.total !== null ? ` / ${formatNumber(j.progress.total, lang)}` : ''}
                      {j.progress.phase
                        ? ` — ${t(`jobs.phase.${j.progress.phase}`, { defaultValue: j.progress.phase })}`
                        : ''}
                    </Text>
                  </Table.Td>
                  <Table.Td>{j.createdBy?.name ?? '—'}</Table.Td>
                  <Table.Td>{formatDateTime(j.startedAt ?? j.createdAt, lang)}</Table.Td>
                  <Table.Td>{formatDateTime(j.finishedAt, lang)}</Table.Td>
                </Table.Tr>
              )
            })}
          </Table.Tbody>
        </Table>
        {jobs.data && items.length === 0 && (
          <Text ta="center" c="dimmed" p="lg">
            {t('jobs.none')}
          </Text>
        )}
      </Paper>
    </Stack>
  )
}
