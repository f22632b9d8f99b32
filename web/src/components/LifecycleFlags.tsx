import { Alert, Anchor, Badge, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core'
import { IconAlertTriangle, IconRadar } from '@tabler/icons-react'
import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router-dom'
import type { Device } from '../../../api/device.js'
import { type LifecycleFlag, lifecycleFlags } from '../../../api/device-lifecycle.js'
import { deviceKeys, devicesApi } from '../data/devices.js'
import { ErrorAlert, formatDateTime } from './common.js'

function flagText(t: (k: string, o?: Record<string, unknown>) => string, f: LifecycleFlag): string {
  switch (f.id) {
    case 'past_service_life':
    case 'support_ended':
      return t(`deviceStory.flag.${f.id}`, { date: f.date })
    case 'legacy_os':
      return t('deviceStory.flag.legacy_os', { os: f.os })
    case 'cleartext_ports':
      return t('deviceStory.flag.cleartext_ports', {
        ports: f.ports.map((p) => `${p.protocol} (${p.port})`).join(', '),
      })
  }
}

/**
 * The device's lifecycle flags (past service life, support ended, legacy OS, declared cleartext ports) next to
 * what discovery last saw of it: when, at which address, which ports were open.
 */
export function LifecycleFlags({ device }: { device: Device }) {
  const { t, i18n } = useTranslation()
  const flags = lifecycleFlags(device)
  const seen = useQuery({
    queryKey: deviceKeys.discovery(device.id),
    queryFn: () => devicesApi.discovery(device.id),
  })
  const last = seen.data?.lastSeen
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
      <Paper withBorder p="md" component="section" aria-label={t('deviceStory.flagsTitle')}>
        <Title order={3} size="h5" mb="sm">
          {t('deviceStory.flagsTitle')}
        </Title>
        {flags.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('deviceStory.noFlags')}
          </Text>
        ) : (
          <Stack gap={6}>
            {flags.map((f) => (
              <Alert
                key={f.id}
                color={f.id === 'cleartext_ports' ? 'yellow' : 'orange'}
                icon={<IconAlertTriangle size={16} />}
                p="xs"
                data-flag={f.id}
              >
                <Text size="sm">{flagText(t, f)}</Text>
              </Alert>
            ))}
          </Stack>
        )}
      </Paper>
      <Paper withBorder p="md" component="section" aria-label={t('deviceStory.lastSeenTitle')}>
        <Title order={3} size="h5" mb="sm">
          {t('deviceStory.lastSeenTitle')}
        </Title>
        {seen.error && <ErrorAlert error={seen.error} />}
        {seen.data && !last && (
          <Text size="sm" c="dimmed">
            {t('deviceStory.neverSeen')}
          </Text>
        )}
        {last && (
          <Stack gap={6}>
            <Group gap="xs">
              <IconRadar size={16} />
              <Text size="sm">
                {t('deviceStory.lastSeen', { at: formatDateTime(last.at, i18n.language), address: last.address })}
              </Text>
            </Group>
            {last.openPorts.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('deviceStory.noOpenPorts')}
              </Text>
            ) : (
              <Group gap={4}>
                <Text size="sm">{t('deviceStory.openPorts')}</Text>
                {last.openPorts.map((p) => (
                  <Badge key={`${p.port}/${p.transport}`} variant="light" size="sm" className="mono">
                    {p.port}/{p.transport}
                    {p.service ? ` ${p.service}` : ''}
                  </Badge>
                ))}
              </Group>
            )}
            <Anchor component={Link} to={`/discovery/scans/${last.scanId}`} size="sm">
              {t('deviceStory.scanLink')}
            </Anchor>
          </Stack>
        )}
      </Paper>
    </SimpleGrid>
  )
}
