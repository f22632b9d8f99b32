import { Anchor, Badge, Button, Group, Paper, Skeleton, Table, Text, Title } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router-dom'
import { ErrorAlert, formatDateTime } from '../../components/common.js'
import { lifecycleApi, lifecycleKeys } from '../../data/lifecycle.js'

const PAGE = 50

/** Devices whose last scan is older than their category's cadence, most overdue first; excluded ones are marked. */
export function RescanSection() {
  const { t, i18n } = useTranslation()
  const [offset, setOffset] = useState(0)
  const filters = { limit: PAGE, offset }
  const q = useQuery({ queryKey: lifecycleKeys.rescanDue(filters), queryFn: () => lifecycleApi.rescanDue(filters) })
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="lc-rescan">
      <Title order={3} size="h4" id="lc-rescan" mb="xs">
        {t('lifecycle.rescan')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('lifecycle.rescanIntro')}
      </Text>
      {q.error && <ErrorAlert error={q.error} />}
      {!q.data && !q.error && <Skeleton h={120} />}
      {q.data && q.data.items.length === 0 && (
        <Text size="sm" c="teal.7">
          {t('lifecycle.rescanNone')}
        </Text>
      )}
      {q.data && q.data.items.length > 0 && (
        <>
          <Table striped withTableBorder aria-label={t('lifecycle.rescan')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('fields.assetTag')}</Table.Th>
                <Table.Th>{t('fields.category')}</Table.Th>
                <Table.Th>{t('fields.department')}</Table.Th>
                <Table.Th>{t('lifecycle.col.lastScanned')}</Table.Th>
                <Table.Th>{t('lifecycle.col.cadence')}</Table.Th>
                <Table.Th>{t('lifecycle.col.dueOn')}</Table.Th>
                <Table.Th>{t('lifecycle.col.overdue')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {q.data.items.map((r) => (
                <Table.Tr key={r.deviceId} data-device={r.deviceId} data-excluded={r.excluded || undefined}>
                  <Table.Td>
                    <Anchor component={Link} to={`/devices/${encodeURIComponent(r.deviceId)}`}>
                      {r.assetTag ?? r.name ?? r.deviceId}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{t(`enums.category.${r.category}`, { defaultValue: r.category })}</Table.Td>
                  <Table.Td>{r.department ?? '—'}</Table.Td>
                  <Table.Td>
                    {r.lastScannedAt ? formatDateTime(r.lastScannedAt, i18n.language) : t('lifecycle.neverScanned')}
                  </Table.Td>
                  <Table.Td>{t('lifecycle.everyDays', { days: r.cadenceDays })}</Table.Td>
                  <Table.Td>{r.dueOn ?? '—'}</Table.Td>
                  <Table.Td>
                    {r.excluded ? (
                      <Badge color="gray" variant="light" title={t('lifecycle.excludedHint')}>
                        {t('lifecycle.excluded')}
                      </Badge>
                    ) : (
                      <Text size="sm" c="red.7" fw={600}>
                        {t('lifecycle.overdueDays', { days: r.overdueDays })}
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Group justify="space-between" mt="xs">
            <Text size="sm">
              {t('lifecycle.shown', { from: offset + 1, to: offset + q.data.items.length, total: q.data.total })}
            </Text>
            <Group gap="xs">
              <Button
                size="xs"
                variant="default"
                disabled={offset === 0}
                onClick={() => setOffset(Math.max(0, offset - PAGE))}
              >
                {t('lifecycle.prev')}
              </Button>
              <Button
                size="xs"
                variant="default"
                disabled={offset + PAGE >= q.data.total}
                onClick={() => setOffset(offset + PAGE)}
              >
                {t('lifecycle.next')}
              </Button>
            </Group>
          </Group>
        </>
      )}
    </Paper>
  )
}
