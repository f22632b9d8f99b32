import { Alert, Button, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router-dom'
import type { DisclosureImportResult, DisclosureSummary } from '../../../../api/disclosure.js'
import { StatCard } from '../../components/StatCard.js'
import { DisclosureProblemTable } from './ProblemReport.js'
import { FormBadge, ModelLink } from './parts.js'

/** The header a reader found (maker, model, document id…), as a two-column table. */
export function HeaderTable({ disclosure }: { disclosure: DisclosureSummary }) {
  const { t } = useTranslation()
  const h = disclosure.header
  const rows: [string, string | null][] = [
    ['manufacturer', h.manufacturer],
    ['model', h.model],
    ['deviceDescription', h.deviceDescription],
    ['documentId', h.documentId],
    ['releaseDate', h.releaseDate],
    ['contact', h.contact],
    ['intendedUse', h.intendedUse],
  ]
  return (
    <Table fz="sm" withRowBorders={false} aria-label={t('disclosureUi.header.title')}>
      <Table.Tbody>
        <Table.Tr>
          <Table.Th w={200}>{t('disclosureUi.header.form')}</Table.Th>
          <Table.Td>
            <FormBadge form={disclosure.form} />
          </Table.Td>
        </Table.Tr>
        <Table.Tr>
          <Table.Th>{t('disclosureUi.header.catalogModel')}</Table.Th>
          <Table.Td>
            <ModelLink model={disclosure.model} />
          </Table.Td>
        </Table.Tr>
        {rows.map(([key, value]) => (
          <Table.Tr key={key}>
            <Table.Th>{t(`disclosureUi.header.${key}`)}</Table.Th>
            <Table.Td>{value ?? '—'}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  )
}

/** What an import read: the header, how many questions were answered, the warnings, and where to go next. */
export function ImportResultView({ result, onAnother }: { result: DisclosureImportResult; onAnother: () => void }) {
  const { t } = useTranslation()
  const d = result.disclosure
  return (
    <Stack gap="md">
      <Alert color="teal" title={t('disclosureUi.import.doneTitle')} role="status">
        {t('disclosureUi.import.doneBody', {
          answered: d.answeredCount,
          questions: d.questionCount,
          warnings: result.problems.length,
        })}
        {result.findings.devices > 0 &&
          ` ${t('disclosureUi.import.findingsWritten', { devices: result.findings.devices, created: result.findings.created, updated: result.findings.updated })}`}
      </Alert>
      <SimpleGrid cols={{ base: 2, md: 4 }}>
        <StatCard label={t('disclosureUi.count.questions')} value={d.questionCount} />
        <StatCard label={t('disclosureUi.count.answered')} value={d.answeredCount} valueColor="teal.7" />
        <StatCard label={t('disclosureUi.count.warnings')} value={result.problems.length} valueColor="orange.7" />
        <StatCard label={t('disclosureUi.count.devices')} value={result.findings.devices} valueColor="indigo.7" />
      </SimpleGrid>
      <Paper withBorder p="md">
        <Title order={3} size="h5" mb="xs">
          {t('disclosureUi.import.whatWasRead')}
        </Title>
        <HeaderTable disclosure={d} />
      </Paper>
      {result.problems.length > 0 && (
        <Paper withBorder p="md">
          <Title order={3} size="h5" mb="xs">
            {t('disclosureUi.import.warnings', { count: result.problems.length })}
          </Title>
          <Text size="sm" c="dimmed" mb="xs">
            {t('disclosureUi.import.warningsHint')}
          </Text>
          <DisclosureProblemTable problems={result.problems} label={t('disclosureUi.import.warningTable')} />
        </Paper>
      )}
      <Group>
        <Button component={Link} to={`/disclosures/${encodeURIComponent(d.id)}`}>
          {t('disclosureUi.import.openEvaluation')}
        </Button>
        <Button variant="default" onClick={onAnother}>
          {t('disclosureUi.import.another')}
        </Button>
      </Group>
    </Stack>
  )
}
