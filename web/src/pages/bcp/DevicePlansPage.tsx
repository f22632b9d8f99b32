import {
  Anchor,
  Badge,
  Checkbox,
  Group,
  SegmentedControl,
  Skeleton,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router-dom'
import { ErrorAlert, PageHeader } from '../../components/common.js'
import { bcpApi, bcpKeys } from '../../data/bcp.js'
import { BcpTabs, CardsDownload } from './parts.js'

/** The devices the services depend on, with whether each has a saved downtime plan; "missing" lists the gaps. */
export function BcpDevicePlansPage() {
  const { t } = useTranslation()
  const [missing, setMissing] = useState(false)
  const [chosen, setChosen] = useState<string[]>([])
  // The API lists saved plans, or (missing=true) the devices services depend on that have none: "all" is both.
  const q = useQuery({
    queryKey: bcpKeys.plans(missing),
    queryFn: async () => {
      const gaps = await bcpApi.plans(true)
      if (missing) return gaps
      const saved = await bcpApi.plans(false)
      const seen = new Set(saved.items.map((p) => p.deviceId))
      return { items: [...gaps.items.filter((p) => !seen.has(p.deviceId)), ...saved.items] }
    },
  })
  const [text, setText] = useState('')
  const needle = text.trim().toLowerCase()
  const items = (q.data?.items ?? []).filter(
    (p) =>
      !needle ||
      [
        p.device.assetTag,
        p.device.name,
        p.device.model,
        p.device.department,
        p.device.location,
        ...p.services.map((s) => s.name),
      ]
        .filter(Boolean)
        .some((v) => String(v).toLowerCase().includes(needle)),
  )
  const unsaved = items.filter((p) => !p.saved).length
  return (
    <Stack gap="md">
      <PageHeader title={t('bcp.plansTitle')} />
      <BcpTabs />
      <Text size="sm">{t('bcp.plans.intro')}</Text>
      <Group>
        <SegmentedControl
          aria-label={t('bcp.plans.filter')}
          value={missing ? 'missing' : 'all'}
          onChange={(v) => {
            setMissing(v === 'missing')
            setChosen([])
          }}
          data={[
            { value: 'all', label: t('bcp.plans.all') },
            { value: 'missing', label: t('bcp.plans.missing') },
          ]}
        />
        <TextInput
          aria-label={t('bcp.plans.search')}
          placeholder={t('bcp.plans.search')}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          w={260}
        />
        {q.data && (
          <Text size="sm" c={unsaved > 0 ? 'orange.8' : 'dimmed'} fw={unsaved > 0 ? 600 : undefined}>
            {t('bcp.plans.counts', { count: items.length, unsaved })}
          </Text>
        )}
      </Group>
      {q.error && <ErrorAlert error={q.error} />}
      {q.isLoading && <Skeleton h={200} />}
      {q.data && items.length === 0 && <Text size="sm">{t('bcp.plans.none')}</Text>}
      {items.length > 0 && (
        <Table.ScrollContainer minWidth={800}>
          <Table fz="sm" striped aria-label={t('bcp.plans.table')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>
                  <Checkbox
                    aria-label={t('bcp.plans.chooseAll')}
                    checked={chosen.length === items.length}
                    indeterminate={chosen.length > 0 && chosen.length < items.length}
                    onChange={(e) => setChosen(e.currentTarget.checked ? items.map((p) => p.deviceId) : [])}
                  />
                </Table.Th>
                <Table.Th>{t('bcp.plans.device')}</Table.Th>
                <Table.Th>{t('bcp.plans.department')}</Table.Th>
                <Table.Th>{t('bcp.plans.status')}</Table.Th>
                <Table.Th>{t('bcp.plans.services')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((p) => (
                <Table.Tr key={p.deviceId} data-device={p.deviceId} data-saved={p.saved}>
                  <Table.Td>
                    <Checkbox
                      aria-label={t('bcp.plans.choose', { name: p.device.assetTag ?? p.deviceId })}
                      checked={chosen.includes(p.deviceId)}
                      onChange={(e) =>
                        setChosen(
                          e.currentTarget.checked ? [...chosen, p.deviceId] : chosen.filter((x) => x !== p.deviceId),
                        )
                      }
                    />
                  </Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`/bcp/plans/${encodeURIComponent(p.deviceId)}`} size="sm" fw={600}>
                      {[p.device.assetTag, p.device.name].filter(Boolean).join(' · ') || p.deviceId}
                    </Anchor>
                    {p.device.lifeCritical && (
                      <Badge color="red" variant="light" size="xs" ml={6}>
                        {t('bcp.plans.lifeCritical')}
                      </Badge>
                    )}
                    {p.device.model && (
                      <Text size="xs" c="dimmed">
                        {p.device.model}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{[p.device.department, p.device.location].filter(Boolean).join(' / ') || '—'}</Table.Td>
                  <Table.Td>
                    {p.saved ? (
                      <Badge color="teal" variant="light">
                        {t('bcp.plans.saved')}
                      </Badge>
                    ) : (
                      <Badge color="orange" variant="light">
                        {t('bcp.plans.unsaved')}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {p.services.map((s) => (
                        <Anchor key={s.id} component={Link} to={`/bcp/services/${encodeURIComponent(s.id)}`} size="xs">
                          {s.name}
                        </Anchor>
                      ))}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <CardsDownload devices={chosen} />
      {chosen.length > 0 && (
        <Text size="xs" c="dimmed">
          {t('bcp.cards.chosenDevices', { count: chosen.length })}
        </Text>
      )}
    </Stack>
  )
}
