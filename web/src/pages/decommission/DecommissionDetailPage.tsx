import {
  Alert,
  Anchor,
  Breadcrumbs,
  Button,
  Checkbox,
  Group,
  List,
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
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useParams } from 'react-router-dom'
import { ERASURE_METHODS } from '../../../../api/decommission.js'
import { ApiError } from '../../api.js'
import { canEdit, useAuth } from '../../auth.js'
import { ErrorAlert, formatDateTime } from '../../components/common.js'
import {
  type Decommission,
  type DecommissionItem,
  decommissionApi,
  decommissionKeys,
  type ErasureMethod,
  invalidateDecommission,
} from '../../data/decommission.js'
import { DeviceHeader, StateBadge } from '../acceptance/parts.js'
import { DownloadButton } from '../procurement/parts.js'
import { useJa } from '../risk/parts.js'

function useChange<V>(fn: (v: V) => Promise<Decommission>) {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: fn,
    onSuccess: (d) => {
      qc.setQueryData(decommissionKeys.detail(d.id), d)
      void invalidateDecommission(qc, d.deviceId)
    },
  })
}

/**
 * One device leaving the hospital: continuity services that still depend on it (a warning with links), the checklist
 * (実施済み / 該当なし with a note), the handover data (how the data was erased, in plain words; evidence; recipient;
 * date), completion (refusals 409 shown as text; force with a reason) and the handover sheet for the dealer.
 */
export function DecommissionDetailPage() {
  const { t, i18n } = useTranslation()
  const { id = '' } = useParams()
  const { user } = useAuth()
  const q = useQuery({ queryKey: decommissionKeys.detail(id), queryFn: () => decommissionApi.get(id) })
  if (q.error) return <ErrorAlert error={q.error} />
  const d = q.data
  if (!d) return <Skeleton h={400} />
  const editable = canEdit(user) && d.state === 'in_progress'
  const title = d.device.assetTag ?? d.device.name ?? d.deviceId
  return (
    <Stack gap="md">
      <Breadcrumbs>
        <Anchor component={Link} to="/decommission" size="sm">
          {t('decommission.title')}
        </Anchor>
        <Text size="sm">{title}</Text>
      </Breadcrumbs>
      <Group gap="sm">
        <Title order={2} size="h3">
          {t('decommission.detailTitle', { name: title })}
        </Title>
        <StateBadge area="decommission" state={d.state} />
      </Group>
      <DeviceHeader device={d.device} deviceId={d.deviceId} />
      <Text size="xs" c="dimmed">
        {t('decommission.startedBy', { at: formatDateTime(d.startedAt, i18n.language), by: d.startedBy ?? '—' })}
        {d.device.serialNumber ? ` · ${t('fields.serialNumber')}: ${d.device.serialNumber}` : ''}
        {d.device.softwareVersion ? ` · ${t('fields.softwareVersion')}: ${d.device.softwareVersion}` : ''}
      </Text>
      {d.dependentServices.length > 0 && (
        <Alert
          color="orange"
          icon={<IconAlertTriangle size={18} />}
          title={t('decommission.dependentsTitle')}
          role="alert"
          data-dependents
        >
          <Text size="sm">{t('decommission.dependentsHint')}</Text>
          <List size="sm" mt={4}>
            {d.dependentServices.map((s) => (
              <List.Item key={s.id}>
                <Anchor component={Link} to={`/bcp/services/${encodeURIComponent(s.id)}`}>
                  {s.name}
                </Anchor>
              </List.Item>
            ))}
          </List>
        </Alert>
      )}
      {d.completed && (
        <Alert color="teal" role="status">
          {t('decommission.completedBy', { at: formatDateTime(d.completed.at, i18n.language), by: d.completed.by })}
          {d.completed.forced && ` ${t('decommission.forcedReason', { reason: d.completed.reason })}`}
        </Alert>
      )}
      <Checklist decommission={d} editable={editable} />
      <Handover decommission={d} editable={editable} />
      <Complete decommission={d} editable={editable} />
    </Stack>
  )
}

