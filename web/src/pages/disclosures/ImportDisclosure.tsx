import { Alert, Button, FileInput, Group, Paper, Select, Stack, Text, TextInput } from '@mantine/core'
import { IconFileSpreadsheet, IconUpload } from '@tabler/icons-react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router-dom'
import { canEdit, useAuth } from '../../auth.js'
import { PageHeader } from '../../components/common.js'
import { disclosureKeys, disclosuresApi, invalidateDisclosures } from '../../data/disclosures.js'
import { ImportResultView } from './ImportResultView.js'
import { UploadFailure } from './ProblemReport.js'
import { DisclosureCrumbs } from './parts.js'

const ACCEPT =
  '.xlsx,.xlsm,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.ms-excel.sheet.macroEnabled.12'

/** The catalog's models as select options ("Vendor Name"); empty when the catalog is empty or not reachable. */
export function useModelOptions(): { value: string; label: string }[] {
  const q = useQuery({ queryKey: disclosureKeys.models(), queryFn: disclosuresApi.models, retry: false })
  return (q.data ?? []).map((m) => ({ value: m.id, label: [m.vendor, m.name].filter(Boolean).join(' ') }))
}

/**
 * Import a manufacturer's disclosure (MDS2 2019/2013 workbook or CSV, JAHIS MDS/SDS check sheet). The server reads
 * it whole before storing anything: an unreadable file lists every problem with its sheet, row and column and
 * stores nothing; a readable one shows what was read, the warnings, and a link to what it means for the hospital.
 */
export function ImportDisclosurePage() {
  const { t } = useTranslation()
  const { user } = useAuth()
  const qc = useQueryClient()
  const models = useModelOptions()
  const [file, setFile] = useState<File | null>(null)
  const [modelText, setModelText] = useState('')
  const [modelId, setModelId] = useState<string | null>(null)

  const upload = useMutation({
    mutationFn: (f: File) => disclosuresApi.upload(f, { id: modelId ?? undefined, text: modelText }),
    onSuccess: () => void invalidateDisclosures(qc),
  })

  const crumbs = <DisclosureCrumbs here={t('disclosureUi.import.title')} />
  if (!canEdit(user)) {
    return (
      <Stack gap="md">
        {crumbs}
        <PageHeader title={t('disclosureUi.import.title')} />
        <Alert color="gray">{t('disclosureUi.engineerOnly')}</Alert>
      </Stack>
    )
  }

  if (upload.data) {
    return (
      <Stack gap="md">
        {crumbs}
        <PageHeader title={t('disclosureUi.import.title')} />
        <ImportResultView
          result={upload.data}
          onAnother={() => {
            upload.reset()
            setFile(null)
          }}
        />
      </Stack>
    )
  }

  return (
    <Stack gap="md">
      {crumbs}
      <PageHeader title={t('disclosureUi.import.title')} />
      <Paper withBorder p="md" maw={720}>
        <Stack gap="sm">
          <Text size="sm">{t('disclosureUi.import.intro')}</Text>
          <FileInput
            label={t('disclosureUi.import.file')}
            placeholder={t('disclosureUi.import.filePlaceholder')}
            accept={ACCEPT}
            value={file}
            onChange={(f) => {
              setFile(f)
              upload.reset()
            }}
            leftSection={<IconFileSpreadsheet size={16} />}
            clearable
          />
          {models.length > 0 && (
            <Select
              label={t('disclosureUi.import.modelPick')}
              placeholder={t('disclosureUi.import.modelPickPlaceholder')}
              data={models}
              value={modelId}
              onChange={setModelId}
              searchable
              clearable
            />
          )}
          <TextInput
            label={t('disclosureUi.import.modelText')}
            description={t('disclosureUi.import.modelTextHint')}
            placeholder="Nihon Kohden BSM-6000"
            value={modelText}
            onChange={(e) => setModelText(e.currentTarget.value)}
            disabled={modelId !== null}
          />
          {upload.error ? <UploadFailure error={upload.error} /> : null}
          <Group>
            <Button
              leftSection={<IconUpload size={16} />}
              disabled={!file}
              loading={upload.isPending}
              onClick={() => file && upload.mutate(file)}
            >
              {t('disclosureUi.import.upload')}
            </Button>
            <Button variant="subtle" component={Link} to="/disclosures/new">
              {t('disclosureUi.import.byHandInstead')}
            </Button>
          </Group>
        </Stack>
      </Paper>
    </Stack>
  )
}
