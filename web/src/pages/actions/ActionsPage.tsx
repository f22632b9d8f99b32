import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Paper,
  SimpleGrid,
  Skeleton,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
} from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { IconRefresh, IconSettings } from '@tabler/icons-react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { Link, useSearchParams } from 'react-router-dom'
import { ACTION_STATUSES, type ActionStatus } from '../../../../api/actions.js'
import { canEdit, isAdmin, useAuth } from '../../auth.js'
import { ErrorAlert, PageHeader } from '../../components/common.js'
import { type Action, actionKeys, actionsApi, invalidateActions } from '../../data/actions.js'
import { RiskBandBadge, useJa } from '../risk/parts.js'
import { DueDate, KevBadge, SeverityBadge, StatusBadge, titleOf } from './parts.js'

/**
 * 対策: the action board, one column per status (open, in progress, done, accepted), most urgent first. Each card
 * names what to do, how many devices, the severity and KEV, the owner and the due date (red when overdue).
 */
export function ActionsPage() {
  const { t } = useTranslation()
  const { user } = useAuth()
  const qc = useQueryClient()
  const [params, setParams] = useSearchParams()
  const overdue = params.get('overdue') === 'true'
  const [owner] = useDebouncedValue(params.get('owner') ?? '', 300)
  const set = (patch: Record<string, string | null>) => {
    const next = new URLSearchParams(params)
    for (const [k, v] of Object.entries(patch)) v ? next.set(k, v) : next.delete(k)
    setParams(next, { replace: true })
  }
  const sync = useMutation({ mutationFn: actionsApi.sync, onSuccess: () => void invalidateActions(qc) })
  return (
    <Stack gap="md">
      <PageHeader title={t('actionUi.title')}>
        {canEdit(user) && (
          <Button
            variant="default"
            leftSection={<IconRefresh size={16} />}
            loading={sync.isPending}
            onClick={() => sync.mutate()}
          >
            {t('actionUi.sync')}
          </Button>
        )}
        {isAdmin(user) && (
          <Button component={Link} to="/actions/sla" variant="default" leftSection={<IconSettings size={16} />}>
            {t('actionUi.sla.title')}
          </Button>
        )}
      </PageHeader>
      <Text size="sm" c="dimmed">
        {t('actionUi.intro')}
      </Text>
      {sync.error && <ErrorAlert error={sync.error} />}
      {sync.data && (
        <Alert color="teal" role="status">
          {t('actionUi.synced', sync.data)}
        </Alert>
      )}
      <Group gap="md" align="end">
        <TextInput
          label={t('actionUi.filter.owner')}
          defaultValue={params.get('owner') ?? ''}
          onChange={(e) => set({ owner: e.currentTarget.value || null })}
          w={220}
        />
        <Switch
          label={t('actionUi.filter.overdue')}
          checked={overdue}
          onChange={(e) => set({ overdue: e.currentTarget.checked ? 'true' : null })}
        />
      </Group>
      <SimpleGrid cols={{ base: 1, sm: 2, xl: 4 }} spacing="md">
        {ACTION_STATUSES.map((s) => (
          <Column key={s} status={s} owner={owner} overdue={overdue} />
        ))}
      </SimpleGrid>
    </Stack>
  )
}

function Column({ status, owner, overdue }: { status: ActionStatus; owner: string; overdue: boolean }) {
  const { t } = useTranslation()
  const filters = { status, owner: owner || undefined, overdue: overdue ? 'true' : undefined, limit: 100 }
  const q = useQuery({ queryKey: actionKeys.list(filters), queryFn: () => actionsApi.list(filters) })
  const id = `actions-col-${status}`
  return (
    <Paper withBorder p="sm" bg="gray.0" component="section" aria-labelledby={id} data-column={status}>
      <Group justify="space-between" mb="sm">
        <Title order={3} size="h5" id={id}>
          {t(`actionUi.status.${status}`)}
        </Title>
        {q.data && <Badge variant="default">{q.data.total}</Badge>}
      </Group>
      {q.error && <ErrorAlert error={q.error} />}
      {!q.data && !q.error && <Skeleton h={120} />}
      {q.data && q.data.items.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('actionUi.emptyColumn')}
        </Text>
      )}
      <Stack gap="xs">
        {q.data?.items.map((a) => (
          <ActionCard key={a.id} action={a} />
        ))}
      </Stack>
    </Paper>
  )
}

function ActionCard({ action: a }: { action: Action }) {
  const { t } = useTranslation()
  const ja = useJa()
  return (
    <Card withBorder padding="sm" data-action={a.id}>
      <Anchor component={Link} to={`/actions/${encodeURIComponent(a.id)}`} fw={600} size="sm">
        {titleOf(a, ja)}
      </Anchor>
      <Group gap={4} mt={4}>
        <SeverityBadge severity={a.severity} />
        <KevBadge kev={a.knownExploited} />
        {a.topRiskBand && <RiskBandBadge band={a.topRiskBand} />}
      </Group>
      <Text size="xs" mt={4}>
        {t('actionUi.devices', { count: a.deviceCount })}
      </Text>
      <Group justify="space-between" mt={4} wrap="nowrap">
        <Text size="xs" c={a.owner ? undefined : 'dimmed'}>
          {t('actionUi.col.owner')}: {a.owner ?? t('actionUi.noOwner')}
        </Text>
        <DueDate action={a} />
      </Group>
      {a.status === 'accepted' && a.acceptance && (
        <Text size="xs" c="grape.7" mt={4}>
          {t('actionUi.acceptedUntil', { date: a.acceptance.expiresOn })}
        </Text>
      )}
      {a.status === 'done' && a.closedEvidence && (
        <Text size="xs" c="teal.7" mt={4} lineClamp={2}>
          {a.closedEvidence}
        </Text>
      )}
      <StatusBadgeHidden status={a.status} />
    </Card>
  )
}

/** Keeps the status machine-readable on the card without repeating the column title on screen. */
function StatusBadgeHidden({ status }: { status: ActionStatus }) {
  return (
    <span hidden>
      <StatusBadge status={status} />
    </span>
  )
}
