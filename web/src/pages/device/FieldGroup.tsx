import {
  Badge,
  Checkbox,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Switch,
  TagsInput,
  Text,
  TextInput,
  Title,
} from '@mantine/core'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { CONNECTION_TYPES } from '../../../../api/device.js'
import type { Facets } from '../../data/devices.js'
import type { DeviceForm } from '../device-form.js'
import type { FieldSpec } from './device-fields.js'

/** What every field needs: the values, the setter, edit mode, a field's problem, the hospital's sites. */
export interface FieldContext {
  form: DeviceForm
  set: <K extends keyof DeviceForm>(key: K, value: DeviceForm[K]) => void
  editing: boolean
  error: (field: string) => string | undefined
  sites: Facets['sites']
}

/** Read-only value with its label, used for viewers and outside edit mode. */
export function ReadField({ label, children }: { label: string; children: ReactNode }) {
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

/** A titled section whose fields come from the table in ./device-fields.ts. */
export function FieldGroup({ title, fields, ctx }: { title: string; fields: readonly FieldSpec[]; ctx: FieldContext }) {
  return (
    <Paper withBorder p="md" component="section" aria-label={title}>
      <Title order={3} size="h5" mb="sm">
        {title}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm" verticalSpacing="xs">
        {fields.map((f) => (
          <Field key={f.key} spec={f} ctx={ctx} />
        ))}
      </SimpleGrid>
    </Paper>
  )
}

/** One field, read-only or editable, by its kind. */
export function Field({ spec, ctx }: { spec: FieldSpec; ctx: FieldContext }) {
  const { t } = useTranslation()
  const { form, set, editing, error, sites } = ctx
  const label = t(`fields.${spec.key}`)
  switch (spec.kind) {
    case 'text': {
      const str = form[spec.key]
      if (!editing) return <ReadField label={label}>{str}</ReadField>
      return (
        <TextInput
          label={label}
          value={str}
          type={spec.type}
          placeholder={spec.placeholder}
          onChange={(e) => set(spec.key, e.currentTarget.value)}
          error={error(spec.key)}
          size="sm"
        />
      )
    }
    case 'select':
      if (!editing) return <ReadField label={label}>{t(`enums.${spec.ns}.${form[spec.key]}`)}</ReadField>
      return (
        <Select
          label={label}
          data={spec.values.map((v) => ({ value: v, label: t(`enums.${spec.ns}.${v}`) }))}
          value={form[spec.key]}
          onChange={(v) => v && set(spec.key, v)}
          allowDeselect={false}
          searchable={spec.values.length > 8}
          error={error(spec.key)}
          size="sm"
        />
      )
    case 'list':
      return <ListField field={spec.key} label={label} ctx={ctx} />
    case 'flag':
      if (!editing) return <ReadField label={label}>{form[spec.key] ? t('common.yes') : t('common.no')}</ReadField>
      return (
        <Switch
          mt="lg"
          label={label}
          description={t(`device.hint.${spec.key}`)}
          checked={form[spec.key]}
          onChange={(e) => set(spec.key, e.currentTarget.checked)}
          error={error(spec.key)}
        />
      )
    case 'site':
      if (!editing)
        return <ReadField label={label}>{sites.find((x) => x.id === form.siteId)?.name ?? form.siteId}</ReadField>
      if (sites.length === 0) return <Field spec={{ kind: 'text', key: 'siteId' }} ctx={ctx} />
      return (
        <Select
          label={label}
          data={[
            ...sites.map((x) => ({ value: x.id, label: x.name })),
            ...(sites.some((x) => x.id === form.siteId) ? [] : [{ value: form.siteId, label: form.siteId }]),
          ]}
          value={form.siteId}
          onChange={(v) => v && set('siteId', v)}
          allowDeselect={false}
          error={error('siteId')}
        />
      )
    case 'connections':
      if (!editing) {
        return (
          <ReadField label={label}>{form.connectionTypes.map((c) => t(`enums.connection.${c}`)).join('、')}</ReadField>
        )
      }
      return (
        <Checkbox.Group
          label={label}
          value={form.connectionTypes}
          onChange={(v) => set('connectionTypes', v)}
          error={error('connectionTypes')}
        >
          <Group gap="sm" mt={6}>
            {CONNECTION_TYPES.map((c) => (
              <Checkbox key={c} value={c} label={t(`enums.connection.${c}`)} size="xs" />
            ))}
          </Group>
        </Checkbox.Group>
      )
    case 'proximity': {
      const p = form.patientProximity
      if (!editing) return <ReadField label={label}>{p === '' ? '' : `${p}: ${t(`enums.proximity.${p}`)}`}</ReadField>
      return (
        <Select
          label={label}
          data={['0', '1', '2', '3', '4'].map((v) => ({ value: v, label: `${v}: ${t(`enums.proximity.${v}`)}` }))}
          value={p || null}
          onChange={(v) => set('patientProximity', v ?? '')}
          clearable
          error={error('patientProximity')}
        />
      )
    }
  }
}

/** Addresses and tags: typed as tags while editing; addresses in monospace and tags as badges when read. */
function ListField({
  field,
  label,
  ctx,
}: {
  field: 'ipAddresses' | 'macAddresses' | 'tags'
  label: string
  ctx: FieldContext
}) {
  const { t } = useTranslation()
  const values = ctx.form[field]
  if (!ctx.editing) {
    return (
      <ReadField label={label}>
        {values.length === 0 ? (
          ''
        ) : field === 'tags' ? (
          <Group gap={4} component="span">
            {values.map((x) => (
              <Badge key={x} size="sm" variant="light">
                {x}
              </Badge>
            ))}
          </Group>
        ) : (
          <span className="mono">{values.join(', ')}</span>
        )}
      </ReadField>
    )
  }
  return (
    <TagsInput
      label={label}
      description={t('device.listHint')}
      value={values}
      onChange={(v) => ctx.set(field, v)}
      splitChars={[',', ' ', '、']}
      error={ctx.error(field)}
      size="sm"
      clearable
    />
  )
}
