import { Anchor, Button, Group, Paper, Select, Skeleton, Stack, Table, Text, Title } from '@mantine/core'
import { IconPlayerPlay } from '@tabler/icons-react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate, useSearchParams } from 'react-router-dom'
import { ACCEPTANCE_STATES } from '../../../../api/acceptance.js'
import { canEdit, useAuth } from '../../auth.js'
import { ErrorAlert, formatDateTime, PageHeader } from '../../components/common.js'
import { type AcceptanceState, acceptanceApi, acceptanceKeys, invalidateAcceptance } from '../../data/acceptance.js'
import { scopeKeys, scopesApi } from '../../data/scopes.js'
import { DevicePicker } from '../device/lifecycle/DevicePicker.js'
import { StateBadge, StateFilter } from './parts.js'

/**
 * 導入時確認: every acceptance test by state, and (engineers) the form that starts one for a new device — the device
 * by asset tag or name, and the approved quarantine scope it is connected to for the test.
 */
export function AcceptanceListPage() {
  const { t, i18n } = useTranslation()
  const { user } = useAuth()
  const [params, setParams] = useSearchParams()
  const state = params.get('state') ?? ''
  const q = useQuery({
    queryKey: acceptanceKeys.list(state || null),
    queryFn: () => acceptanceApi.list((state || null) as AcceptanceState | null),
  })
  const ja = i18n.language.startsWith('ja')
  return (
    <Stack gap="md">
      <PageHeader title={t('acceptance.title')} />
      <Text size="sm" c="dimmed">
        {t('acceptance.intro')}
      </Text>
      {canEdit(user) && <StartForm />}
      <Group>
        <StateFilter
          area="acceptance"
          states={ACCEPTANCE_STATES}
          value={state}
          onChange={(v) => setParams(v ? { state: v } : {}, { replace: true })}
        />
      </Group>
      {q.error && <ErrorAlert error={q.error} />}
      {!q.data && !q.error && <Skeleton h={120} />}
      {q.data && q.data.items.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('acceptance.none')}
        </Text>
      )}
      {q.data && q.data.items.length > 0 && (
        <Table striped withTableBorder aria-label={t('acceptance.listLabel')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('fields.assetTag')}</Table.Th>
              <Table.Th>{t('fields.name')}</Table.Th>
              <Table.Th>{t('fields.model')}</Table.Th>
              <Table.Th>{t('acceptance.col.state')}</Table.Th>
              <Table.Th>{t('acceptance.col.started')}</Table.Th>
              <Table.Th>{t('acceptance.col.outstanding')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {q.data.items.map((a) => (
              <Table.Tr key={a.id} data-acceptance={a.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/acceptance/${encodeURIComponent(a.id)}`}>
                    {a.device.assetTag ?? a.device.name ?? a.deviceId}
                  </Anchor>
                </Table.Td>
                <Table.Td>{a.device.name ?? '—'}</Table.Td>
                <Table.Td>{[a.device.manufacturer, a.device.model].filter(Boolean).join(' ') || '—'}</Table.Td>
                <Table.Td>
                  <StateBadge area="acceptance" state={a.state} />
                </Table.Td>
                <Table.Td>
                  {formatDateTime(a.startedAt, i18n.language)} {a.startedBy ? `(${a.startedBy})` : ''}
                </Table.Td>
                <Table.Td>
                  {a.state === 'in_progress'
                    ? (ja ? a.outstandingJa : a.outstandingEn).length || t('acceptance.readyToSign')
                    : '—'}
                </Table.Td>
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
  const [scopeId, setScopeId] = useState<string | null>(null)
  const scopes = useQuery({ queryKey: scopeKeys.scopes(), queryFn: scopesApi.scopes })
  const start = useMutation({
    mutationFn: () => acceptanceApi.start({ device: device ?? '', scopeId }),
    onSuccess: (a) => {
      void invalidateAcceptance(qc, a.deviceId)
      navigate(`/acceptance/${encodeURIComponent(a.id)}`)
    },
  })
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="acc-start">
      <Title order={3} size="h5" id="acc-start" mb="xs">
        {t('acceptance.start')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('acceptance.startIntro')}
      </Text>
      <Group align="end" gap="md">
        <DevicePicker label={t('acceptance.device')} value={device} onChange={setDevice} required />
        <Select
          label={t('acceptance.scope')}
          description={t('acceptance.scopeHint')}
          clearable
          data={(scopes.data ?? []).map((s) => ({
            value: s.id,
            label: s.label ? `${s.label} (${s.target})` : s.target,
          }))}
          value={scopeId}
          onChange={setScopeId}
          w={300}
        />
        <Button
          leftSection={<IconPlayerPlay size={16} />}
          disabled={!device}
          loading={start.isPending}
          onClick={() => start.mutate()}
        >
          {t('acceptance.startButton')}
        </Button>
      </Group>
      {scopes.error && <ErrorAlert error={scopes.error} />}
      {start.error && <ErrorAlert error={start.error} />}
    </Paper>
  )
}
