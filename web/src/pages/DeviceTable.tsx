import { Anchor, Badge, Button, Checkbox, Group, Paper, Popover, Stack, Text } from '@mantine/core'
import { IconArrowDown, IconArrowUp, IconColumns, IconSelector } from '@tabler/icons-react'
import { useVirtualizer } from '@tanstack/react-virtual'
import type { TFunction } from 'i18next'
import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate } from 'react-router-dom'
import type { Device } from '../../../api/device.js'
import type { SortField } from '../data/device-list.js'

interface Column {
  id: string
  sort: SortField | null
  /** Relative width; visible columns share the table width in proportion, so hiding one widens the others. */
  width: number
  render: (d: Device) => string
}

/** Badge colour per ledger status. */
const STATUS_COLOR: Record<Device['status'], string> = {
  in_use: 'teal',
  in_storage: 'gray',
  decommissioned: 'dark',
  acceptance: 'orange',
}

const ROW_HEIGHT = 34
/** Rows fetched ahead without scrolling; a ledger of this size stays well under 50 MB in the browser. */
const PREFETCH_ROWS = 20_000

function columnsFor(t: TFunction): Column[] {
  return [
    { id: 'assetTag', sort: 'assetTag', width: 9.5, render: (d) => d.assetTag ?? '' },
    { id: 'department', sort: 'department', width: 9, render: (d) => d.department ?? '' },
    { id: 'kind', sort: 'kind', width: 7, render: (d) => t(`enums.kind.${d.kind}`) },
    { id: 'name', sort: 'name', width: 10, render: (d) => d.name ?? '' },
    { id: 'location', sort: null, width: 9, render: (d) => d.location ?? '' },
    { id: 'category', sort: 'category', width: 9.5, render: (d) => t(`enums.category.${d.category}`) },
    { id: 'manufacturer', sort: 'manufacturer', width: 9, render: (d) => d.manufacturer ?? '' },
    { id: 'model', sort: 'model', width: 9.5, render: (d) => d.model ?? '' },
    { id: 'hostname', sort: 'hostname', width: 9, render: (d) => d.hostname ?? '' },
    { id: 'ipAddresses', sort: null, width: 9, render: (d) => d.ipAddresses.join(', ') },
    { id: 'os', sort: null, width: 11, render: (d) => [d.os, d.osVersion].filter(Boolean).join(' ') },
    { id: 'status', sort: 'status', width: 5.5, render: (d) => t(`enums.status.${d.status}`) },
    { id: 'serviceLifeEnd', sort: 'serviceLifeEnd', width: 7.5, render: (d) => d.serviceLifeEnd ?? '' },
    { id: 'supportEnd', sort: 'supportEnd', width: 7.5, render: (d) => d.supportEnd ?? '' },
  ]
}

interface RowProps {
  d: Device
  index: number
  columns: Column[]
  today: string
  noTag: string
  onOpen: (id: string) => void
}

/** One device row; memoised so scrolling renders only the rows that come into view. */
const DeviceRow = memo(function DeviceRow({ d, index, columns, today, noTag, onOpen }: RowProps) {
  return (
    <tr className="row" aria-rowindex={index + 2} onClick={() => onOpen(d.id)}>
      {columns.map((c, i) => {
        const value = c.render(d)
        if (i === 0) {
          return (
            <td key={c.id} title={value}>
              <Anchor component={Link} to={`/devices/${d.id}`} onClick={(e) => e.stopPropagation()} size="sm" fw={500}>
                {value || noTag}
              </Anchor>
            </td>
          )
        }
        if (c.id === 'status') {
          return (
            <td key={c.id}>
              <Badge size="xs" variant="light" color={STATUS_COLOR[d.status]}>
                {value}
              </Badge>
            </td>
          )
        }
        const expired = (c.id === 'serviceLifeEnd' || c.id === 'supportEnd') && value !== '' && value < today
        return (
          <td
            key={c.id}
            title={value}
            style={expired ? { color: 'var(--mantine-color-red-7)', fontWeight: 600 } : undefined}
          >
            {value}
          </td>
        )
      })}
    </tr>
  )
})

