import {
  Anchor,
  Badge,
  Button,
  Group,
  Paper,
  ScrollArea,
  SegmentedControl,
  Select,
  Skeleton,
  Stack,
  Table,
  Text,
  Title,
  UnstyledButton,
} from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useSearchParams } from 'react-router-dom'
import { CALENDAR_EVENT_KINDS } from '../../../../api/operations.js'
import { ErrorAlert } from '../../components/common.js'
import { deviceKeys, devicesApi } from '../../data/devices.js'
import { type CalendarEvent, lifecycleApi, lifecycleKeys } from '../../data/lifecycle.js'

/** "YYYY-MM-DD" of the local date `months` months from today (day 1 when `firstOfMonth`). */
function shiftMonths(months: number, firstOfMonth: boolean): string {
  const d = new Date()
  const out = new Date(d.getFullYear(), d.getMonth() + months, firstOfMonth ? 1 : d.getDate())
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${out.getFullYear()}-${pad(out.getMonth() + 1)}-${pad(out.getDate())}`
}

const KIND_COLOR: Record<CalendarEvent['kind'], string> = {
  support_end: 'orange',
  service_life_end: 'grape',
  rescan_due: 'blue',
}

const monthAnchor = (m: string) => `lc-month-${m}`

/**
 * The support-end (サポート終了) and service-life (耐用期間満了) calendar: a strip of months with their counts, then the
 * events grouped by month; dates already past are red. Filters: kind and department; the range runs from a year ago
 * to three years ahead, and the devices already past before it are counted above.
 */
export function CalendarSection() {
  const { t, i18n } = useTranslation()
  const [params, setParams] = useSearchParams()
  const kind = params.get('kind') ?? ''
  const department = params.get('department') ?? ''
  const filters = {
    from: shiftMonths(-12, true),
    to: shiftMonths(36, false),
    kind: kind || undefined,
    department: department || undefined,
  }
  const q = useQuery({ queryKey: lifecycleKeys.calendar(filters), queryFn: () => lifecycleApi.calendar(filters) })
  const facets = useQuery({ queryKey: deviceKeys.facets(), queryFn: devicesApi.facets })
  const set = (k: string, v: string | null) => {
    const next = new URLSearchParams(params)
    v ? next.set(k, v) : next.delete(k)
    setParams(next, { replace: true })
  }
  const byMonth = new Map<string, CalendarEvent[]>()
  // Without a kind chosen the list shows the dates (support and service life); re-scan dates have their own list below.
  for (const e of (q.data?.events ?? []).filter((x) => kind !== '' || x.kind !== 'rescan_due')) {
    const m = e.date.slice(0, 7)
    byMonth.set(m, [...(byMonth.get(m) ?? []), e])
  }
  const months = [...byMonth.keys()].sort()
  const monthLabel = (m: string) => {
    const [y, mo] = m.split('-').map(Number)
    return new Date(y ?? 2000, (mo ?? 1) - 1, 1).toLocaleDateString(i18n.language === 'ja' ? 'ja-JP' : 'en-GB', {
      year: 'numeric',
      month: 'short',
    })
  }
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="lc-calendar">
      <Title order={3} size="h4" id="lc-calendar" mb="xs">
        {t('lifecycle.calendar')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('lifecycle.calendarIntro')}
      </Text>
      <Group gap="md" align="end" mb="sm">
        <SegmentedControl
          aria-label={t('lifecycle.filterKind')}
          value={kind}
          onChange={(v) => set('kind', v || null)}
          data={[
            { value: '', label: t('lifecycle.kindDates') },
            ...CALENDAR_EVENT_KINDS.map((k) => ({ value: k, label: t(`lifecycle.kind.${k}`) })),
          ]}
        />
        <Select
          label={t('lifecycle.department')}
          clearable
          searchable
          data={facets.data?.departments ?? []}
          value={department || null}
          onChange={(v) => set('department', v)}
          w={240}
        />
      </Group>
      {q.error && <ErrorAlert error={q.error} />}
      {!q.data && !q.error && <Skeleton h={160} />}
      {q.data && (
        <Stack gap="sm">
          {(q.data.alreadyPast.supportEnd > 0 || q.data.alreadyPast.serviceLifeEnd > 0) && (
            <Text size="sm" c="red.7" fw={600} data-already-past>
              {t('lifecycle.alreadyPast', {
                support: q.data.alreadyPast.supportEnd,
                life: q.data.alreadyPast.serviceLifeEnd,
              })}
            </Text>
          )}
          <ScrollArea type="auto" offsetScrollbars>
            <Group gap={4} wrap="nowrap" aria-label={t('lifecycle.monthStrip')} role="list">
              {q.data.months.map((m) => {
                const past = m.month < new Date().toISOString().slice(0, 7)
                const total = m.supportEnd + m.serviceLifeEnd
                return (
                  <UnstyledButton
                    key={m.month}
                    role="listitem"
                    data-month={m.month}
                    aria-label={t('lifecycle.monthCount', {
                      month: monthLabel(m.month),
                      support: m.supportEnd,
                      life: m.serviceLifeEnd,
                    })}
                    onClick={() =>
                      document.getElementById(monthAnchor(m.month))?.scrollIntoView({ behavior: 'smooth' })
                    }
                  >
                    <Paper
                      withBorder
                      p={6}
                      w={84}
                      bg={total === 0 ? undefined : past ? 'red.0' : 'orange.0'}
                      style={{ textAlign: 'center' }}
                    >
                      <Text size="xs" c={past ? 'red.7' : undefined}>
                        {monthLabel(m.month)}
                      </Text>
                      <Text size="xs">
                        <span title={t('lifecycle.kind.support_end')}>{m.supportEnd}</span>
                        {' / '}
                        <span title={t('lifecycle.kind.service_life_end')}>{m.serviceLifeEnd}</span>
                      </Text>
                    </Paper>
                  </UnstyledButton>
                )
              })}
            </Group>
          </ScrollArea>
          <Text size="xs" c="dimmed">
            {t('lifecycle.stripLegend')}
          </Text>
          {months.length === 0 && (
            <Text size="sm" c="dimmed">
              {t('lifecycle.noEvents')}
            </Text>
          )}
          {months.map((m) => (
            <div key={m} id={monthAnchor(m)}>
              <Title order={4} size="h6" mt="xs" mb={4}>
                {monthLabel(m)}
              </Title>
              <MonthTable label={monthLabel(m)} events={byMonth.get(m) ?? []} />
            </div>
          ))}
        </Stack>
      )}
    </Paper>
  )
}

const MONTH_ROWS = 20

/** One month's events; a long month shows its first rows and a button for the rest. */
function MonthTable({ label, events }: { label: string; events: CalendarEvent[] }) {
  const { t } = useTranslation()
  const [all, setAll] = useState(false)
  const shown = all ? events : events.slice(0, MONTH_ROWS)
  return (
    <>
      <Table withTableBorder layout="fixed" verticalSpacing={4} aria-label={label}>
        <Table.Tbody>
          {shown.map((e) => (
            <EventRow key={`${e.kind}-${e.deviceId}-${e.date}`} e={e} />
          ))}
        </Table.Tbody>
      </Table>
      {shown.length < events.length && (
        <Button size="xs" variant="subtle" mt={4} onClick={() => setAll(true)}>
          {t('lifecycle.showAllMonth', { count: events.length })}
        </Button>
      )}
    </>
  )
}

function EventRow({ e }: { e: CalendarEvent }) {
  const { t } = useTranslation()
  const past = e.daysLeft < 0
  return (
    <Table.Tr data-event={e.kind} data-device={e.deviceId} data-past={past || undefined}>
      <Table.Td w={110} c={past ? 'red.7' : undefined} fw={past ? 700 : undefined}>
        {e.date}
      </Table.Td>
      <Table.Td w={150}>
        <Badge color={KIND_COLOR[e.kind]} variant="light">
          {t(`lifecycle.kind.${e.kind}`)}
        </Badge>
      </Table.Td>
      <Table.Td>
        <Anchor component={Link} to={`/devices/${encodeURIComponent(e.deviceId)}`}>
          {e.assetTag ?? e.name ?? e.deviceId}
        </Anchor>{' '}
        {e.name && e.assetTag ? e.name : ''}
        {e.lifeCritical && (
          <Badge ml={4} size="xs" color="pink" variant="light">
            {t('fields.lifeCritical')}
          </Badge>
        )}
      </Table.Td>
      <Table.Td>{e.model ?? '—'}</Table.Td>
      <Table.Td>{e.department ?? '—'}</Table.Td>
      <Table.Td w={130} c={past ? 'red.7' : undefined}>
        {past ? t('lifecycle.daysAgo', { days: -e.daysLeft }) : t('lifecycle.daysLeft', { days: e.daysLeft })}
      </Table.Td>
    </Table.Tr>
  )
}
