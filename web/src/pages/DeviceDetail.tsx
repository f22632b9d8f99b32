import {
  ActionIcon,
  Alert,
  Anchor,
  Badge,
  Breadcrumbs,
  Button,
  Checkbox,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Skeleton,
  Stack,
  Switch,
  TagsInput,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core'
import { IconAlertTriangle, IconDeviceFloppy, IconEdit, IconPlus, IconTrash, IconX } from '@tabler/icons-react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { type ReactNode, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate, useParams } from 'react-router-dom'
import type { Device, DeviceSaved, SaveWarning } from '../../../api/device.js'
import {
  CONNECTION_TYPES,
  DEVICE_CATEGORIES,
  DEVICE_KINDS,
  DEVICE_STATUSES,
  USAGE_ENVIRONMENTS,
} from '../../../api/device.js'
import { ApiError, api } from '../api.js'
import { canEdit, useAuth } from '../auth.js'
import { ErrorAlert, formatDateTime, useErrorMessage } from '../components/common.js'
import { DeviceFindings } from '../components/DeviceFindings.js'
import { DeviceHistory } from '../components/DeviceHistory.js'
import { LifecycleFlags } from '../components/LifecycleFlags.js'
import type { Facets } from './Devices.js'
import {
  type DeviceForm,
  diffPatch,
  emptyForm,
  type FieldProblem,
  formFromDevice,
  isDirty,
  validateForm,
} from './device-form.js'

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper withBorder p="md" component="section" aria-label={title}>
      <Title order={3} size="h5" mb="sm">
        {title}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm" verticalSpacing="xs">
        {children}
      </SimpleGrid>
    </Paper>
  )
}

/** Read-only value with its label, used for viewers and outside edit mode. */
function ReadField({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" fw={600}>
        {label}
      </Text>
      <Text size="sm" style={{ wordBreak: 'break-word' }}>
        {children === '' || children === null || children === undefined ? '—' : children}
      </Text>
    </div>
  )
}

/**
 * One device: every field of api/device.ts in groups. Engineers and admins can edit; the save sends only the
 * changed fields with the version that was loaded, so a concurrent edit gives a clear 409 instead of a silent
 * overwrite.
 */
