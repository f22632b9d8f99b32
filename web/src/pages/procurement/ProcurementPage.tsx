import { Group, Paper, Stack, Text, Title } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { PageHeader } from '../../components/common.js'
import { procurementApi } from '../../data/procurement.js'
import { BidsPanel } from './BidsPanel.js'
import { DownloadButton } from './parts.js'
import { RequirementsEditor } from './RequirementsEditor.js'

/**
 * 調達要件: what to write into a tender so the device can be kept safe for its whole service life. The requirement set
 * (admins edit it), the sheet to attach to the tender (.xlsx with an answer column / PDF, Japanese or English), the
 * vendors' bids with their scores, and the way to compare them.
 */
export function ProcurementPage() {
  const { t } = useTranslation()
  return (
    <Stack gap="md">
      <PageHeader title={t('procurement.title')} />
      <Text size="sm" c="dimmed">
        {t('procurement.intro')}
      </Text>
      <Paper withBorder p="md" component="section" aria-labelledby="proc-attach">
        <Title order={3} size="h5" id="proc-attach" mb={4}>
          {t('procurement.attach')}
        </Title>
        <Text size="sm" c="dimmed" mb="sm">
          {t('procurement.attachIntro')}
        </Text>
        <Group gap="sm">
          <DownloadButton
            path={procurementApi.requirementsExportPath('ja', 'xlsx')}
            fallback="procurement-requirements-ja.xlsx"
            label={t('procurement.download.xlsxJa')}
          />
          <DownloadButton
            path={procurementApi.requirementsExportPath('en', 'xlsx')}
            fallback="procurement-requirements-en.xlsx"
            label={t('procurement.download.xlsxEn')}
          />
          <DownloadButton
            path={procurementApi.requirementsExportPath('ja', 'pdf')}
            fallback="procurement-requirements-ja.pdf"
            label={t('procurement.download.pdfJa')}
          />
          <DownloadButton
            path={procurementApi.requirementsExportPath('en', 'pdf')}
            fallback="procurement-requirements-en.pdf"
            label={t('procurement.download.pdfEn')}
          />
        </Group>
      </Paper>
      <RequirementsEditor />
      <BidsPanel />
    </Stack>
  )
}
