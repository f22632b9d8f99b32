import { Alert, Button, Group, SimpleGrid, Stack, Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router-dom'
import type { Job } from '../../../../api/jobs.js'
import { JobProgress } from '../../components/JobProgress.js'
import { StatCard } from '../../components/StatCard.js'
import type { ImportCounts } from '../../data/job-state.js'

/** The four counts of an import: what the dry run plans (`planned`) or what the commit did. */
export function CountGrid({ planned = false, ...n }: ImportCounts & { planned?: boolean }) {
  const { t } = useTranslation()
  return (
    <SimpleGrid cols={{ base: 2, md: 4 }}>
      <StatCard label={t(planned ? 'import.toCreate' : 'import.created')} value={n.created} valueColor="teal.7" />
      <StatCard label={t(planned ? 'import.toUpdate' : 'import.updated')} value={n.updated} valueColor="indigo.7" />
      <StatCard label={t('import.unchanged')} value={n.unchanged} valueColor="gray.7" />
      <StatCard label={t('import.rejected')} value={n.rejected} valueColor="red.7" />
    </SimpleGrid>
  )
}

/**
 * Step 3: what the commit did. When the server runs the commit as a job (the answer carries `jobId`), its progress
 * is shown until it finishes; `onJobFinished` then turns the job's result into the counts.
 */
export function DoneStep({
  result,
  jobId,
  jobEnded,
  onJobFinished,
  onReset,
}: {
  result: ImportCounts | null
  jobId: string | null
  /** The job ended without counts (failed, cancelled, or a result without the four numbers). */
  jobEnded: boolean
  onJobFinished: (job: Job) => void
  onReset: () => void
}) {
  const { t } = useTranslation()
  return (
    <Stack gap="md">
      {jobId && !result && <JobProgress jobId={jobId} onFinished={onJobFinished} />}
      {result && (
        <>
          <Alert color="teal" title={t('import.doneTitle')} role="status">
            {t('import.doneBody', { ...result })}
          </Alert>
          <CountGrid {...result} />
        </>
      )}
      {jobEnded && !result && (
        <Text size="sm" c="dimmed">
          {t('jobs.importEnded')}
        </Text>
      )}
      {(result || jobEnded) && (
        <Group>
          <Button component={Link} to="/devices">
            {t('import.openLedger')}
          </Button>
          <Button variant="default" onClick={onReset}>
            {t('import.another')}
          </Button>
        </Group>
      )}
    </Stack>
  )
}
