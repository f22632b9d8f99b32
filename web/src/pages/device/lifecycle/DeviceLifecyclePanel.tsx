import { Anchor, Badge, Button, Group, Paper, Text, Title } from '@mantine/core'
import { IconPackageImport, IconRecycle } from '@tabler/icons-react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate } from 'react-router-dom'
import { ApiError } from '../../../api.js'
import { canEdit, useAuth } from '../../../auth.js'
import { ErrorAlert } from '../../../components/common.js'
import { acceptanceApi, acceptanceKeys, invalidateAcceptance } from '../../../data/acceptance.js'
import { decommissionApi, decommissionKeys, invalidateDecommission } from '../../../data/decommission.js'

/** The latest one, or null when the server answers 404 (none yet). */
async function orNone<T>(p: Promise<T>): Promise<T | null> {
  try {
    return await p
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) return null
    throw err
  }
}

/**
 * The device's lifecycle on its page: its acceptance test and decommissioning (links, or for engineers the buttons
 * 「導入時確認を開始」 / 「廃棄手続きを開始」 when none is open) and its continuity plan (/bcp/plans/<id>).
 */
export function DeviceLifecyclePanel({ deviceId, status }: { deviceId: string; status: string }) {
  const { t } = useTranslation()
  const { user } = useAuth()
  const editable = canEdit(user)
  const qc = useQueryClient()
  const navigate = useNavigate()
  const acc = useQuery({
    queryKey: acceptanceKeys.forDevice(deviceId),
    queryFn: () => orNone(acceptanceApi.forDevice(deviceId)),
  })
  const dec = useQuery({
    queryKey: decommissionKeys.forDevice(deviceId),
    queryFn: () => orNone(decommissionApi.forDevice(deviceId)),
  })
  const startAcc = useMutation({
    mutationFn: () => acceptanceApi.start({ device: deviceId, scopeId: null }),
    onSuccess: (a) => {
      void invalidateAcceptance(qc, deviceId)
      navigate(`/acceptance/${encodeURIComponent(a.id)}`)
    },
  })
  const startDec = useMutation({
    mutationFn: () => decommissionApi.start(deviceId),
    onSuccess: (d) => {
      void invalidateDecommission(qc, deviceId)
      navigate(`/decommission/${encodeURIComponent(d.id)}`)
    },
  })
  const a = acc.data
  const d = dec.data
  const accOpen = a?.state === 'in_progress'
  const decOpen = d?.state === 'in_progress'
  const decommissioned = status === 'decommissioned'
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="device-lifecycle">
      <Title order={3} size="h5" id="device-lifecycle" mb="xs">
        {t('lifecycle.device.title')}
      </Title>
      <Group gap="lg" align="start">
        <div>
          <Text size="xs" c="dimmed">
            {t('acceptance.title')}
          </Text>
          {a ? (
            <Group gap={4}>
              <Anchor component={Link} to={`/acceptance/${encodeURIComponent(a.id)}`} data-link="acceptance">
                {t('lifecycle.device.openAcceptance')}
              </Anchor>
              <Badge size="sm" variant="light">
                {t(`acceptance.state.${a.state}`)}
              </Badge>
            </Group>
          ) : (
            <Text size="sm">{acc.isPending ? '…' : t('lifecycle.device.none')}</Text>
          )}
        </div>
        <div>
          <Text size="xs" c="dimmed">
            {t('decommission.title')}
          </Text>
          {d ? (
            <Group gap={4}>
              <Anchor component={Link} to={`/decommission/${encodeURIComponent(d.id)}`} data-link="decommission">
                {t('lifecycle.device.openDecommission')}
              </Anchor>
              <Badge size="sm" variant="light">
                {t(`decommission.state.${d.state}`)}
              </Badge>
            </Group>
          ) : (
            <Text size="sm">{dec.isPending ? '…' : t('lifecycle.device.none')}</Text>
          )}
        </div>
        <div>
          <Text size="xs" c="dimmed">
            {t('lifecycle.device.continuity')}
          </Text>
          <Anchor component={Link} to={`/bcp/plans/${encodeURIComponent(deviceId)}`} data-link="bcp-plan">
            {t('lifecycle.device.openPlan')}
          </Anchor>
        </div>
      </Group>
      {editable && (
        <Group gap="xs" mt="sm">
          {!accOpen && !decommissioned && (
            <Button
              size="sm"
              variant="light"
              leftSection={<IconPackageImport size={16} />}
              loading={startAcc.isPending}
              onClick={() => startAcc.mutate()}
            >
              {t('lifecycle.device.startAcceptance')}
            </Button>
          )}
          {!decOpen && !decommissioned && (
            <Button
              size="sm"
              variant="light"
              color="orange"
              leftSection={<IconRecycle size={16} />}
              loading={startDec.isPending}
              onClick={() => {
                if (window.confirm(t('lifecycle.device.confirmDecommission'))) startDec.mutate()
              }}
            >
              {t('lifecycle.device.startDecommission')}
            </Button>
          )}
        </Group>
      )}
      {acc.error && <ErrorAlert error={acc.error} />}
      {dec.error && <ErrorAlert error={dec.error} />}
      {startAcc.error && <ErrorAlert error={startAcc.error} />}
      {startDec.error && <ErrorAlert error={startDec.error} />}
    </Paper>
  )
}
