import { Alert, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core'
import { IconCheck, IconDownload } from '@tabler/icons-react'
import { useTranslation } from 'react-i18next'
import type { ImportPreview } from '../../../../api/import.js'
import { ErrorAlert } from '../../components/common.js'
import { ProblemTable, problemMessage } from '../../components/ProblemTable.js'
import { importsApi } from '../../data/imports.js'
import { CountGrid } from './DoneStep.js'
import { MappingTable } from './MappingTable.js'
import { SampleTable } from './SampleTable.js'

/**
 * Step 2, the dry run: nothing is written yet. Counts, every rejected row and warning, the column mapping (which
 * the person may change: the server re-checks) and a sample; Confirm commits.
 */
export function PreviewStep({
  preview,
  remapping,
  remapError,
  onChoose,
  committing,
  commitError,
  onCommit,
  onReset,
  uiLang,
}: {
  preview: ImportPreview
  remapping: boolean
  remapError: unknown
  onChoose: (header: string, field: string | null) => void
  committing: boolean
  commitError: unknown
  onCommit: () => void
  onReset: () => void
  uiLang: string
}) {
  const { t, i18n } = useTranslation()
  const lang = i18n.resolvedLanguage ?? i18n.language
  const errors = preview.problems.filter((p) => p.severity === 'error')
  const warnings = preview.problems.filter((p) => p.severity === 'warning')
  const canConfirm = !preview.fatal && !remapping && preview.toCreate + preview.toUpdate > 0
  return (
    <Stack gap="md">
      <Alert color="blue" role="status">
        {t('import.dryRunNotice', {
          file: preview.fileName,
          format: preview.format.toUpperCase(),
          encoding: preview.encoding ?? '—',
          rows: preview.totalRows,
        })}
      </Alert>
      {remapError ? <ErrorAlert error={remapError} title={t('import.remapFailed')} /> : null}
      {preview.fatal && (
        <Alert color="red" role="alert" title={t('import.fatalTitle')}>
          {errors.map((p) => problemMessage(p, lang)).join(lang.startsWith('ja') ? '' : ' ')}
        </Alert>
      )}
      <CountGrid
        planned
        created={preview.toCreate}
        updated={preview.toUpdate}
        unchanged={preview.unchanged}
        rejected={preview.rejected}
      />

      {errors.length > 0 && !preview.fatal && (
        <Paper withBorder p="md">
          <Title order={3} size="h5" mb="xs">
            {t('import.rejectedRows', { rows: preview.rejected, n: errors.length })}
          </Title>
          <Button
            component="a"
            mb="xs"
            size="compact-sm"
            variant="light"
            color="red"
            leftSection={<IconDownload size={14} />}
            href={importsApi.rejectedUrl(preview.importId, uiLang)}
            download
          >
            {t('import.downloadRejected')}
          </Button>
          <ProblemTable problems={errors} label={t('import.rejectedRowsLabel')} striped />
        </Paper>
      )}

      {warnings.length > 0 && (
        <Paper withBorder p="md">
          <Title order={3} size="h5" mb="xs">
            {t('import.warnings', { n: warnings.length })}
          </Title>
          <ProblemTable problems={warnings} maxHeight={240} />
        </Paper>
      )}

      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <MappingTable preview={preview} busy={remapping} onChoose={onChoose} />
        <SampleTable preview={preview} />
      </SimpleGrid>

      {commitError ? <ErrorAlert error={commitError} title={t('import.commitFailed')} /> : null}
      <Group>
        <Button variant="default" onClick={onReset}>
          {t('import.chooseAnother')}
        </Button>
        <Button leftSection={<IconCheck size={16} />} disabled={!canConfirm} loading={committing} onClick={onCommit}>
          {t('import.confirm', { n: preview.toCreate + preview.toUpdate })}
        </Button>
      </Group>
      {!canConfirm && !preview.fatal && (
        <Text size="sm" c="dimmed">
          {t('import.nothingToDo')}
        </Text>
      )}
    </Stack>
  )
}
