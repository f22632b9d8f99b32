import { Alert, Anchor, Badge, Breadcrumbs, Button, Group, Skeleton, Stack, Text, Title } from '@mantine/core'
import { IconDeviceFloppy, IconEdit, IconTrash, IconX } from '@tabler/icons-react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate, useParams } from 'react-router-dom'
import { canEdit, useAuth } from '../auth.js'
import { ErrorAlert, formatDateTime, useErrorMessage } from '../components/common.js'
import { DeviceFindings } from '../components/DeviceFindings.js'
import { DeviceHistory } from '../components/DeviceHistory.js'
import { DeviceTraffic } from '../components/DeviceTraffic.js'
import { LifecycleFlags } from '../components/LifecycleFlags.js'
import { deviceKeys, devicesApi, invalidateLedger } from '../data/devices.js'
import { DeviceModelPanel } from './catalog/DeviceModelPanel.js'
import { DisclosedVsObserved } from './device/DisclosedVsObserved.js'
import { DEVICE_SECTIONS } from './device/device-fields.js'
import { type FieldContext, FieldGroup } from './device/FieldGroup.js'
import { DeviceLifecyclePanel } from './device/lifecycle/DeviceLifecyclePanel.js'
import { DeviceTimeline } from './device/lifecycle/DeviceTimeline.js'
import { NotesSection } from './device/NotesSection.js'
import { SaveAlerts } from './device/SaveAlerts.js'
import { useDeviceForm } from './device/useDeviceForm.js'
import { useSaveDevice } from './device/useSaveDevice.js'
import { DeviceRiskPanel } from './risk/DeviceRiskPanel.js'
import { DeviceVulnerabilitiesPanel } from './vulns/DeviceVulnerabilitiesPanel.js'

/**
 * One device: every field of api/device.ts in groups (the table in ./device/device-fields.ts). Engineers and admins
 * can edit; the save sends only the changed fields with the version that was loaded, so a concurrent edit gives a
 * clear 409 instead of a silent overwrite.
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
    queryKey: deviceKeys.detail(id ?? ''),
    queryFn: () => devicesApi.get(id ?? ''),
    enabled: !create && Boolean(id),
  })
  const device = query.data
  const facets = useQuery({ queryKey: deviceKeys.facets(), queryFn: devicesApi.facets })
  const sites = facets.data?.sites ?? []

  const edit = useDeviceForm({ create, device, firstSite: facets.data?.sites[0]?.id })
  const { form, editing } = edit
  const save = useSaveDevice({
    create,
    device,
    onSaved: (d) => {
      edit.stopEditing()
      if (create) navigate(`/devices/${d.id}`, { replace: true })
    },
  })

  const remove = useMutation({
    mutationFn: () => devicesApi.remove(device?.id ?? ''),
    onSuccess: () => {
      // The deleted device is gone: drop its cached page instead of asking the server for it again.
      qc.removeQueries({ queryKey: deviceKeys.detail(device?.id ?? '') })
      void invalidateLedger(qc, device?.id)
      navigate('/devices')
    },
  })

  if (!create && query.error) return <ErrorAlert error={query.error} />
  if (!create && !device) return <Skeleton h={400} />

  const ctx: FieldContext = {
    form,
    set: edit.set,
    editing,
    sites,
    error: (field) => {
      const p = save.errors[field]
      if (p) return t(p.key, p.values)
      return save.serverErrors[field]
    },
  }
  const cancel = () => {
    if (!edit.discardOk()) return
    if (create) navigate('/devices')
    else {
      edit.stopEditing()
      save.clearProblems()
    }
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
              <Button leftSection={<IconEdit size={16} />} onClick={edit.startEditing}>
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
              <Button variant="default" leftSection={<IconX size={16} />} onClick={cancel}>
                {t('common.cancel')}
              </Button>
              <Button
                leftSection={<IconDeviceFloppy size={16} />}
                loading={save.isPending}
                onClick={() => save.save(form)}
              >
                {t('common.save')}
              </Button>
            </>
          )}
        </Group>
      </Group>

      <SaveAlerts
        save={save}
        editing={editing}
        onReload={() => {
          save.clearProblems()
          edit.stopEditing()
          void query.refetch()
        }}
      />
      {remove.error && <Alert color="red">{errorMessage(remove.error)}</Alert>}
      {!editable && (
        <Text size="xs" c="dimmed">
          {t('device.readOnly')}
        </Text>
      )}

      {device && !create && <DeviceRiskPanel deviceId={device.id} />}
      {device && !create && <LifecycleFlags device={device} />}
      {device && !create && <DeviceLifecyclePanel deviceId={device.id} status={device.status} />}
      {device && !create && <DeviceFindings deviceId={device.id} />}
      {device && !create && <DeviceTraffic deviceId={device.id} />}
      {device && !create && <DeviceModelPanel deviceId={device.id} />}
      {device && !create && <DisclosedVsObserved deviceId={device.id} />}
      {device && !create && <DeviceVulnerabilitiesPanel deviceId={device.id} />}

      {DEVICE_SECTIONS.map((s) => (
        <FieldGroup key={s.id} title={t(`device.section.${s.id}`)} fields={s.fields} ctx={ctx} />
      ))}
      <NotesSection ctx={ctx} />

      {device && !create && <DeviceTimeline deviceId={device.id} />}
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