export function DeviceDetailPage({ create = false }: { create?: boolean }) {
  const { t, i18n } = useTranslation()
  const { id } = useParams()
  const { user } = useAuth()
  const navigate = useNavigate()
  const qc = useQueryClient()
  const errorMessage = useErrorMessage()
  const editable = canEdit(user)

  const query = useQuery({
    queryKey: ['device', id],
    queryFn: () => api<Device>(`/api/devices/${encodeURIComponent(id ?? '')}`),
    enabled: !create && Boolean(id),
  })
  const device = query.data
  const facets = useQuery({ queryKey: ['facets'], queryFn: () => api<Facets>('/api/devices/facets') })
  const sites = facets.data?.sites ?? []

  const [editing, setEditing] = useState(create)
  const [form, setForm] = useState<DeviceForm>(emptyForm)
  const [errors, setErrors] = useState<Record<string, FieldProblem>>({})
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({})
  const [saveError, setSaveError] = useState<unknown>(null)
  const [saved, setSaved] = useState(false)
  const [saveWarnings, setSaveWarnings] = useState<SaveWarning[]>([])
  /** What the form held when editing started: the form is "dirty" when it differs. */
  const [baseline, setBaseline] = useState<DeviceForm>(emptyForm)

  useEffect(() => {
    if (device && !editing) {
      setForm(formFromDevice(device))
      setBaseline(formFromDevice(device))
    }
  }, [device, editing])

  const dirty = editing && isDirty(form, baseline)
  const discardOk = () => !dirty || window.confirm(t('device.discardConfirm'))
  // Unsaved edits are not lost silently: closing or reloading the tab asks the browser's question, and following
  // a link inside the app asks ours.
  useEffect(() => {
    if (!dirty) return
    const beforeUnload = (e: BeforeUnloadEvent) => {
      e.preventDefault()
      e.returnValue = ''
    }
    const onClick = (e: MouseEvent) => {
      const a = (e.target as Element | null)?.closest?.('a[href]')
      if (!a || a.getAttribute('target') === '_blank' || a.hasAttribute('download')) return
      if (!window.confirm(t('device.discardConfirm'))) {
        e.preventDefault()
        e.stopPropagation()
      }
    }
    window.addEventListener('beforeunload', beforeUnload)
    document.addEventListener('click', onClick, true)
    return () => {
      window.removeEventListener('beforeunload', beforeUnload)
      document.removeEventListener('click', onClick, true)
    }
  }, [dirty, t])

  // A new device belongs to the hospital's (first) site rather than the schema's placeholder 'default'.
  const firstSite = facets.data?.sites[0]?.id
  useEffect(() => {
    if (create && firstSite) {
      setForm((f) => (f.siteId === 'default' ? { ...f, siteId: firstSite } : f))
      setBaseline((f) => (f.siteId === 'default' ? { ...f, siteId: firstSite } : f))
    }
  }, [create, firstSite])

  const save = useMutation({
    mutationFn: async (): Promise<DeviceSaved> => {
      const v = validateForm(form)
      if (!v.ok) {
        setErrors(v.errors)
        throw new ValidationStop()
      }
      setErrors({})
      if (create) return api<DeviceSaved>('/api/devices', { method: 'POST', json: v.value })
      if (!device) throw new ValidationStop()
      return api<DeviceSaved>(`/api/devices/${encodeURIComponent(device.id)}`, {
        method: 'PATCH',
        json: { version: device.version, patch: diffPatch(device, v.value) },
      })
    },
    onMutate: () => {
      setSaveError(null)
      setServerErrors({})
      setSaved(false)
      setSaveWarnings([])
    },
    onSuccess: ({ warnings = [], ...d }) => {
      setSaveWarnings(warnings)
      qc.setQueryData(['device', d.id], d)
      void qc.invalidateQueries({ queryKey: ['devices'] })
      void qc.invalidateQueries({ queryKey: ['dashboard'] })
      void qc.invalidateQueries({ queryKey: ['facets'] })
      setEditing(false)
      setSaved(true)
      if (create) navigate(`/devices/${d.id}`, { replace: true })
    },
    onError: (err) => {
      if (err instanceof ValidationStop) return
      if (err instanceof ApiError && err.details.length > 0) {
        const byField: Record<string, string> = {}
        for (const d of err.details) {
          const field = d.where.replace(/^(patch|body)\./, '').split(/[.[]/)[0] ?? ''
          const msg = i18n.language.startsWith('ja') && d.messageJa ? d.messageJa : d.message
          byField[field] = byField[field] ? `${byField[field]}; ${msg}` : msg
        }
        setServerErrors(byField)
      }
      setSaveError(err)
    },
  })

  const remove = useMutation({
    mutationFn: () => api<void>(`/api/devices/${encodeURIComponent(device?.id ?? '')}`, { method: 'DELETE' }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['devices'] })
      void qc.invalidateQueries({ queryKey: ['dashboard'] })
      navigate('/devices')
    },
  })

  if (!create && query.error) return <ErrorAlert error={query.error} />
  if (!create && !device) return <Skeleton h={400} />

  const conflict = saveError instanceof ApiError && saveError.code === 'DEVICE_VERSION_CONFLICT'

  const set = <K extends keyof DeviceForm>(key: K, value: DeviceForm[K]) => setForm((f) => ({ ...f, [key]: value }))
  const err = (field: string): string | undefined => {
    const p = errors[field]
    if (p) return t(p.key, p.values)
    return serverErrors[field]
  }
  const label = (field: string) => t(`fields.${field}`)

  const text = (field: keyof DeviceForm & string, opts: { type?: string; placeholder?: string } = {}) => {
    const value = form[field]
    const str = typeof value === 'string' ? value : ''
    if (!editing)
      return (
        <ReadField key={field} label={label(field)}>
          {str}
        </ReadField>
      )
    return (
      <TextInput
        key={field}
        label={label(field)}
        value={str}
        type={opts.type}
        placeholder={opts.placeholder}
        onChange={(e) => set(field, e.currentTarget.value)}
        error={err(field)}
        size="sm"
      />
    )
  }

  const select = (
    field: 'kind' | 'category' | 'status' | 'usageEnvironment',
    values: readonly string[],
    ns: string,
  ) => {
    if (!editing)
      return (
        <ReadField key={field} label={label(field)}>
          {t(`enums.${ns}.${form[field]}`)}
        </ReadField>
      )
    return (
      <Select
        key={field}
        label={label(field)}
        data={values.map((v) => ({ value: v, label: t(`enums.${ns}.${v}`) }))}
        value={form[field]}
        onChange={(v) => v && set(field, v)}
        allowDeselect={false}
        searchable={values.length > 8}
        error={err(field)}
        size="sm"
      />
    )
  }

  const list = (field: 'ipAddresses' | 'macAddresses' | 'tags') => {
    if (!editing) {
      return (
        <ReadField key={field} label={label(field)}>
          {form[field].length === 0 ? (
            ''
          ) : field === 'tags' ? (
            <Group gap={4} component="span">
              {form[field].map((x) => (
                <Badge key={x} size="sm" variant="light">
                  {x}
                </Badge>
              ))}
            </Group>
          ) : (
            <span className="mono">{form[field].join(', ')}</span>
          )}
        </ReadField>
      )
    }
    return (
      <TagsInput
        key={field}
        label={label(field)}
        description={t('device.listHint')}
        value={form[field]}
        onChange={(v) => set(field, v)}
        splitChars={[',', ' ', '、']}
        error={err(field)}
        size="sm"
        clearable
      />
    )
  }

  const flag = (field: 'lifeCritical' | 'neverScan' | 'fragile') => {
    if (!editing) {
      return (
        <ReadField key={field} label={label(field)}>
          {form[field] ? t('common.yes') : t('common.no')}
        </ReadField>
      )
    }
    return (
      <Switch
        key={field}
        mt="lg"
        label={label(field)}
        description={t(`device.hint.${field}`)}
        checked={form[field]}
        onChange={(e) => set(field, e.currentTarget.checked)}
        error={err(field)}
      />
    )
  }

  const title = create ? t('device.newTitle') : form.assetTag || device?.hostname || t('devices.noTag')

  return (
    <Stack gap="md">
      <Breadcrumbs>
        <Anchor component={Link} to="/devices" size="sm">
          {t('nav.devices')}
        </Anchor>
        <Text size="sm">{title}</Text>
      </Breadcrumbs>
      <Group justify="space-between" wrap="wrap">
        <Group gap="sm">
          <Title order={2} size="h3">
            {title}
          </Title>
          {device && (
            <Text size="sm" c="dimmed">
              {[device.manufacturer, device.model].filter(Boolean).join(' ')}
            </Text>
          )}
          {form.lifeCritical && (
            <Badge color="pink" variant="light">
              {t('fields.lifeCritical')}
            </Badge>
          )}
        </Group>
        <Group gap="xs">
          {editable && !editing && (
            <>
              <Button leftSection={<IconEdit size={16} />} onClick={() => setEditing(true)}>
                {t('device.edit')}
              </Button>
              <Button
                color="red"
                variant="light"
                leftSection={<IconTrash size={16} />}
                loading={remove.isPending}
                onClick={() => {
                  if (window.confirm(t('device.confirmDelete'))) remove.mutate()
                }}
              >
                {t('device.delete')}
              </Button>
            </>
          )}
          {editing && (
            <>
              <Button
                variant="default"
                leftSection={<IconX size={16} />}
                onClick={() => {
                  if (!discardOk()) return
                  if (create) navigate('/devices')
                  else {
                    setEditing(false)
                    setErrors({})
                    setServerErrors({})
                    setSaveError(null)
                  }
                }}
              >
                {t('common.cancel')}
              </Button>
              <Button
                leftSection={<IconDeviceFloppy size={16} />}
                loading={save.isPending}
                onClick={() => save.mutate()}
              >
                {t('common.save')}
              </Button>
            </>
          )}
        </Group>
      </Group>

      {saved && !editing && saveWarnings.length === 0 && (
        <Alert color="teal" withCloseButton onClose={() => setSaved(false)} role="status">
          {t('device.saved')}
        </Alert>
      )}
      {saved && !editing && saveWarnings.length > 0 && (
        <Alert
          color="yellow"
          withCloseButton
          onClose={() => setSaved(false)}
          role="status"
          title={t('device.savedWarnings')}
        >
          {saveWarnings.map((w) => (
            <Text key={`${w.field}-${w.value}`} size="sm">
              {i18n.language.startsWith('ja') ? w.messageJa : w.message}
            </Text>
          ))}
        </Alert>
      )}
      {conflict && (
        <Alert color="orange" icon={<IconAlertTriangle size={18} />} title={t('device.conflictTitle')} role="alert">
          <Text size="sm">{t('device.conflictBody')}</Text>
          <Button
            mt="sm"
            size="xs"
            variant="white"
            onClick={() => {
              setSaveError(null)
              setEditing(false)
              void query.refetch()
            }}
          >
            {t('device.conflictReload')}
          </Button>
        </Alert>
      )}
      {saveError !== null && !conflict && <ErrorAlert error={saveError} title={t('device.saveFailed')} />}
      {Object.keys(errors).length > 0 && (
        <Alert color="red" role="alert">
          {t('device.fixErrors', { n: Object.keys(errors).length })}
        </Alert>
      )}
      {remove.error && <Alert color="red">{errorMessage(remove.error)}</Alert>}
      {!editable && (
        <Text size="xs" c="dimmed">
          {t('device.readOnly')}
        </Text>
      )}

      {device && !create && <LifecycleFlags device={device} />}
      {device && !create && <DeviceFindings deviceId={device.id} />}

      <Section title={t('device.section.identity')}>
        {text('assetTag')}
        {select('kind', DEVICE_KINDS, 'kind')}
        {select('category', DEVICE_CATEGORIES, 'category')}
        {text('name')}
        {text('manufacturer')}
        {text('model')}
        {text('serialNumber')}
        {text('softwareVersion')}
        {text('os')}
        {text('osVersion')}
        {select('status', DEVICE_STATUSES, 'status')}
      </Section>

      <Section title={t('device.section.location')}>
        {editing && sites.length > 0 ? (
          <Select
            key="siteId"
            label={label('siteId')}
            data={[
              ...sites.map((x) => ({ value: x.id, label: x.name })),
              ...(sites.some((x) => x.id === form.siteId) ? [] : [{ value: form.siteId, label: form.siteId }]),
            ]}
            value={form.siteId}
            onChange={(v) => v && set('siteId', v)}
            allowDeselect={false}
            error={err('siteId')}
          />
        ) : !editing ? (
          <ReadField key="siteId" label={label('siteId')}>
            {sites.find((x) => x.id === form.siteId)?.name ?? form.siteId}
          </ReadField>
        ) : (
          text('siteId')
        )}
        {text('department')}
        {text('location')}
        {text('responsibleDepartment')}
        {text('responsiblePerson')}
      </Section>

      <Section title={t('device.section.network')}>
        {list('ipAddresses')}
        {list('macAddresses')}
        {text('hostname')}
        {text('networkSegment')}
        {text('vlan', { type: 'text', placeholder: '1–4094' })}
        {text('declaredPorts', { placeholder: '104, 11112, 443' })}
        {editing ? (
          <Checkbox.Group
            key="connectionTypes"
            label={label('connectionTypes')}
            value={form.connectionTypes}
            onChange={(v) => set('connectionTypes', v)}
            error={err('connectionTypes')}
          >
            <Group gap="sm" mt={6}>
              {CONNECTION_TYPES.map((c) => (
                <Checkbox key={c} value={c} label={t(`enums.connection.${c}`)} size="xs" />
              ))}
            </Group>
          </Checkbox.Group>
        ) : (
          <ReadField key="connectionTypes" label={label('connectionTypes')}>
            {form.connectionTypes.map((c) => t(`enums.connection.${c}`)).join('、')}
          </ReadField>
        )}
      </Section>

      <Section title={t('device.section.clinical')}>
        {select('usageEnvironment', USAGE_ENVIRONMENTS, 'usage')}
        {editing ? (
          <Select
            key="patientProximity"
            label={label('patientProximity')}
            data={['0', '1', '2', '3', '4'].map((v) => ({ value: v, label: `${v}: ${t(`enums.proximity.${v}`)}` }))}
            value={form.patientProximity || null}
            onChange={(v) => set('patientProximity', v ?? '')}
            clearable
            error={err('patientProximity')}
          />
        ) : (
          <ReadField key="patientProximity" label={label('patientProximity')}>
            {form.patientProximity === ''
              ? ''
              : `${form.patientProximity}: ${t(`enums.proximity.${form.patientProximity}`)}`}
          </ReadField>
        )}
        {flag('lifeCritical')}
        {flag('neverScan')}
        {flag('fragile')}
      </Section>

      <Section title={t('device.section.lifecycle')}>
        {text('installedOn', { type: 'date' })}
        {text('serviceLifeEnd', { type: 'date' })}
        {text('supportEnd', { type: 'date' })}
        {text('maintenanceContract')}
        {text('vendorContact')}
      </Section>

      <Paper withBorder p="md" component="section" aria-label={t('device.section.notes')}>
        <Title order={3} size="h5" mb="sm">
          {t('device.section.notes')}
        </Title>
        <Stack gap="sm">
          {list('tags')}
          {editing ? (
            <Textarea
              label={label('notes')}
              value={form.notes}
              onChange={(e) => set('notes', e.currentTarget.value)}
              autosize
              minRows={3}
              error={err('notes')}
            />
          ) : (
            <ReadField label={label('notes')}>
              {form.notes && <span style={{ whiteSpace: 'pre-wrap' }}>{form.notes}</span>}
            </ReadField>
          )}
          <div>
            <Text size="sm" fw={500} mb={4}>
              {label('customFields')}
            </Text>
            {form.customFields.length === 0 && !editing && (
              <Text size="sm" c="dimmed">
                —
              </Text>
            )}
            <Stack gap={6}>
              {form.customFields.map((c, i) =>
                editing ? (
                  // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place; keys may be blank or repeated while typing
                  <Group key={i} gap="xs" align="flex-end">
                    <TextInput
                      label={t('device.customKey')}
                      value={c.key}
                      onChange={(e) => {
                        const v = e.currentTarget.value
                        set(
                          'customFields',
                          form.customFields.map((x, j) => (j === i ? { ...x, key: v } : x)),
                        )
                      }}
                      size="xs"
                      w={200}
                    />
                    <TextInput
                      label={t('device.customValue')}
                      value={c.value}
                      onChange={(e) => {
                        const v = e.currentTarget.value
                        set(
                          'customFields',
                          form.customFields.map((x, j) => (j === i ? { ...x, value: v } : x)),
                        )
                      }}
                      size="xs"
                      style={{ flex: 1 }}
                    />
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={t('device.customRemove', { key: c.key })}
                      onClick={() =>
                        set(
                          'customFields',
                          form.customFields.filter((_, j) => j !== i),
                        )
                      }
                      mb={2}
                    >
                      <IconTrash size={16} />
                    </ActionIcon>
                  </Group>
                ) : (
                  <ReadField key={c.key} label={c.key}>
                    {c.value}
                  </ReadField>
                ),
              )}
            </Stack>
            {err('customFields') && (
              <Text size="xs" c="red" mt={4}>
                {err('customFields')}
              </Text>
            )}
            {editing && (
              <Button
                mt="xs"
                size="xs"
                variant="light"
                leftSection={<IconPlus size={14} />}
                onClick={() => set('customFields', [...form.customFields, { key: '', value: '' }])}
              >
                {t('device.customAdd')}
              </Button>
            )}
          </div>
        </Stack>
      </Paper>

      {device && !create && <DeviceHistory deviceId={device.id} />}

      {device && (
        <Text size="xs" c="dimmed">
          {t('device.meta', {
            created: formatDateTime(device.createdAt, i18n.language),
            createdBy: device.createdBy ?? '—',
            updated: formatDateTime(device.updatedAt, i18n.language),
            updatedBy: device.updatedBy ?? '—',
            version: device.version,
          })}
        </Text>
      )}
    </Stack>
  )
}

/** Thrown inside the mutation when client-side validation failed; the field errors are already shown. */
class ValidationStop extends Error {}