function Checklist({ decommission: d, editable }: { decommission: Decommission; editable: boolean }) {
  const { t } = useTranslation()
  const save = useChange((v: { item: DecommissionItem; done: boolean; notApplicable: boolean; note: string }) =>
    decommissionApi.item(d.id, v.item.id, { done: v.done, notApplicable: v.notApplicable, note: v.note }),
  )
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="dec-checklist">
      <Title order={3} size="h5" id="dec-checklist" mb="xs">
        {t('decommission.checklist')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('decommission.checklistIntro')}
      </Text>
      {save.error && <ErrorAlert error={save.error} />}
      <Table withTableBorder aria-label={t('decommission.checklist')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('decommission.item.what')}</Table.Th>
            <Table.Th w={110}>{t('decommission.item.done')}</Table.Th>
            <Table.Th w={110}>{t('decommission.item.notApplicable')}</Table.Th>
            <Table.Th>{t('decommission.item.note')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {d.items.map((it) => (
            <ItemRow
              key={it.id}
              item={it}
              editable={editable}
              onSave={(done, notApplicable, note) => save.mutate({ item: it, done, notApplicable, note })}
            />
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  )
}

function ItemRow({
  item: it,
  editable,
  onSave,
}: {
  item: DecommissionItem
  editable: boolean
  onSave: (done: boolean, notApplicable: boolean, note: string) => void
}) {
  const { t, i18n } = useTranslation()
  const ja = useJa()
  const [note, setNote] = useState(it.note)
  const title = ja ? it.titleJa : it.titleEn
  return (
    <Table.Tr data-item={it.id} data-done={it.done || undefined} data-na={it.notApplicable || undefined}>
      <Table.Td>
        <Text size="sm" fw={600}>
          {title}
        </Text>
        <Text size="xs" c="dimmed">
          {ja ? it.howJa : it.howEn}
        </Text>
        {it.doneBy && (
          <Text size="xs" c="dimmed">
            {it.doneBy} {formatDateTime(it.doneAt, i18n.language)}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Checkbox
          aria-label={t('decommission.item.doneOf', { name: title })}
          checked={it.done}
          disabled={!editable}
          onChange={(e) => onSave(e.currentTarget.checked, e.currentTarget.checked ? false : it.notApplicable, note)}
        />
      </Table.Td>
      <Table.Td>
        <Checkbox
          aria-label={t('decommission.item.notApplicableOf', { name: title })}
          checked={it.notApplicable}
          disabled={!editable}
          onChange={(e) => onSave(e.currentTarget.checked ? false : it.done, e.currentTarget.checked, note)}
        />
      </Table.Td>
      <Table.Td>
        <TextInput
          size="xs"
          aria-label={t('decommission.item.noteOf', { name: title })}
          value={note}
          readOnly={!editable}
          onChange={(e) => setNote(e.currentTarget.value)}
          onBlur={() => {
            if (editable && note !== it.note) onSave(it.done, it.notApplicable, note)
          }}
        />
      </Table.Td>
    </Table.Tr>
  )
}

function Handover({ decommission: d, editable }: { decommission: Decommission; editable: boolean }) {
  const { t } = useTranslation()
  const [form, setForm] = useState({
    erasureMethod: d.handover.erasureMethod,
    erasureEvidence: d.handover.erasureEvidence,
    recipient: d.handover.recipient ?? '',
    handoverOn: d.handover.handoverOn ?? '',
  })
  const save = useChange(() =>
    decommissionApi.handover(d.id, {
      erasureMethod: form.erasureMethod,
      erasureEvidence: form.erasureEvidence,
      recipient: form.recipient.trim() || null,
      handoverOn: form.handoverOn || null,
    }),
  )
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="dec-handover">
      <Title order={3} size="h5" id="dec-handover" mb="xs">
        {t('decommission.handover')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('decommission.handoverIntro')}
      </Text>
      <Stack gap="xs">
        <Select
          label={t('decommission.erasureMethod')}
          readOnly={!editable}
          clearable
          data={ERASURE_METHODS.map((m) => ({ value: m, label: t(`decommission.erasure.${m}.label`) }))}
          value={form.erasureMethod}
          onChange={(v) => setForm({ ...form, erasureMethod: (v as ErasureMethod | null) ?? null })}
          w={420}
        />
        {form.erasureMethod && (
          <Text size="sm" c="dimmed" data-erasure-explanation>
            {t(`decommission.erasure.${form.erasureMethod}.explain`)}
          </Text>
        )}
        <TextInput
          label={t('decommission.erasureEvidence')}
          placeholder={t('decommission.erasureEvidenceHint')}
          readOnly={!editable}
          value={form.erasureEvidence}
          onChange={(e) => setForm({ ...form, erasureEvidence: e.currentTarget.value })}
        />
        <Group grow>
          <TextInput
            label={t('decommission.recipient')}
            description={t('decommission.recipientHint')}
            readOnly={!editable}
            value={form.recipient}
            onChange={(e) => setForm({ ...form, recipient: e.currentTarget.value })}
          />
          <TextInput
            label={t('decommission.handoverOn')}
            type="date"
            readOnly={!editable}
            value={form.handoverOn}
            onChange={(e) => setForm({ ...form, handoverOn: e.currentTarget.value })}
          />
        </Group>
        {editable && (
          <Group>
            <Button size="sm" loading={save.isPending} onClick={() => save.mutate(undefined)}>
              {t('decommission.saveHandover')}
            </Button>
          </Group>
        )}
        {save.error && <ErrorAlert error={save.error} />}
        {save.isSuccess && (
          <Text size="sm" c="teal.7" role="status">
            {t('decommission.saved')}
          </Text>
        )}
      </Stack>
    </Paper>
  )
}

function Complete({ decommission: d, editable }: { decommission: Decommission; editable: boolean }) {
  const { t } = useTranslation()
  const ja = useJa()
  const [force, setForce] = useState(false)
  const [reason, setReason] = useState('')
  const complete = useChange(() => decommissionApi.complete(d.id, { force, reason }))
  const outstanding = ja ? d.outstandingJa : d.outstandingEn
  const dependents = complete.error instanceof ApiError && complete.error.code === 'DECOMMISSION_DEPENDENTS'
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="dec-complete">
      <Title order={3} size="h5" id="dec-complete" mb="xs">
        {t('decommission.complete')}
      </Title>
      {d.state === 'in_progress' &&
        (outstanding.length > 0 ? (
          <>
            <Text size="sm" fw={600}>
              {t('decommission.outstanding')}
            </Text>
            <List size="sm" mb="sm">
              {outstanding.map((o) => (
                <List.Item key={o}>{o}</List.Item>
              ))}
            </List>
          </>
        ) : (
          <Text size="sm" c="teal.7" mb="sm">
            {t('decommission.ready')}
          </Text>
        ))}
      {editable && (
        <Stack gap="xs">
          {complete.error && <ErrorAlert error={complete.error} title={t('decommission.notCompleted')} />}
          {(dependents || d.dependentServices.length > 0) && (
            <Checkbox
              label={t('decommission.force')}
              checked={force}
              onChange={(e) => setForce(e.currentTarget.checked)}
            />
          )}
          {force && (
            <Textarea
              label={t('decommission.forceReason')}
              required
              autosize
              minRows={2}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
            />
          )}
          <Group>
            <Button
              color="teal"
              leftSection={<IconCircleCheck size={16} />}
              loading={complete.isPending}
              disabled={force && !reason.trim()}
              onClick={() => {
                if (window.confirm(t('decommission.confirmComplete'))) complete.mutate(undefined)
              }}
            >
              {t('decommission.completeButton')}
            </Button>
          </Group>
        </Stack>
      )}
      <Group gap="sm" mt="md">
        <DownloadButton
          path={decommissionApi.sheetPath(d.id, 'ja')}
          fallback={`handover-${d.device.assetTag ?? d.deviceId}-ja.pdf`}
          label={t('decommission.sheetJa')}
        />
        <DownloadButton
          path={decommissionApi.sheetPath(d.id, 'en')}
          fallback={`handover-${d.device.assetTag ?? d.deviceId}-en.pdf`}
          label={t('decommission.sheetEn')}
        />
      </Group>
    </Paper>
  )
}
