import {
  Alert,
  Anchor,
  Badge,
  Breadcrumbs,
  Button,
  Group,
  Paper,
  Select,
  Skeleton,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core'
import { IconChecks, IconTrash } from '@tabler/icons-react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { type FormEvent, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate, useParams } from 'react-router-dom'
import { ApiError } from '../../api.js'
import { canEdit, isAdmin, useAuth } from '../../auth.js'
import { ErrorAlert, useErrorMessage } from '../../components/common.js'
import { invalidateCatalog, modelKeys, modelsApi, versionRange } from '../../data/models.js'
import { ModelComponentsPanel } from '../vulns/ModelComponentsPanel.js'
import { DeclaredPortsPanel } from './DeclaredPortsPanel.js'
import { LinkStateBadge, modelOptions, useReason } from './parts.js'

/** One catalog model: its version range, the devices linked to it (confirm one or all suggestions), merge, delete. */
export function ModelDetailPage() {
  const { id = '' } = useParams()
  const { t } = useTranslation()
  const { user } = useAuth()
  const editable = canEdit(user)
  const qc = useQueryClient()
  const navigate = useNavigate()
  const errorText = useErrorMessage()
  const reason = useReason()
  const detail = useQuery({ queryKey: modelKeys.detail(id), queryFn: () => modelsApi.detail(id) })
  const models = useQuery({ queryKey: modelKeys.list(), queryFn: modelsApi.list, enabled: editable })
  const [form, setForm] = useState({ name: '', versionFrom: '', versionTo: '' })
  const [mergeFrom, setMergeFrom] = useState<string | null>(null)
  const model = detail.data?.model
  useEffect(() => {
    if (model) setForm({ name: model.name, versionFrom: model.versionFrom ?? '', versionTo: model.versionTo ?? '' })
  }, [model])
  const done = () => void invalidateCatalog(qc)
  const save = useMutation({
    mutationFn: () =>
      modelsApi.update(id, {
        name: form.name,
        versionFrom: form.versionFrom || null,
        versionTo: form.versionTo || null,
      }),
    onSuccess: done,
  })
  const confirmAll = useMutation({ mutationFn: () => modelsApi.confirmSuggestions(id), onSuccess: done })
  const confirmOne = useMutation({
    mutationFn: (deviceId: string) => modelsApi.confirmDevice(deviceId, id),
    onSuccess: done,
  })
  const unlink = useMutation({ mutationFn: modelsApi.unlinkDevice, onSuccess: done })
  const merge = useMutation({
    mutationFn: (from: string) => modelsApi.merge(id, from),
    onSuccess: () => {
      setMergeFrom(null)
      done()
    },
  })
  const remove = useMutation({
    mutationFn: async () => {
      try {
        await modelsApi.remove(id)
      } catch (e) {
        // In use: an admin may still delete it after saying yes to what it takes with it.
        if (!(e instanceof ApiError) || e.code !== 'MODEL_IN_USE' || !isAdmin(user)) throw e
        if (!window.confirm(`${errorText(e)}\n\n${t('catalog.forceDelete')}`)) return
        await modelsApi.remove(id, true)
      }
    },
    onSuccess: () => {
      done()
      navigate('/catalog')
    },
  })

  if (detail.error) return <ErrorAlert error={detail.error} />
  if (!detail.data || !model) return <Skeleton h={300} />
  const devices = detail.data.devices
  const field = (key: keyof typeof form) => (
    <TextInput
      size="xs"
      label={t(`catalog.fields.${key}`)}
      value={form[key]}
      disabled={!editable}
      onChange={(e) => setForm({ ...form, [key]: e.currentTarget.value })}
    />
  )

  return (
    <Stack gap="md">
      <Breadcrumbs>
        <Anchor component={Link} to="/catalog">
          {t('catalog.title')}
        </Anchor>
        <Text>{`${model.vendor} ${model.name}`}</Text>
      </Breadcrumbs>
      <Group justify="space-between">
        <Title order={2}>{`${model.vendor} ${model.name}`}</Title>
        <Group gap="xs">
          <Badge variant="light" color="teal">{`${t('catalog.confirmed')} ${model.confirmed}`}</Badge>
          <Badge variant="light" color="yellow">{`${t('catalog.suggestedCount')} ${model.suggested}`}</Badge>
          <Badge variant="light" color="gray">{`${t('catalog.disclosures')} ${model.disclosures}`}</Badge>
          <Anchor component={Link} to={`/disclosures?modelId=${encodeURIComponent(id)}`} size="sm">
            {t('declaredPorts.disclosuresLink')}
          </Anchor>
        </Group>
      </Group>
      <Paper withBorder p="sm">
        <form
          onSubmit={(e: FormEvent) => {
            e.preventDefault()
            save.mutate()
          }}
        >
          <Group align="flex-end" gap="xs">
            {field('name')}
            {field('versionFrom')}
            {field('versionTo')}
            {editable && (
              <Button type="submit" size="xs" loading={save.isPending}>
                {t('common.save')}
              </Button>
            )}
            {editable && (
              <Button
                size="xs"
                color="red"
                variant="light"
                leftSection={<IconTrash size={14} />}
                loading={remove.isPending}
                onClick={() => remove.mutate()}
              >
                {t('catalog.delete')}
              </Button>
            )}
          </Group>
          <Text size="xs" c="dimmed" mt={4}>
            {versionRange(model) ? t('catalog.rangeHint', { range: versionRange(model) }) : t('catalog.anyVersionHint')}
          </Text>
        </form>
        {save.error && <ErrorAlert error={save.error} />}
        {remove.error && <ErrorAlert error={remove.error} />}
      </Paper>
      {editable && (
        <Group align="flex-end" gap="xs">
          <Select
            size="xs"
            w={360}
            searchable
            label={t('catalog.mergeLabel')}
            data={modelOptions(models.data ?? [], id)}
            value={mergeFrom}
            onChange={setMergeFrom}
          />
          <Button
            size="xs"
            variant="light"
            disabled={!mergeFrom}
            loading={merge.isPending}
            onClick={() => mergeFrom && merge.mutate(mergeFrom)}
          >
            {t('catalog.merge')}
          </Button>
        </Group>
      )}
      {merge.error && <ErrorAlert error={merge.error} />}
      <DeclaredPortsPanel modelId={id} editable={editable} />
      <ModelComponentsPanel modelId={id} editable={editable} />
      <Group justify="space-between">
        <Title order={3} size="h4">
          {t('catalog.linkedDevices')}
        </Title>
        {editable && model.suggested > 0 && (
          <Button
            size="xs"
            leftSection={<IconChecks size={14} />}
            loading={confirmAll.isPending}
            onClick={() => confirmAll.mutate()}
          >
            {t('catalog.confirmAll', { count: model.suggested })}
          </Button>
        )}
      </Group>
      {[confirmAll.error, confirmOne.error, unlink.error].map((e) => e && <ErrorAlert key={String(e)} error={e} />)}
      {devices.length === 0 ? (
        <Alert color="gray">{t('catalog.noDevices')}</Alert>
      ) : (
        <Table fz="sm" striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('catalog.assetTag')}</Table.Th>
              <Table.Th>{t('catalog.department')}</Table.Th>
              <Table.Th>{t('catalog.ledgerText')}</Table.Th>
              <Table.Th>{t('catalog.state.label')}</Table.Th>
              <Table.Th>{t('catalog.reason')}</Table.Th>
              {editable && <Table.Th />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {devices.map((d) => (
              <Table.Tr key={d.deviceId}>
                <Table.Td>
                  <Anchor component={Link} to={`/devices/${encodeURIComponent(d.deviceId)}`} size="sm">
                    {d.assetTag ?? d.name ?? d.deviceId}
                  </Anchor>
                </Table.Td>
                <Table.Td>{d.department ?? ''}</Table.Td>
                <Table.Td>{[d.manufacturer, d.model, d.softwareVersion].filter(Boolean).join(' / ')}</Table.Td>
                <Table.Td>
                  <LinkStateBadge state={d.state} />
                </Table.Td>
                <Table.Td>
                  <Text size="xs">{`${reason(d)} (${d.confidence.toFixed(2)})`}</Text>
                </Table.Td>
                {editable && (
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      {d.state === 'suggested' && (
                        <Button
                          size="compact-xs"
                          aria-label={t('catalog.confirmNamed', { device: d.assetTag ?? d.deviceId })}
                          onClick={() => confirmOne.mutate(d.deviceId)}
                        >
                          {t('catalog.confirm')}
                        </Button>
                      )}
                      <Button
                        size="compact-xs"
                        variant="subtle"
                        color="red"
                        aria-label={t('catalog.unlinkNamed', { device: d.assetTag ?? d.deviceId })}
                        onClick={() => unlink.mutate(d.deviceId)}
                      >
                        {t('catalog.unlink')}
                      </Button>
                    </Group>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  )
}
