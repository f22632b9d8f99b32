import { Anchor, Badge, Group, Paper, SegmentedControl, Text, Title } from '@mantine/core'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router-dom'
import { type Acceptance, acceptanceKeys, invalidateAcceptance } from '../../data/acceptance.js'
import { downloadFile } from '../../data/reports.js'

const STATE_COLOR: Record<string, string> = {
  in_progress: 'blue',
  signed_off: 'teal',
  cancelled: 'gray',
  completed: 'teal',
}

/** The state of an acceptance or a decommissioning in words (`<area>.state.<state>`). */
export function StateBadge({ area, state }: { area: 'acceptance' | 'decommission'; state: string }) {
  const { t } = useTranslation()
  return (
    <Badge color={STATE_COLOR[state] ?? 'gray'} variant="light" data-state={state}>
      {t(`${area}.state.${state}`)}
    </Badge>
  )
}

/** Asset tag, name, manufacturer and model of the device under test: the header of both detail pages. */
export function DeviceHeader({
  device,
  deviceId,
}: {
  device: Pick<Acceptance['device'], 'assetTag' | 'name' | 'manufacturer' | 'model' | 'department'>
  deviceId: string
}) {
  const { t } = useTranslation()
  return (
    <Paper withBorder p="sm">
      <Group gap="lg">
        <div>
          <Text size="xs" c="dimmed">
            {t('fields.assetTag')}
          </Text>
          <Anchor component={Link} fw={700} to={`/devices/${encodeURIComponent(deviceId)}`}>
            {device.assetTag ?? deviceId}
          </Anchor>
        </div>
        <div>
          <Text size="xs" c="dimmed">
            {t('fields.name')}
          </Text>
          <Text>{device.name ?? '—'}</Text>
        </div>
        <div>
          <Text size="xs" c="dimmed">
            {t('fields.model')}
          </Text>
          <Text>{[device.manufacturer, device.model].filter(Boolean).join(' ') || '—'}</Text>
        </div>
        <div>
          <Text size="xs" c="dimmed">
            {t('fields.department')}
          </Text>
          <Text>{device.department ?? '—'}</Text>
        </div>
      </Group>
    </Paper>
  )
}

/** State filter over a list (すべて + each state). */
export function StateFilter({
  area,
  states,
  value,
  onChange,
}: {
  area: 'acceptance' | 'decommission'
  states: readonly string[]
  value: string
  onChange: (v: string) => void
}) {
  const { t } = useTranslation()
  return (
    <SegmentedControl
      aria-label={t(`${area}.filterState`)}
      value={value}
      onChange={onChange}
      data={[
        { value: '', label: t('acceptance.all') },
        ...states.map((s) => ({ value: s, label: t(`${area}.state.${s}`) })),
      ]}
    />
  )
}

export function SectionTitle({ id, children }: { id: string; children: string }) {
  return (
    <Title order={3} size="h5" id={id} mb="xs">
      {children}
    </Title>
  )
}

export { downloadFile }

/** A change to an acceptance: the answer replaces the cached one, and lists, device and timeline refresh. */
export function useAcceptanceChange<V>(fn: (v: V) => Promise<Acceptance>) {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: fn,
    onSuccess: (a) => {
      qc.setQueryData(acceptanceKeys.detail(a.id), a)
      void invalidateAcceptance(qc, a.deviceId)
    },
  })
}
