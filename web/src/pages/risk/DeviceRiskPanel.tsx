import { Button, Group, Paper, Skeleton, Text, Title } from '@mantine/core'
import { IconDownload } from '@tabler/icons-react'
import { useMutation, useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { ApiError } from '../../api.js'
import { ErrorAlert } from '../../components/common.js'
import { downloadFile, type ReportLang, reportsApi } from '../../data/reports.js'
import { riskApi, riskKeys } from '../../data/risk.js'
import { RiskBreakdown } from './parts.js'

/** The device page's risk panel: the score, band and every factor's points, and the one-page device card. */
export function DeviceRiskPanel({ deviceId }: { deviceId: string }) {
  const { t } = useTranslation()
  const q = useQuery({
    queryKey: riskKeys.device(deviceId),
    queryFn: () => riskApi.device(deviceId),
    retry: (n, err) => !(err instanceof ApiError && err.status === 404) && n < 2,
  })
  const card = useMutation({
    mutationFn: (lang: ReportLang) =>
      downloadFile(reportsApi.deviceCardPath(deviceId, lang), `device-card-${deviceId}-${lang}.pdf`),
  })
  const notScored = q.error instanceof ApiError && q.error.status === 404
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="device-risk-title">
      <Group justify="space-between" mb="sm">
        <Title order={3} size="h5" id="device-risk-title">
          {t('riskUi.panel.title')}
        </Title>
        <Group gap="xs">
          {(['ja', 'en'] as const).map((lang) => (
            <Button
              key={lang}
              size="compact-sm"
              variant="default"
              leftSection={<IconDownload size={14} />}
              loading={card.isPending && card.variables === lang}
              onClick={() => card.mutate(lang)}
            >
              {t(`reportUi.deviceCard.${lang}`)}
            </Button>
          ))}
        </Group>
      </Group>
      {card.error && <ErrorAlert error={card.error} />}
      {notScored && <Text size="sm">{t('riskUi.panel.notScored')}</Text>}
      {q.error && !notScored && <ErrorAlert error={q.error} />}
      {!q.data && !q.error && <Skeleton h={120} />}
      {q.data && <RiskBreakdown risk={q.data} />}
    </Paper>
  )
}
