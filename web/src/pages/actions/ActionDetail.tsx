import {
  Alert,
  Anchor,
  Breadcrumbs,
  Button,
  Group,
  Modal,
  Paper,
  Select,
  Skeleton,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core'
import { IconDeviceFloppy, IconShieldCheck, IconX } from '@tabler/icons-react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useParams } from 'react-router-dom'
import { ApiError } from '../../api.js'
import { canEdit, useAuth } from '../../auth.js'
import { ErrorAlert, formatDateTime } from '../../components/common.js'
import { type ActionDetail, type ActionPatch, actionKeys, actionsApi, invalidateActions } from '../../data/actions.js'
import { RiskBandBadge, useJa } from '../risk/parts.js'
import { KevBadge, SeverityBadge, StatusBadge, titleOf } from './parts.js'

/** One action: what to do and why, its devices and where each was seen, the edit form, acceptance, the evidence. */
export function ActionDetailPage() {
  const { id = '' } = useParams()
  const { t } = useTranslation()
  const q = useQuery({ queryKey: actionKeys.detail(id), queryFn: () => actionsApi.detail(id) })
  return (
    <Stack gap="md">
      <Breadcrumbs>
        <Anchor component={Link} to="/actions" size="sm">
          {t('actionUi.title')}
        </Anchor>
        <Text size="sm">{id}</Text>
      </Breadcrumbs>
      {q.error && <ErrorAlert error={q.error} />}
      {!q.data && !q.error && <Skeleton h={300} />}
      {q.data && <Detail key={q.data.version} action={q.data} onReload={() => void q.refetch()} />}
    </Stack>
  )
}

function Detail({ action: a, onReload }: { action: ActionDetail; onReload: () => void }) {
  const { t, i18n } = useTranslation()
  const { user } = useAuth()
  const ja = useJa()
  const editable = canEdit(user)
  const [accepting, setAccepting] = useState(false)
  const qc = useQueryClient()
  const withdraw = useMutation({
    mutationFn: () => actionsApi.withdraw(a.id),
    onSuccess: () => void invalidateActions(qc),
  })
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={2} size="h3">
            {titleOf(a, ja)}
          </Title>
          <Group gap={6} mt={6}>
            <StatusBadge status={a.status} />
            <SeverityBadge severity={a.severity} />
            <KevBadge kev={a.knownExploited} />
            {a.topRiskBand && <RiskBandBadge band={a.topRiskBand} />}
          </Group>
        </div>
        {editable && a.status !== 'accepted' && a.status !== 'done' && (
          <Button
            variant="light"
            color="grape"
            leftSection={<IconShieldCheck size={16} />}
            onClick={() => setAccepting(true)}
          >
            {t('actionUi.accept.open')}
          </Button>
        )}
        {editable && a.status === 'accepted' && (
          <Button
            variant="light"
            color="red"
            leftSection={<IconX size={16} />}
            loading={withdraw.isPending}
            onClick={() => withdraw.mutate()}
          >
            {t('actionUi.accept.withdraw')}
          </Button>
        )}
      </Group>
      <Text size="sm">{ja ? a.detailJa : a.detailEn}</Text>
      {withdraw.error && <ErrorAlert error={withdraw.error} />}
      {a.acceptance && (
        <Alert color="grape" title={t('actionUi.accept.current')}>
          <Text size="sm">
            {t('actionUi.accept.reason')}: {a.acceptance.reason}
          </Text>
          <Text size="sm">
            {t('actionUi.accept.approver')}: {a.acceptance.approver}
          </Text>
          <Text size="sm">
            {t('actionUi.accept.expiresOn')}: {a.acceptance.expiresOn}
          </Text>
          <Text size="xs" c="dimmed">
            {a.acceptance.acceptedBy ?? '—'} · {formatDateTime(a.acceptance.acceptedAt, i18n.language)}
          </Text>
        </Alert>
      )}
      {a.closedAt && (
        <Alert color="teal" title={t('actionUi.closed', { when: formatDateTime(a.closedAt, i18n.language) })}>
          <Text size="sm" data-evidence>
            {a.closedEvidence ?? t('actionUi.noEvidence')}
          </Text>
        </Alert>
      )}
      <EditForm action={a} editable={editable} onReload={onReload} />
      <Paper withBorder p="md">
        <Title order={3} size="h5" mb="sm">
          {t('actionUi.devicesTitle', { count: a.deviceCount, findings: a.findingCount })}
        </Title>
        <Table fz="sm" aria-label={t('actionUi.devicesTable')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('riskUi.col.assetTag')}</Table.Th>
              <Table.Th>{t('riskUi.col.device')}</Table.Th>
              <Table.Th>{t('actionUi.location')}</Table.Th>
              <Table.Th>{t('actionUi.where')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {a.devices.map((d, i) => (
              <Table.Tr key={d.deviceId ?? `host-${i}`} data-device={d.deviceId ?? undefined}>
                <Table.Td>
                  {d.deviceId ? (
                    <Anchor component={Link} to={`/devices/${encodeURIComponent(d.deviceId)}`} size="sm">
                      {d.assetTag ?? d.deviceId}
                    </Anchor>
                  ) : (
                    <Text size="sm" c="dimmed">
                      {t('actionUi.notInLedger')}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{d.name ?? '—'}</Table.Td>
                <Table.Td>{d.location ?? '—'}</Table.Td>
                <Table.Td>{d.where.length > 0 ? d.where.join(', ') : t('actionUi.whereDevice')}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
      <Text size="xs" c="dimmed">
        {t('actionUi.meta', {
          kind: a.kind,
          created: formatDateTime(a.createdAt, i18n.language),
          updated: formatDateTime(a.updatedAt, i18n.language),
          version: a.version,
        })}
      </Text>
      {accepting && <AcceptDialog action={a} onClose={() => setAccepting(false)} />}
    </Stack>
  )
}

/** Owner, due date and status, saved with the version seen (409 when someone else saved first). */
function EditForm({
  action: a,
  editable,
  onReload,
}: {
  action: ActionDetail
  editable: boolean
  onReload: () => void
}) {
  const { t } = useTranslation()
  const qc = useQueryClient()
  const [owner, setOwner] = useState(a.owner ?? '')
  const [dueOn, setDueOn] = useState(a.dueOn)
  const [status, setStatus] = useState<string>(a.status === 'accepted' ? 'open' : a.status)
  const save = useMutation({
    mutationFn: (json: ActionPatch) => actionsApi.patch(a.id, json),
    onSuccess: () => void invalidateActions(qc),
  })
  const conflict = save.error instanceof ApiError && save.error.status === 409
  return (
    <Paper withBorder p="md">
      <Title order={3} size="h5" mb="sm">
        {t('actionUi.edit.title')}
      </Title>
      <Group align="end" gap="md" wrap="wrap">
        <TextInput
          label={t('actionUi.col.owner')}
          value={owner}
          onChange={(e) => setOwner(e.currentTarget.value)}
          disabled={!editable}
          w={220}
        />
        <TextInput
          label={t('actionUi.col.due')}
          placeholder="YYYY-MM-DD"
          value={dueOn}
          onChange={(e) => setDueOn(e.currentTarget.value)}
          disabled={!editable}
          w={160}
        />
        {a.status !== 'accepted' && (
          <Select
            label={t('actionUi.col.status')}
            data={(['open', 'in_progress', 'done'] as const).map((s) => ({
              value: s,
              label: t(`actionUi.status.${s}`),
            }))}
            value={status}
            onChange={(v) => v && setStatus(v)}
            allowDeselect={false}
            disabled={!editable}
            w={160}
          />
        )}
        {editable && (
          <Button
            leftSection={<IconDeviceFloppy size={16} />}
            loading={save.isPending}
            onClick={() =>
              save.mutate({
                owner: owner.trim() || null,
                dueOn,
                ...(a.status !== 'accepted' ? { status: status as ActionPatch['status'] } : {}),
                version: a.version,
              })
            }
          >
            {t('common.save')}
          </Button>
        )}
      </Group>
      {save.error && (
        <Stack gap="xs" mt="sm">
          <ErrorAlert error={save.error} title={conflict ? t('actionUi.edit.conflict') : undefined} />
          {conflict && (
            <Button variant="default" size="compact-sm" w="fit-content" onClick={onReload}>
              {t('actionUi.edit.reload')}
            </Button>
          )}
        </Stack>
      )}
      {save.data && !save.error && (
        <Text size="sm" c="teal.7" mt="sm" role="status">
          {t('actionUi.edit.saved')}
        </Text>
      )}
    </Paper>
  )
}

/** Accept the risk: reason, approver and an expiry date; the server refuses a past or impossible date. */
function AcceptDialog({ action: a, onClose }: { action: ActionDetail; onClose: () => void }) {
  const { t } = useTranslation()
  const qc = useQueryClient()
  const [reason, setReason] = useState('')
  const [approver, setApprover] = useState('')
  const [expiresOn, setExpiresOn] = useState('')
  const accept = useMutation({
    mutationFn: () => actionsApi.accept(a.id, { reason, approver, expiresOn }),
    onSuccess: async () => {
      await invalidateActions(qc)
      onClose()
    },
  })
  return (
    <Modal
      opened
      onClose={onClose}
      title={t('actionUi.accept.title')}
      closeButtonProps={{ 'aria-label': t('riskUi.close') }}
    >
      <Stack gap="sm">
        <Text size="sm">{t('actionUi.accept.intro')}</Text>
        <Textarea
          label={t('actionUi.accept.reason')}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          required
          autosize
          minRows={2}
        />
        <TextInput
          label={t('actionUi.accept.approver')}
          value={approver}
          onChange={(e) => setApprover(e.currentTarget.value)}
          required
        />
        <TextInput
          label={t('actionUi.accept.expiresOn')}
          placeholder="YYYY-MM-DD"
          value={expiresOn}
          onChange={(e) => setExpiresOn(e.currentTarget.value)}
          required
        />
        {accept.error && <ErrorAlert error={accept.error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button color="grape" loading={accept.isPending} onClick={() => accept.mutate()}>
            {t('actionUi.accept.submit')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  )
}
