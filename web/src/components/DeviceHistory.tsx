import { Button, Paper, Stack, Table, Text, Title } from '@mantine/core'
import { useInfiniteQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import type { AuditEntry } from '../../../api/common.js'
import { deviceKeys, devicesApi } from '../data/devices.js'
import { auditActionName } from './audit-names.js'
import { ErrorAlert, formatDateTime } from './common.js'

const PAGE = 20

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/** The fields an entry changed (before/after differ), by their labels; for a finding, its new status. */
function useSummary() {
  const { t } = useTranslation()
  return (e: AuditEntry): string => {
    const b = isRecord(e.before) ? e.before : {}
    const a = isRecord(e.after) ? e.after : {}
    if (e.targetType === 'finding') {
      const status = typeof a.status === 'string' ? t(`enums.findingStatus.${a.status}`) : ''
      const reason = typeof a.reason === 'string' && a.reason ? ` — ${a.reason}` : ''
      return `${e.targetLabel ?? ''}: ${status}${reason}`
    }
    if (e.action !== 'device.update') return ''
    const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter(
      (k) => JSON.stringify(b[k]) !== JSON.stringify(a[k]) && !['version', 'updatedAt', 'updatedBy'].includes(k),
    )
    return keys.length
      ? t('deviceStory.changed', { fields: keys.map((k) => t(`fields.${k}`, { defaultValue: k })).join(', ') })
      : ''
  }
}

/** The device's history from the audit log: who changed what and when, and the decisions on its findings. */
export function DeviceHistory({ deviceId }: { deviceId: string }) {
  const { t, i18n } = useTranslation()
  const summary = useSummary()
  const q = useInfiniteQuery({
    queryKey: deviceKeys.history(deviceId),
    initialPageParam: 0,
    queryFn: ({ pageParam }) => devicesApi.history(deviceId, PAGE, pageParam),
    getNextPageParam: (last, pages) => {
      const loaded = pages.reduce((n, p) => n + p.items.length, 0)
      return loaded < last.total ? loaded : undefined
    },
  })
  const items = q.data?.pages.flatMap((p) => p.items) ?? []
  return (
    <Paper withBorder p="md" component="section" aria-label={t('deviceStory.historyTitle')}>
      <Title order={3} size="h5" mb="sm">
        {t('deviceStory.historyTitle')}
      </Title>
      {q.error && <ErrorAlert error={q.error} />}
      {q.data && items.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('deviceStory.noHistory')}
        </Text>
      )}
      {items.length > 0 && (
        <Stack gap="xs">
          <Table fz="sm" verticalSpacing={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={180}>{t('audit.time')}</Table.Th>
                <Table.Th w={140}>{t('audit.actor')}</Table.Th>
                <Table.Th w={200}>{t('audit.action')}</Table.Th>
                <Table.Th>{t('audit.details')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((e) => (
                <Table.Tr key={e.id} data-action={e.action}>
                  <Table.Td>{formatDateTime(e.at, i18n.language)}</Table.Td>
                  <Table.Td>{e.actor ?? '—'}</Table.Td>
                  <Table.Td>{auditActionName(t, e.action)}</Table.Td>
                  <Table.Td style={{ wordBreak: 'break-word' }}>{summary(e)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {q.hasNextPage && (
            <Button size="xs" variant="light" loading={q.isFetchingNextPage} onClick={() => void q.fetchNextPage()}>
              {t('deviceStory.historyMore')}
            </Button>
          )}
        </Stack>
      )}
    </Paper>
  )
}
