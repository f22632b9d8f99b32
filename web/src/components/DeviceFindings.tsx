import { Anchor, Badge, Group, Paper, Stack, Text, Title } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router-dom'
import { findingKeys, findingsApi } from '../data/findings.js'
import { severityColor } from '../pages/discovery/types.js'
import { ErrorAlert, formatDateTime } from './common.js'

/** The device's findings, most severe first, each with its recommended action in the UI's language. */
export function DeviceFindings({ deviceId }: { deviceId: string }) {
  const { t, i18n } = useTranslation()
  const en = i18n.language === 'en'
  const q = useQuery({
    queryKey: findingKeys.forDevice(deviceId),
    queryFn: () => findingsApi.list({ deviceId, limit: 100 }),
  })
  const items = q.data?.items ?? []
  const open = items.filter((f) => f.status === 'open').length
  return (
    <Paper withBorder p="md" component="section" aria-label={t('deviceStory.findingsTitle')}>
      <Group justify="space-between" mb="sm">
        <Group gap="xs">
          <Title order={3} size="h5">
            {t('deviceStory.findingsTitle')}
          </Title>
          {q.data && (
            <Text size="sm" c="dimmed">
              {t('deviceStory.findingsCount', { open, total: q.data.total })}
            </Text>
          )}
        </Group>
        {q.data && q.data.total > 0 && (
          <Anchor component={Link} to={`/discovery/findings?deviceId=${encodeURIComponent(deviceId)}`} size="sm">
            {t('deviceStory.allFindings')}
          </Anchor>
        )}
      </Group>
      {q.error && <ErrorAlert error={q.error} />}
      {q.data && items.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('deviceStory.noFindings')}
        </Text>
      )}
      <Stack gap="xs">
        {items.map((f) => (
          <Paper key={f.id} withBorder p="xs" data-finding={f.ruleId} bg={f.status === 'open' ? undefined : 'gray.0'}>
            <Group gap="xs" wrap="nowrap" align="flex-start">
              <Badge color={severityColor(f.severity)} variant="filled" size="sm" miw={60}>
                {t(`enums.severity.${f.severity}`)}
              </Badge>
              <Stack gap={2} style={{ flex: 1 }}>
                <Group gap="xs">
                  <Text size="sm" fw={600}>
                    {en ? f.titleEn : f.titleJa}
                  </Text>
                  {f.port !== null && (
                    <Text size="xs" c="dimmed" className="mono">
                      {f.address}:{f.port}
                    </Text>
                  )}
                  <Badge size="xs" variant="light" color={f.status === 'open' ? 'red' : 'gray'}>
                    {t(`enums.findingStatus.${f.status}`)}
                  </Badge>
                </Group>
                <Text size="sm">
                  <Text span size="sm" fw={600}>
                    {t('deviceStory.recommendation')}:{' '}
                  </Text>
                  {en ? f.recommendationEn : f.recommendationJa}
                </Text>
                {f.statusReason && (
                  <Text size="xs" c="dimmed">
                    {t('findingsMore.reason')}: {f.statusReason}
                  </Text>
                )}
                <Text size="xs" c="dimmed">
                  {t('findings.lastSeen')}: {formatDateTime(f.lastSeenAt, i18n.language)}
                </Text>
              </Stack>
            </Group>
          </Paper>
        ))}
      </Stack>
    </Paper>
  )
}
