import { Anchor, Button, Group, Paper, Skeleton, Stack, Table, Text, Title } from '@mantine/core'
import { IconPlayerPlay } from '@tabler/icons-react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate, useSearchParams } from 'react-router-dom'
import { DECOMMISSION_STATES } from '../../../../api/decommission.js'
import { canEdit, useAuth } from '../../auth.js'
import { ErrorAlert, formatDateTime, PageHeader } from '../../components/common.js'
import {
  type DecommissionState,
  decommissionApi,
  decommissionKeys,
  invalidateDecommission,
} from '../../data/decommission.js'
import { StateBadge, StateFilter } from '../acceptance/parts.js'
import { DevicePicker } from '../device/lifecycle/DevicePicker.js'

/**
 * 廃棄・譲渡: the devices leaving the hospital, by state, and (engineers) the form that starts the checklist for one.
 */
export function DecommissionListPage() {
  const { t, i18n } = useTranslation()
  const { user } = useAuth()
  const [params, setParams] = useSearchParams()
  const state = params.get('state') ?? ''
  const q = useQuery({
    queryKey: decommissionKeys.list(state || null),
    queryFn: () => decommissionApi.list((state || null) as DecommissionState | null),
  })
  const ja = i18n.language.startsWith('ja')
  return (
    <Stack gap="md">
      <PageHeader title={t('decommission.title')} />
      <Text size="sm" c="dimmed">
        {t('decommission.intro')}
      </Text>
      {canEdit(user) && <StartForm />}
      <Group>
        <StateFilter
          area="decommission"
          states={DECOMMISSION_STATES}
          value={state}
          onChange={(v) => setParams(v ? { state: v } : {}, { replace: true })}
        />
      </Group>
      {q.error && <ErrorAlert error={q.error} />}
      {!q.data && !q.error && <Skeleton h={120} />}
      {q.data && q.data.items.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('decommission.none')}
        </Text>
      )}
      {q.data && q.data.items.length > 0 && (
        <Table striped withTableBorder aria-label={t('decommission.listLabel')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('fields.assetTag')}</Table.Th>
              <Table.Th>{t('fields.name')}</Table.Th>
              <Table.Th>{t('fields.model')}</Table.Th>
              <Table.Th>{t('decommission.col.state')}</Table.Th>
              <Table.Th>{t('decommission.col.started')}</Table.Th>
              <Table.Th>{t('decommission.col.outstanding')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {q.data.items.map((d) => (
              <Table.Tr key={d.id} data-decommission={d.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/decommission/${encodeURIComponent(d.id)}`}>
                    {d.device.assetTag ?? d.device.name ?? d.deviceId}
                  </Anchor>
                </Table.Td>
                <Table.Td>{d.device.name ?? '—'}</Table.Td>
                <Table.Td>{[d.device.manufacturer, d.device.model].filter(Boolean).join(' ') || '—'}</Table.Td>
                <Table.Td>
                  <StateBadge area="decommission" state={d.state} />
                </Table.Td>
                <Table.Td>{formatDateTime(d.startedAt, i18n.language)}</Table.Td>
                <Table.Td>{d.state === 'in_progress' ? (ja ? d.outstandingJa : d.outstandingEn).length : '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  )
}

function StartForm() {
  const { t } = useTranslation()
  const qc = useQueryClient()
  const navigate = useNavigate()
  const [device, setDevice] = useState<string | null>(null)
  const start = useMutation({
    mutationFn: () => decommissionApi.start(device ?? ''),
    onSuccess: (d) => {
      void invalidateDecommission(qc, d.deviceId)
      navigate(`/decommission/${encodeURIComponent(d.id)}`)
    },
  })
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="dec-start">
      <Title order={3} size="h5" id="dec-start" mb="xs">
        {t('decommission.start')}
      </Title>
      <Group align="end">
        <DevicePicker label={t('decommission.device')} value={device} onChange={setDevice} required />
        <Button
          leftSection={<IconPlayerPlay size={16} />}
          disabled={!device}
          loading={start.isPending}
          onClick={() => start.mutate()}
        >
          {t('decommission.startButton')}
        </Button>
      </Group>
      {start.error && <ErrorAlert error={start.error} />}
    </Paper>
  )
}