/** Columns shown until a person chooses (the asset tag is always shown: it opens the device). */
const DEFAULT_COLUMNS = [
  'assetTag',
  'department',
  'kind',
  'name',
  'category',
  'manufacturer',
  'model',
  'hostname',
  'ipAddresses',
  'os',
  'status',
  'serviceLifeEnd',
  'supportEnd',
]
const COLUMNS_KEY = 'mamori.deviceColumns'

/** The chosen columns, kept in this browser's localStorage so the list looks the same next time. */
function useColumnChoice(all: readonly string[]): [string[], (ids: string[]) => void] {
  const [chosen, setChosen] = useState<string[]>(() => {
    try {
      const saved: unknown = JSON.parse(localStorage.getItem(COLUMNS_KEY) ?? 'null')
      if (Array.isArray(saved)) {
        const ids = saved.filter((x): x is string => typeof x === 'string' && all.includes(x))
        if (ids.length > 0) return ids
      }
    } catch {
      // A damaged value falls back to the default columns.
    }
    return DEFAULT_COLUMNS
  })
  const save = useCallback((ids: string[]) => {
    setChosen(ids)
    try {
      localStorage.setItem(COLUMNS_KEY, JSON.stringify(ids))
    } catch {
      // Private mode or full storage: the choice lasts for this page only.
    }
  }, [])
  return [chosen, save]
}

function columnName(t: TFunction, exists: (k: string) => boolean, id: string): string {
  // Some field names are long for a column; the table has short forms (devices.col.*), and a label of its own for
  // a field the form may not label yet (deviceColumns.*).
  if (exists(`devices.col.${id}`)) return t(`devices.col.${id}`)
  if (exists(`fields.${id}`)) return t(`fields.${id}`)
  return t(`deviceColumns.${id}`, { defaultValue: id })
}

/** A "Columns" button with one checkbox per column; the asset tag cannot be hidden. */
function ColumnChooser({
  all,
  chosen,
  onChange,
}: {
  all: Column[]
  chosen: string[]
  onChange: (ids: string[]) => void
}) {
  const { t, i18n } = useTranslation()
  return (
    <Popover position="bottom-end" shadow="md" withinPortal>
      <Popover.Target>
        <Button size="xs" variant="default" leftSection={<IconColumns size={14} />}>
          {t('deviceColumns.choose')}
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Checkbox.Group
          label={t('deviceColumns.choose')}
          value={chosen}
          onChange={(ids) => onChange(all.map((c) => c.id).filter((id) => id === 'assetTag' || ids.includes(id)))}
        >
          <Stack gap={6} mt="xs">
            {all.map((c) => (
              <Checkbox
                key={c.id}
                value={c.id}
                size="xs"
                disabled={c.id === 'assetTag'}
                label={i18n.exists(`fields.${c.id}`) ? t(`fields.${c.id}`) : columnName(t, i18n.exists, c.id)}
              />
            ))}
          </Stack>
        </Checkbox.Group>
        <Button size="compact-xs" variant="subtle" mt="sm" onClick={() => onChange(DEFAULT_COLUMNS)}>
          {t('deviceColumns.reset')}
        </Button>
      </Popover.Dropdown>
    </Popover>
  )
}

export interface DeviceTableProps {
  rows: Device[]
  total: number
  isPending: boolean
  sort: SortField
  order: 'asc' | 'desc'
  onSort: (field: SortField) => void
  hasNextPage: boolean
  isFetchingNextPage: boolean
  fetchNextPage: () => unknown
}

/**
 * The virtualized ledger table: only the visible rows (plus a small overscan) are in the DOM, with spacer rows above
 * and below so the scrollbar reflects every device. Scroll state lives here, so scrolling does not re-render the
 * filters above it.
 */
