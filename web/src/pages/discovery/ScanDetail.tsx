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
import { api } from '../../api.js'
import { canEdit, useAuth } from '../../auth.js'
import { ErrorAlert, formatDateTime, formatNumber } from '../../components/common.js'
import { DriftPanel } from './DriftPanel.js'
import { isActive, type Scan, type ScanHost, scanStatusColor } from './types.js'

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <Paper withBorder p="sm">
      <Text size="xs" c="dimmed" fw={600}>
        {label}
      </Text>
      <Text fw={700} size="lg">
        {value}
      </Text>
    </Paper>
  )
}

/** One scan: live progress (polled every second while it runs), a Stop button, and the hosts with open ports. */
export function ScanDetailPage() {
  const { t, i18n } = useTranslation()
  const { id = '' } = useParams()
  const { user } = useAuth()
  const qc = useQueryClient()

  const scan = useQuery({
    queryKey: ['scan', id],
    queryFn: () => api<Scan>(`/api/scans/${encodeURIComponent(id)}`),
    refetchInterval: (q) => (q.state.data && isActive(q.state.data) ? 1000 : false),
  })
  const running = scan.data ? isActive(scan.data) : false
  const hosts = useQuery({
    // The status is part of the key so the final host list is fetched once the scan finishes.
    queryKey: ['scan-hosts', id, scan.data?.status],
    queryFn: () => api<ScanHost[]>(`/api/scans/${encodeURIComponent(id)}/hosts`),
    refetchInterval: running ? 2000 : false,
    placeholderData: keepPreviousData,
  })
  const stop = useMutation({
    mutationFn: () => api<Scan>(`/api/scans/${encodeURIComponent(id)}/stop`, { method: 'POST' }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['scan', id] })
      void qc.invalidateQueries({ queryKey: ['scans'] })
    },
  })

  if (scan.error) return <ErrorAlert error={scan.error} />
  const s = scan.data
  if (!s) return <Text c="dimmed">{t('common.loading')}</Text>
  const p = s.progress
  const lang = i18n.language
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
      <Paper withBorder p="md" aria-live="polite">
        <Group justify="space-between" mb={6}>
          <Text size="sm" fw={600}>
            {t('scans.progress')}
          </Text>
          <Text size="sm">{pct}%</Text>
        </Group>
        <Progress value={pct} animated={running} aria-label={t('scans.progress')} />
        <SimpleGrid cols={{ base: 2, md: 4 }} mt="md">
          <Stat
            label={t('scans.hostsDone')}
            value={`${formatNumber(p.hostsDone, lang)} / ${formatNumber(p.hostsTotal, lang)}`}
          />
          <Stat label={t('scans.probesPerSecond')} value={formatNumber(Math.round(p.probesPerSecond), lang)} />
          <Stat label={t('scans.openPorts')} value={formatNumber(p.openPorts, lang)} />
          <Stat label={t('scans.findingsSoFar')} value={formatNumber(p.findings, lang)} />
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
