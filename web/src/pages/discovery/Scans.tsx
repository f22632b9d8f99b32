import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
  Paper,
  Progress,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core'
import { IconInfoCircle, IconPlayerPlay } from '@tabler/icons-react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { type FormEvent, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate } from 'react-router-dom'
import { ApiError } from '../../api.js'
import { canEdit, useAuth } from '../../auth.js'
import { ErrorAlert, formatDateTime, PageHeader } from '../../components/common.js'
import { invalidateScan, scanKeys, scansApi } from '../../data/scans.js'
import { scopeKeys, scopesApi } from '../../data/scopes.js'
import { isActive, SCAN_PROFILES, scanStatusColor } from './types.js'

/** Start a scan (targets inside approved scopes, profile, ports) and list past and running scans. */
export function ScansPage() {
  const { t, i18n } = useTranslation()
  const { user } = useAuth()
  const navigate = useNavigate()
  const qc = useQueryClient()
  const [targets, setTargets] = useState('')
  const [profile, setProfile] = useState<string>('gentle')
  const [ports, setPorts] = useState('')
  const [confirmLarge, setConfirmLarge] = useState(false)

  const scans = useQuery({
    queryKey: scanKeys.list(),
    queryFn: scansApi.list,
    refetchInterval: (q) => (q.state.data?.some(isActive) ? 1000 : false),
  })

  const scopes = useQuery({ queryKey: scopeKeys.scopes(), queryFn: scopesApi.scopes })
  const noScope = scopes.data !== undefined && scopes.data.length === 0

  const start = useMutation({
    mutationFn: () =>
      scansApi.start({
        targets: targets
          .split(/[\s,]+/)
          .map((x) => x.trim())
          .filter(Boolean),
        profile,
        ...(ports.trim() ? { ports: ports.trim() } : {}),
        ...(confirmLarge ? { confirmLarge: true } : {}),
      }),
    onSuccess: (scan) => {
      void invalidateScan(qc)
      navigate(`/discovery/scans/${scan.id}`)
    },
  })

  const submit = (e: FormEvent) => {
    e.preventDefault()
    start.mutate()
  }
  const needsConfirm = start.error instanceof ApiError && /LARGE|CONFIRM/.test(start.error.code)

  return (
    <Stack gap="md">
      <PageHeader title={t('scans.title')} />
      {noScope && (
        <Alert
          color="orange"
          icon={<IconInfoCircle size={18} />}
          title={t('discoveryGuide.noScopeTitle')}
          role="status"
        >
          <Text size="sm">{t('discoveryGuide.noScopeBody')}</Text>
          <Button component={Link} to="/discovery/scopes" size="xs" variant="light" mt="sm">
            {t('discoveryGuide.noScopeLink')}
          </Button>
        </Alert>
      )}
      {canEdit(user) && (
        <Paper withBorder p="md">
          <Title order={3} size="h5" mb="sm">
            {t('scans.start')}
          </Title>
          <form onSubmit={submit}>
            <Stack gap="sm" maw={640}>
              <Textarea
                label={t('scans.targets')}
                description={t('scans.targetsHint')}
                placeholder="192.168.10.0/24 10.0.5.12"
                value={targets}
                onChange={(e) => setTargets(e.currentTarget.value)}
                autosize
                minRows={2}
                required
              />
              <Group grow align="flex-start">
                <Select
                  label={t('scans.profile')}
                  description={t(`scans.profileHint.${profile}`)}
                  data={SCAN_PROFILES.map((p) => ({ value: p, label: t(`enums.profile.${p}`) }))}
                  value={profile}
                  onChange={(v) => v && setProfile(v)}
                  allowDeselect={false}
                />
                <TextInput
                  label={t('scans.ports')}
                  description={t('scans.portsHint')}
                  placeholder="top, 1-1024, 104,2575"
                  value={ports}
                  onChange={(e) => setPorts(e.currentTarget.value)}
                />
              </Group>
              {needsConfirm && (
                <Checkbox
                  label={t('scans.confirmLarge')}
                  checked={confirmLarge}
                  onChange={(e) => setConfirmLarge(e.currentTarget.checked)}
                />
              )}
              {start.error && <ErrorAlert error={start.error} title={t('scans.startFailed')} />}
              <Group>
                <Button
                  type="submit"
                  leftSection={<IconPlayerPlay size={16} />}
                  loading={start.isPending}
                  disabled={!targets.trim()}
                >
                  {t('scans.startButton')}
                </Button>
              </Group>
            </Stack>
          </form>
        </Paper>
      )}
      <Paper withBorder>
        {scans.error && <ErrorAlert error={scans.error} />}
        <Table fz="sm" highlightOnHover verticalSpacing={6}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('scans.startedAt')}</Table.Th>
              <Table.Th>{t('scans.targets')}</Table.Th>
              <Table.Th>{t('scans.profile')}</Table.Th>
              <Table.Th>{t('scans.status')}</Table.Th>
              <Table.Th w={200}>{t('scans.progress')}</Table.Th>
              <Table.Th>{t('scans.startedBy')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(scans.data ?? []).map((s) => {
              const p = s.progress
              const pct = p.hostsTotal > 0 ? (p.hostsDone / p.hostsTotal) * 100 : isActive(s) ? 0 : 100
              return (
                <Table.Tr key={s.id}>
                  <Table.Td>
                    <Link to={`/discovery/scans/${s.id}`}>
                      {formatDateTime(s.startedAt ?? s.createdAt, i18n.language)}
                    </Link>
                  </Table.Td>
                  <Table.Td className="mono">{s.targets.join(', ')}</Table.Td>
                  <Table.Td>{t(`enums.profile.${s.profile}`, { defaultValue: s.profile })}</Table.Td>
                  <Table.Td>
                    <Badge size="sm" variant="light" color={scanStatusColor(s)}>
                      {t(`enums.scanStatus.${s.status}`, { defaultValue: s.status })}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Progress value={pct} size="sm" animated={isActive(s)} aria-label={t('scans.progress')} />
                  </Table.Td>
                  <Table.Td>{s.requestedBy ?? '—'}</Table.Td>
                </Table.Tr>
              )
            })}
          </Table.Tbody>
        </Table>
        {scans.data && scans.data.length === 0 && (
          <Text ta="center" c="dimmed" p="lg">
            {t('scans.none')}
          </Text>
        )}
      </Paper>
      {!canEdit(user) && <Alert color="gray">{t('scans.viewerNote')}</Alert>}
    </Stack>
  )
}