export function DeviceTable(props: DeviceTableProps) {
  const { rows, total, isPending, sort, order, onSort, hasNextPage, isFetchingNextPage, fetchNextPage } = props
  const { t, i18n } = useTranslation()
  const navigate = useNavigate()
  const allColumns = useMemo(() => columnsFor(t), [t])
  const [chosen, setChosen] = useColumnChoice(allColumns.map((c) => c.id))
  const columns = useMemo(() => {
    const shown = allColumns.filter((c) => c.id === 'assetTag' || chosen.includes(c.id))
    const sum = shown.reduce((n, c) => n + c.width, 0)
    return shown.map((c) => ({ ...c, width: (c.width / sum) * 100 }))
  }, [allColumns, chosen])
  const onOpen = useCallback((id: string) => navigate(`/devices/${id}`), [navigate])
  const today = useMemo(() => new Date().toISOString().slice(0, 10), [])

  const scrollRef = useRef<HTMLDivElement>(null)
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 15,
  })
  const items = virtualizer.getVirtualItems()
  const lastVisible = items[items.length - 1]?.index ?? 0

  useEffect(() => {
    // Keep loading in the background up to PREFETCH_ROWS so a jump to the end is instant; past that, on demand.
    const wanted = lastVisible >= rows.length - 50 || rows.length < PREFETCH_ROWS
    if (hasNextPage && !isFetchingNextPage && wanted) void fetchNextPage()
  }, [lastVisible, rows.length, hasNextPage, isFetchingNextPage, fetchNextPage])

  const paddingTop = items[0]?.start ?? 0
  const paddingBottom = items.length > 0 ? virtualizer.getTotalSize() - (items[items.length - 1]?.end ?? 0) : 0
  const noTag = t('devices.noTag')

  return (
    <Paper withBorder>
      <Group justify="flex-end" p={6}>
        <ColumnChooser all={allColumns} chosen={chosen} onChange={setChosen} />
      </Group>
      <div ref={scrollRef} style={{ height: 'calc(100vh - 290px)', minHeight: 320, overflow: 'auto' }}>
        <table className="device-grid" aria-rowcount={total + 1} aria-label={t('devices.title')}>
          <colgroup>
            {columns.map((c) => (
              <col key={c.id} style={{ width: `${c.width}%` }} />
            ))}
          </colgroup>
          <thead>
            <tr aria-rowindex={1}>
              {columns.map((c) => {
                const active = c.sort !== null && c.sort === sort
                const name = columnName(t, i18n.exists, c.id)
                return (
                  <th
                    key={c.id}
                    title={name}
                    scope="col"
                    aria-sort={active ? (order === 'asc' ? 'ascending' : 'descending') : undefined}
                  >
                    {c.sort ? (
                      <button type="button" onClick={() => c.sort && onSort(c.sort)}>
                        <span>{name}</span>
                        {active ? (
                          order === 'asc' ? (
                            <IconArrowUp size={12} aria-hidden />
                          ) : (
                            <IconArrowDown size={12} aria-hidden />
                          )
                        ) : (
                          <IconSelector size={12} aria-hidden color="var(--mantine-color-gray-5)" />
                        )}
                      </button>
                    ) : (
                      <span className="plain">{name}</span>
                    )}
                  </th>
                )
              })}
            </tr>
          </thead>
          <tbody>
            {paddingTop > 0 && (
              <tr aria-hidden>
                <td colSpan={columns.length} style={{ height: paddingTop, padding: 0, border: 0 }} />
              </tr>
            )}
            {items.map((vi) => {
              const d = rows[vi.index]
              if (!d) {
                return (
                  <tr key={vi.key} aria-rowindex={vi.index + 2}>
                    <td colSpan={columns.length}>
                      <Text size="xs" c="dimmed">
                        {t('common.loading')}
                      </Text>
                    </td>
                  </tr>
                )
              }
              return (
                <DeviceRow
                  key={d.id}
                  d={d}
                  index={vi.index}
                  columns={columns}
                  today={today}
                  noTag={noTag}
                  onOpen={onOpen}
                />
              )
            })}
            {paddingBottom > 0 && (
              <tr aria-hidden>
                <td colSpan={columns.length} style={{ height: paddingBottom, padding: 0, border: 0 }} />
              </tr>
            )}
          </tbody>
        </table>
        {!isPending && total === 0 && (
          <Text ta="center" c="dimmed" p="xl">
            {t('devices.empty')}
          </Text>
        )}
      </div>
    </Paper>
  )
}
