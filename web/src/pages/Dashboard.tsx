import { BarChart } from '@mantine/charts'
import { Paper, Progress, SimpleGrid, Skeleton, Stack, Table, Text, Title } from '@mantine/core'
import { IconAlertTriangle, IconClockX, IconDeviceDesktop, IconHeartbeat, IconServer2 } from '@tabler/icons-react'
import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router-dom'
import { DEVICE_KINDS, DEVICE_STATUSES } from '../../../api/device.js'
import { ErrorAlert, formatNumber, PageHeader } from '../components/common.js'
import { FirstSteps } from '../components/FirstSteps.js'
import { StatCard } from '../components/StatCard.js'
import { overviewApi, overviewKeys } from '../data/devices.js'

/** Count per enum value with a bar showing its share of the total. */
function Breakdown({
  title,
  rows,
  total,
}: {
  title: string
  rows: { label: string; count: number; to: string }[]
  total: number
}) {
  const { i18n } = useTranslation()
  return (
    <Paper withBorder p="md">
      <Title order={3} size="h5" mb="sm">
        {title}
      </Title>
      <Table verticalSpacing={4} fz="sm">
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.to}>
              <Table.Td w="40%">
                <Text component={Link} to={r.to} size="sm" c="indigo.7">
                  {r.label}
                </Text>
              </Table.Td>
              <Table.Td>
                <Progress value={total ? (r.count / total) * 100 : 0} size="sm" aria-hidden />
              </Table.Td>
              <Table.Td ta="right" w={70}>
                {formatNumber(r.count, i18n.language)}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  )
}

/** Overview of the ledger: totals, lifecycle risks, and the spread by kind, status and department. */
export function DashboardPage() {
  const { t } = useTranslation()
  const stats = useQuery({ queryKey: overviewKeys.dashboard(), queryFn: overviewApi.dashboard })

  if (stats.error) return <ErrorAlert error={stats.error} />
  const s = stats.data
  if (!s) {
    return (
      <Stack>
        <PageHeader title={t('dashboard.title')} />
        <SimpleGrid cols={{ base: 2, md: 5 }}>
          {['a', 'b', 'c', 'd', 'e'].map((k) => (
            <Skeleton key={k} h={90} />
          ))}
        </SimpleGrid>
      </Stack>
    )
  }

  const departments = s.byDepartment.slice(0, 20).map((d) => ({
    department: d.department || t('dashboard.noDepartment'),
    count: d.count,
  }))

  return (
    <Stack gap="md">
      <PageHeader title={t('dashboard.title')} />
      <FirstSteps />
      <SimpleGrid cols={{ base: 2, md: 5 }} spacing="md">
        <StatCard
          label={t('dashboard.total')}
          value={s.total}
          icon={<IconDeviceDesktop size={20} />}
          color="indigo"
          to="/devices"
          hint={t('dashboard.openList')}
        />
        <StatCard
          label={t('dashboard.pastServiceLife')}
          value={s.pastServiceLife}
          icon={<IconClockX size={20} />}
          color="orange"
          to="/devices?expired=service_life"
          hint={t('dashboard.openList')}
        />
        <StatCard
          label={t('dashboard.pastSupportEnd')}
          value={s.pastSupportEnd}
          icon={<IconAlertTriangle size={20} />}
          color="red"
          to="/devices?expired=support"
          hint={t('dashboard.openList')}
        />
        <StatCard
          label={t('dashboard.lifeCritical')}
          value={s.lifeCritical}
          icon={<IconHeartbeat size={20} />}
          color="pink"
          to="/devices?lifeCritical=true"
          hint={t('dashboard.openList')}
        />
        <StatCard
          label={t('dashboard.legacyOs')}
          value={s.legacyOs}
          icon={<IconServer2 size={20} />}
          color="grape"
          to="/devices?expired=legacy_os"
          hint={t('dashboard.openList')}
        />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Breakdown
          title={t('dashboard.byKind')}
          total={s.total}
          rows={DEVICE_KINDS.map((k) => ({
            label: t(`enums.kind.${k}`),
            count: s.byKind[k] ?? 0,
            to: `/devices?kind=${k}`,
          }))}
        />
        <Breakdown
          title={t('dashboard.byStatus')}
          total={s.total}
          rows={DEVICE_STATUSES.map((k) => ({
            label: t(`enums.status.${k}`),
            count: s.byStatus[k] ?? 0,
            to: `/devices?status=${k}`,
          }))}
        />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
        <Breakdown
          title={t('dashboard.byCategory')}
          total={s.total}
          rows={Object.entries(s.byCategory)
            .sort((x, y) => y[1] - x[1])
            .slice(0, 12)
            .map(([k, count]) => ({
              label: t(`enums.category.${k}`, { defaultValue: k }),
              count,
              to: `/devices?category=${k}`,
            }))}
        />
        <Paper withBorder p="md">
          <Title order={3} size="h5" mb="sm">
            {t('dashboard.byDepartment')}
          </Title>
          {departments.length === 0 ? (
            <Text c="dimmed" size="sm">
              {t('common.noData')}
            </Text>
          ) : (
            <BarChart
              h={Math.max(220, departments.length * 26)}
              data={departments}
              dataKey="department"
              orientation="vertical"
              yAxisProps={{ width: 140 }}
              series={[{ name: 'count', label: t('dashboard.devices'), color: 'indigo.6' }]}
              withBarValueLabel
              gridAxis="x"
              aria-label={t('dashboard.byDepartment')}
            />
          )}
        </Paper>
      </SimpleGrid>
    </Stack>
  )
}
