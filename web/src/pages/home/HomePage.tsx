import {
  Alert,
  Anchor,
  Badge,
  Group,
  Paper,
  Progress,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core'
import { IconAlertTriangle, IconClockX, IconDeviceDesktop, IconListCheck } from '@tabler/icons-react'
import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router-dom'
import { RISK_BANDS } from '../../../../api/risk.js'
import { ErrorAlert, formatDateTime, formatNumber, PageHeader } from '../../components/common.js'
import { FirstSteps } from '../../components/FirstSteps.js'
import { StatCard } from '../../components/StatCard.js'
import { homeApi, homeKeys } from '../../data/home.js'
import { DueDate, KevBadge, SeverityBadge, titleOf } from '../actions/parts.js'
import { BAND_COLOR, deviceLine, FactorBadges, headlineOf, RiskBandBadge, useJa } from '../risk/parts.js'

/**
 * ホーム: 「まず何をすべきか」. The riskiest devices with why (the headline and the top factors), the most urgent
 * actions (due date, owner, overdue in red), devices per risk band, checklist completion, and links onwards.
 */
export function HomePage() {
  const { t, i18n } = useTranslation()
  const ja = useJa()
  const q = useQuery({ queryKey: homeKeys.view(), queryFn: homeApi.view })
  if (q.error) {
    return (
      <Stack>
        <PageHeader title={t('home.title')} />
        <ErrorAlert error={q.error} />
      </Stack>
    )
  }
  const h = q.data
  if (!h) {
    return (
      <Stack>
        <PageHeader title={t('home.title')} />
        <Skeleton h={300} />
      </Stack>
    )
  }
  const lang = i18n.language
  const summary = h.riskSummary
  return (
    <Stack gap="md">
      <PageHeader title={t('home.title')}>
        <Anchor component={Link} to="/dashboard" size="sm">
          {t('home.toDashboard')}
        </Anchor>
      </PageHeader>
      <Text size="lg" fw={600}>
        {t('home.question')}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
        <StatCard label={t('home.count.devices')} value={h.counts.devices} icon={<IconDeviceDesktop />} to="/risk" />
        <StatCard
          label={t('home.count.openActions')}
          value={h.counts.openActions}
          icon={<IconListCheck />}
          to="/actions"
        />
        <StatCard
          label={t('home.count.overdueActions')}
          value={h.counts.overdueActions}
          icon={<IconClockX />}
          color="red"
          valueColor={h.counts.overdueActions > 0 ? 'red.7' : undefined}
          to="/actions?overdue=true"
        />
        <StatCard
          label={t('home.count.kevDevices')}
          value={h.counts.knownExploitedDevices}
          icon={<IconAlertTriangle />}
          color="red"
          to="/advisories?view=all&kev=true"
        />
      </SimpleGrid>

      <Paper withBorder p="md" component="section" aria-labelledby="home-top-devices">
        <Group justify="space-between" mb="sm">
          <Title order={3} size="h4" id="home-top-devices">
            {t('home.topDevices')}
          </Title>
          <Anchor component={Link} to="/risk" size="sm">
            {t('home.allRisk')}
          </Anchor>
        </Group>
        {h.topDevices.length === 0 ? (
          <Text size="sm">{t('home.noDevices')}</Text>
        ) : (
          <Table fz="sm" verticalSpacing="sm" aria-label={t('home.topDevices')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('riskUi.col.band')}</Table.Th>
                <Table.Th>{t('riskUi.col.device')}</Table.Th>
                <Table.Th>{t('riskUi.col.why')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {h.topDevices.map((d) => (
                <Table.Tr key={d.deviceId} data-device={d.deviceId}>
                  <Table.Td>
                    <RiskBandBadge band={d.band} score={d.score} />
                  </Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`/risk?device=${encodeURIComponent(d.deviceId)}`} fw={600} size="sm">
                      {d.assetTag ?? '—'}
                    </Anchor>
                    <Text size="sm">{deviceLine(d)}</Text>
                    <Text size="xs" c="dimmed">
                      {[d.department, d.location].filter(Boolean).join(' / ')}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" fw={500} data-headline>
                      {headlineOf(d, ja)}
                    </Text>
                    <FactorBadges contributions={d.contributions} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>

      <Paper withBorder p="md" component="section" aria-labelledby="home-top-actions">
        <Group justify="space-between" mb="sm">
          <Title order={3} size="h4" id="home-top-actions">
            {t('home.topActions')}
          </Title>
          <Anchor component={Link} to="/actions" size="sm">
            {t('home.allActions')}
          </Anchor>
        </Group>
        {h.topActions.length === 0 ? (
          <Text size="sm">{t('home.noActions')}</Text>
        ) : (
          <Table fz="sm" aria-label={t('home.topActions')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('actionUi.col.title')}</Table.Th>
                <Table.Th>{t('actionUi.col.severity')}</Table.Th>
                <Table.Th>{t('actionUi.col.owner')}</Table.Th>
                <Table.Th>{t('actionUi.col.due')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {h.topActions.map((a) => (
                <Table.Tr key={a.id} data-action={a.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/actions/${encodeURIComponent(a.id)}`} size="sm" fw={600}>
                      {titleOf(a, ja)}
                    </Anchor>
                    <Text size="xs" c="dimmed">
                      {t('actionUi.devices', { count: a.deviceCount })}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      <SeverityBadge severity={a.severity} />
                      <KevBadge kev={a.knownExploited} />
                    </Group>
                  </Table.Td>
                  <Table.Td>{a.owner ?? <Text c="dimmed">{t('actionUi.noOwner')}</Text>}</Table.Td>
                  <Table.Td>
                    <DueDate action={a} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>

      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Paper withBorder p="md" component="section" aria-labelledby="home-bands">
          <Title order={3} size="h5" mb="sm" id="home-bands">
            {t('home.byBand')}
          </Title>
          <Table verticalSpacing={4} fz="sm">
            <Table.Tbody>
              {RISK_BANDS.map((b) => (
                <Table.Tr key={b} data-band-row={b}>
                  <Table.Td w="30%">
                    <Anchor component={Link} to={`/risk?band=${b}`} size="sm">
                      {t(`riskUi.band.${b}`)}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Progress
                      value={summary.devices ? (summary.byBand[b] / summary.devices) * 100 : 0}
                      color={BAND_COLOR[b]}
                      size="sm"
                      aria-hidden
                    />
                  </Table.Td>
                  <Table.Td ta="right" w={70}>
                    {formatNumber(summary.byBand[b], lang)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Text size="xs" c="dimmed" mt="xs">
            {t('home.scoredAt', {
              mean: summary.meanScore.toFixed(1),
              when: formatDateTime(summary.scoredAt, lang),
              version: summary.profileVersion,
            })}
          </Text>
        </Paper>
        <Paper withBorder p="md" component="section" aria-labelledby="home-checklist">
          <Group justify="space-between" mb="sm">
            <Title order={3} size="h5" id="home-checklist">
              {t('home.checklist')}
            </Title>
            <Anchor component={Link} to="/checklist" size="sm">
              {t('home.openChecklist')}
            </Anchor>
          </Group>
          {h.checklist ? (
            <Stack gap="xs">
              <Progress
                value={h.checklist.total ? (h.checklist.answered / h.checklist.total) * 100 : 0}
                size="lg"
                aria-label={t('checklistUi.completion', {
                  answered: h.checklist.answered,
                  total: h.checklist.total,
                })}
              />
              <Text size="sm">
                {t('checklistUi.completion', { answered: h.checklist.answered, total: h.checklist.total })}
              </Text>
              <Group gap="xs">
                <Badge color="teal" variant="light">
                  {t('checklistUi.yesCount', { count: h.checklist.yes })}
                </Badge>
                <Badge color="orange" variant="light">
                  {t('checklistUi.noCount', { count: h.checklist.no })}
                </Badge>
                {h.checklist.overdue > 0 && (
                  <Badge color="red" variant="filled">
                    {t('checklistUi.overdueCount', { count: h.checklist.overdue })}
                  </Badge>
                )}
              </Group>
            </Stack>
          ) : (
            <Alert color="gray">{t('home.noChecklist')}</Alert>
          )}
        </Paper>
      </SimpleGrid>
      <FirstSteps />
      <Group gap="md">
        <Anchor component={Link} to="/benchmark" size="sm">
          {t('benchmarkUi.title')} →
        </Anchor>
        <Anchor component={Link} to="/reports" size="sm">
          {t('reportUi.title')} →
        </Anchor>
      </Group>
    </Stack>
  )
}
