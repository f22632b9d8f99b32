import {
  Alert,
  Anchor,
  Badge,
  Breadcrumbs,
  Button,
  Group,
  Paper,
  Progress,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core'
import { IconPlayerStop } from '@tabler/icons-react'
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { Link, useParams } from 'react-router-dom'
import { refusalReasonJa } from '../../../../api/refusal-reasons.js'
import { canEdit, useAuth } from '../../auth.js'
import { ErrorAlert, formatDateTime, formatNumber } from '../../components/common.js'
import { JobProgress } from '../../components/JobProgress.js'
import { StatCard } from '../../components/StatCard.js'
import { invalidateScan, scanKeys, scansApi } from '../../data/scans.js'
import { DriftPanel } from './DriftPanel.js'
import { isActive, type Scan, scanStatusColor } from './types.js'

/** The job that runs this scan, when the server says so (scans moved onto the job runner carry `jobId`). */
function scanJobId(scan: Scan): string | null {
  return 'jobId' in scan && typeof scan.jobId === 'string' ? scan.jobId : null
}

/**
 * One scan: live progress (polled every second while it runs; the job's progress bar when the scan runs as a job),
 * a Stop button, and the hosts with open ports.
 */
export function ScanDetailPage() {
  const { t, i18n } = useTranslation()
  const { id = '' } = useParams()
  const { user } = useAuth()
  const qc = useQueryClient()

  const scan = useQuery({
    queryKey: scanKeys.detail(id),
    queryFn: () => scansApi.get(id),
    refetchInterval: (q) => (q.state.data && isActive(q.state.data) ? 1000 : false),
  })
  const running = scan.data ? isActive(scan.data) : false
  const hosts = useQuery({
    // The status is part of the key so the final host list is fetched once the scan finishes.
    queryKey: scanKeys.hosts(id, scan.data?.status),
    queryFn: () => scansApi.hosts(id),
    refetchInterval: running ? 2000 : false,
    placeholderData: keepPreviousData,
  })
  const stop = useMutation({
    mutationFn: () => scansApi.stop(id),
    onSuccess: () => void invalidateScan(qc, id),
  })

  if (scan.error) return <ErrorAlert error={scan.error} />
  const s = scan.data
  if (!s) return <Text c="dimmed">{t('common.loading')}</Text>
  const p = s.progress
  const lang = i18n.language
  const jobId = scanJobId(s)
  const pct = p.hostsTotal > 0 ? Math.round((p.hostsDone / p.hostsTotal) * 100) : running ? 0 : 100

  return (
    <Stack gap="md">
      <Breadcrumbs>
        <Anchor component={Link} to="/discovery/scans" size="sm">
          {t('nav.scans')}
        </Anchor>
        <Text size="sm">{formatDateTime(s.startedAt ?? s.createdAt, lang)}</Text>
      </Breadcrumbs>
      <Group justify="space-between">
        <Group gap="sm">
          <Title order={2} size="h3">
            {t('scans.detailTitle')}
          </Title>
          <Badge variant="light" color={scanStatusColor(s)}>
            {t(`enums.scanStatus.${s.status}`, { defaultValue: s.status })}
          </Badge>
          <Badge variant="outline">{t(`enums.profile.${s.profile}`, { defaultValue: s.profile })}</Badge>
        </Group>
        <Group gap="xs">
          <Button
            component={Link}
            to={`/discovery/findings?scanId=${encodeURIComponent(s.id)}`}
            variant="default"
            size="xs"
          >
            {t('scans.viewFindings')}
          </Button>
          {running && canEdit(user) && (
            <Button
              color="red"
              size="xs"
              leftSection={<IconPlayerStop size={14} />}
              loading={stop.isPending}
              onClick={() => stop.mutate()}
            >
              {t('scans.stop')}
            </Button>
          )}
        </Group>
      </Group>
      {stop.error && <ErrorAlert error={stop.error} />}
      {s.error && <Alert color="red">{s.error}</Alert>}
      <Text size="sm" className="mono">
        {s.targets.join(', ')}
        {s.portSpec ? ` — ${t('scans.ports')}: ${s.portSpec}` : ''}
      </Text>
      {jobId && <JobProgress jobId={jobId} cancellable={false} onFinished={() => void invalidateScan(qc, id)} />}
      <Paper withBorder p="md" aria-live="polite">
        {!jobId && (
          <>
            <Group justify="space-between" mb={6}>
              <Text size="sm" fw={600}>
                {t('scans.progress')}
              </Text>
              <Text size="sm">{pct}%</Text>
            </Group>
            <Progress value={pct} animated={running} aria-label={t('scans.progress')} mb="md" />
          </>
        )}
        <SimpleGrid cols={{ base: 2, md: 4 }}>
          <StatCard
            size="lg"
            label={t('scans.hostsDone')}
            value={`${formatNumber(p.hostsDone, lang)} / ${formatNumber(p.hostsTotal, lang)}`}
          />
          <StatCard size="lg" label={t('scans.probesPerSecond')} value={Math.round(p.probesPerSecond)} />
          <StatCard size="lg" label={t('scans.openPorts')} value={p.openPorts} />
          <StatCard size="lg" label={t('scans.findingsSoFar')} value={p.findings} />
        </SimpleGrid>
        {running && p.currentHost && (
          <Text size="xs" c="dimmed" mt="xs">
            {t('scans.currentHost', { host: p.currentHost })}
          </Text>
        )}
      </Paper>
      {p.refused.length > 0 && (
        <Alert color="orange" title={t('scans.refused')}>
          {p.refused.map((r) => (
            <Text key={r.target} size="sm">
              <span className="mono">{r.target}</span>: {i18n.language === 'ja' ? refusalReasonJa(r.reason) : r.reason}
            </Text>
          ))}
        </Alert>
      )}
      <Paper withBorder>
        <Title order={3} size="h5" p="sm">
          {t('scans.hosts')}
        </Title>
        {hosts.error && <ErrorAlert error={hosts.error} />}
        <Table fz="sm" verticalSpacing={4} highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('fields.ipAddresses')}</Table.Th>
              <Table.Th>{t('fields.macAddresses')}</Table.Th>
              <Table.Th>{t('fields.hostname')}</Table.Th>
              <Table.Th>{t('scans.vendor')}</Table.Th>
              <Table.Th>{t('scans.openPorts')}</Table.Th>
              <Table.Th>{t('scans.ledger')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(hosts.data ?? []).map((h) => {
              const open = h.services.filter((x) => x.state === 'open')
              return (
                <Table.Tr key={h.id}>
                  <Table.Td className="mono">
                    {h.address}
                    {h.complete === false && (
                      <Badge size="xs" color="yellow" ml={4}>
                        {t('scans.partial')}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td className="mono">{h.mac ?? '—'}</Table.Td>
                  <Table.Td>{h.hostname ?? '—'}</Table.Td>
                  <Table.Td>
                    {[h.identification?.manufacturer, h.identification?.model].filter(Boolean).join(' ') || '—'}
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {open.map((x) => (
                        <Badge
                          key={`${x.transport}/${x.port}`}
                          size="xs"
                          variant="outline"
                          title={x.banner ?? undefined}
                        >
                          {x.port}/{x.transport}
                          {x.service ? ` ${x.service}` : ''}
                        </Badge>
                      ))}
                      {open.length === 0 && (
                        <Text size="xs" c="dimmed">
                          —
                        </Text>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    {h.deviceId ? (
                      <Anchor component={Link} to={`/devices/${h.deviceId}`} size="sm">
                        {t('scans.inLedger')}
                      </Anchor>
                    ) : (
                      <Badge size="xs" color="orange" variant="light">
                        {t('scans.notInLedger')}
                      </Badge>
                    )}
                  </Table.Td>
                </Table.Tr>
              )
            })}
          </Table.Tbody>
        </Table>
        {hosts.data && hosts.data.length === 0 && (
          <Text ta="center" c="dimmed" p="lg">
            {running ? t('scans.waitingForHosts') : t('scans.noHosts')}
          </Text>
        )}
      </Paper>
      {!running && <DriftPanel scanId={s.id} />}
    </Stack>
  )
}
