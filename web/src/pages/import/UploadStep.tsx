import { Button, FileInput, Group, Paper, Stack, Text } from '@mantine/core'
import { IconDownload, IconFileSpreadsheet, IconUpload } from '@tabler/icons-react'
import { useTranslation } from 'react-i18next'
import { ErrorAlert } from '../../components/common.js'
import { importsApi } from '../../data/imports.js'

/** Step 1: choose a CSV/XLSX file (or download a template in the UI's language) and send it for a dry run. */
export function UploadStep({
  file,
  onFile,
  onUpload,
  uploading,
  error,
  uiLang,
}: {
  file: File | null
  onFile: (f: File | null) => void
  onUpload: (f: File) => void
  uploading: boolean
  error: unknown
  uiLang: string
}) {
  const { t } = useTranslation()
  return (
    <Paper withBorder p="md" maw={640}>
      <Stack gap="sm">
        <Text size="sm">{t('import.intro')}</Text>
        <FileInput
          label={t('import.file')}
          placeholder={t('import.filePlaceholder')}
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          value={file}
          onChange={onFile}
          leftSection={<IconFileSpreadsheet size={16} />}
          clearable
        />
        {error ? <ErrorAlert error={error} title={t('import.uploadFailed')} /> : null}
        <Group gap="xs">
          <Text size="sm">{t('import.template')}:</Text>
          {(['xlsx', 'csv'] as const).map((format) => (
            <Button
              key={format}
              component="a"
              size="compact-sm"
              variant="subtle"
              leftSection={<IconDownload size={14} />}
              href={importsApi.templateUrl(format, uiLang)}
              download
            >
              {format === 'xlsx' ? t('import.templateXlsx') : t('import.templateCsv')}
            </Button>
          ))}
        </Group>
        <Group>
          <Button
            leftSection={<IconUpload size={16} />}
            disabled={!file}
            loading={uploading}
            onClick={() => file && onUpload(file)}
          >
            {t('import.upload')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  )
}
